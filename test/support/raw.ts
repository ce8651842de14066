// Operations written as plain text, for tests that generate documents (the authorization
// matrix, the bad-input sweep) rather than name each one for codegen.
import { ADMIN_TOKEN, type GraphQLResponse, type World } from './world.js'

/** Runs `query` as `token` (the admin's unless given; null = anonymous) through yoga.fetch. */
export async function runText(world: World, query: string, variables: Record<string, unknown> = {}, token: string | null = ADMIN_TOKEN) {
  const response = await world.post(JSON.stringify({ query, variables }), {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  })
  return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<Record<string, unknown>>
}

/** Sends `query` as a GraphQL multipart request with one file at variables.input.source. */
export async function runTextWithFile(world: World, query: string, variables: Record<string, unknown>, file: File, token: string | null) {
  const form = new FormData()
  form.set('operations', JSON.stringify({ query, variables }))
  form.set('map', JSON.stringify({ 0: ['variables.input.source'] }))
  form.set('0', file)
  const response = await world.post(form, token ? { authorization: `Bearer ${token}` } : {})
  return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse<Record<string, unknown>>
}
