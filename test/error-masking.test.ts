// What a client sees of an error raised while its answer is made. A row deleted by a concurrent
// request between a mutation and the fields of its payload is a race the client can see for
// itself: NOT_FOUND, never INTERNAL_SERVER_ERROR (the hostile-requests run found one). The error
// is Prisma's own, from a real database.
import { GraphQLError } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorMasking } from '../src/errors-masking.js'
import { createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'
import { runLogger } from './support/run-log.js'

describe(`errors while an answer is made (${databaseKind})`, () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
  })
  afterAll(() => world?.dispose())

  it('answers a row deleted meanwhile as NOT_FOUND on its field', async () => {
    const missing = await world.app.db.tag.findUniqueOrThrow({ where: { id: 987_654 } }).catch((error: unknown) => error)
    const located = new GraphQLError('x', { path: ['tagImage', 'tags', 0, 'reference'], originalError: missing as Error })
    const masked = errorMasking(runLogger()).maskError(located, 'Unexpected error.') as GraphQLError
    expect(masked.extensions).toEqual({ code: 'NOT_FOUND' })
    expect(masked.path).toEqual(['tagImage', 'tags', 0, 'reference'])
    expect(masked.message).toBe('It was deleted while the answer was being made')
  })

  it('still answers anything else unplanned as INTERNAL_SERVER_ERROR with an incident', async () => {
    const located = new GraphQLError('x', { path: ['images'], originalError: new Error('boom') })
    const masked = errorMasking(runLogger()).maskError(located, 'Unexpected error.') as GraphQLError
    expect(masked.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', incident: expect.any(String) })
    expect(masked.message).toBe('Unexpected error.')
  })
})
