// A scoped API token runs only the mutations that act on images, each of which checks the
// token's scopes on its image (src/catalog/visibility.ts); any other mutation is FORBIDDEN to it.
// Wrapped around the Mutation type's resolvers once per schema, as the audit log is.
import { defaultFieldResolver, type GraphQLSchema } from 'graphql'
import { SCOPED_MUTATIONS } from '../catalog/scopes.js'
import { AccessError } from '../errors.js'
import type { Viewer } from './viewer.js'

const guarded = new WeakSet<GraphQLSchema>()

export function guardScopedTokens(schema: GraphQLSchema): void {
  if (guarded.has(schema)) return
  guarded.add(schema)
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (SCOPED_MUTATIONS.has(field.name)) continue
    const resolve = field.resolve ?? defaultFieldResolver
    field.resolve = (source, args, context: { viewer: Viewer | null }, info) => {
      if (context.viewer?.scopes) throw new AccessError('FORBIDDEN', `A scoped API token cannot run ${info.fieldName}; use a token without scopes`)
      return resolve(source, args, context, info)
    }
  }
}
