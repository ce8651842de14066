// Every mutation field writes an audit entry once it has resolved: its payload's userErrors
// (whatever the client selected of it) or its error decide the outcome, and the input's ID
// arguments name the target. Wrapped around the Mutation type's resolvers once per schema, and
// the log taken from each request's context, so any number of apps in one process share it.
import { decodeGlobalID } from '@pothos/plugin-relay'
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql'
import type { Viewer } from '../auth/viewer.js'
import { parseRowId } from '../schema/nodes.js'
import type { AuditEntry, AuditLog, AuditOutcome } from './audit-log.js'

interface AuditContext {
  viewer: Viewer | null
  client?: { address: string }
  services: { audit: AuditLog }
}

const DENIED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN'])
/** Arguments that name what a mutation acts on, most specific first. */
const TARGET_ARGUMENTS = ['id', 'teamId', 'robotId', 'buildId', 'tagId', 'pullId', 'pushId', 'versionId', 'registryId', 'categoryId', 'userId', 'imageId', 'organizationId']
const wrapped = new WeakSet<GraphQLSchema>()

export function auditMutations(schema: GraphQLSchema): void {
  if (wrapped.has(schema)) return
  wrapped.add(schema)
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver
    field.resolve = async (source, args, context: AuditContext, info) => {
      const targets = targetsOf(args)
      let organizationId = await context.services.audit.organizationOf(targets.target, targets.imageId)
      const entry = (outcome: AuditOutcome, detail: string | null): AuditEntry => ({
        actor: context.viewer,
        address: context.client?.address ?? null,
        action: `mutation.${info.fieldName}`,
        ...targets,
        organizationId,
        outcome,
        detail,
      })
      let payload: unknown
      try {
        payload = await resolve(source, args, context, info)
      } catch (error) {
        const code = error instanceof GraphQLError ? String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR') : 'INTERNAL_SERVER_ERROR'
        await context.services.audit.record(entry(DENIED_CODES.has(code) ? 'DENIED' : 'FAILED', code))
        throw error
      }
      const userErrors = (payload as { userErrors?: { code?: string; field?: string[] }[] } | null)?.userErrors ?? []
      // A new organization is known only once made.
      organizationId ??= (payload as { organization?: { id?: unknown } } | null)?.organization?.id as number | undefined ?? null
      await context.services.audit.record(
        userErrors.length > 0 ? entry('REJECTED', userErrors.map((error) => `${error.code ?? 'INVALID'} ${(error.field ?? []).join('.')}`.trim()).join(', ')) : entry('OK', null),
      )
      return payload
    }
  }
}

/** The node the arguments name (and its image, when an imageId is among them); only IDs, never values. */
function targetsOf(args: Record<string, unknown>): Pick<AuditEntry, 'target' | 'imageId'> {
  const input = typeof args.input === 'object' && args.input !== null ? (args.input as Record<string, unknown>) : args
  let target: AuditEntry['target'] = null
  for (const name of TARGET_ARGUMENTS) {
    target = nodeOf(input[name] ?? args[name])
    if (target) break
  }
  const image = nodeOf(input.imageId ?? args.imageId)
  return { target, imageId: image?.type === 'Image' ? image.id : target?.type === 'Image' ? target.id : null }
}

function nodeOf(value: unknown): { type: string; id: number } | null {
  if (typeof value !== 'string' || value.length > 200) return null
  try {
    const { typename, id } = decodeGlobalID(value)
    const row = parseRowId(id)
    return /^[A-Za-z]{1,40}$/.test(typename) && row !== null ? { type: typename, id: row } : null
  } catch {
    return null
  }
}
