// Trusted documents: the manifest codegen's client preset writes (test/gql/persisted-documents.json,
// sha256 hash to document). PERSISTED_OPERATIONS=only runs nothing else, allow runs both,
// off ignores the manifest. A document is named by the `documentId` request field (the
// GraphQL-over-HTTP draft's) or by Apollo's extensions.persistedQuery.sha256Hash.
import { readFileSync } from 'node:fs'
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations'
import { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { ConfigError, type Config } from '../config.js'

interface Params {
  query?: string | null
  documentId?: unknown
  extensions?: Record<string, unknown> | null
}

function documentIdOf(params: Params): string | null {
  if (typeof params.documentId === 'string') return params.documentId
  const apollo = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined
  return typeof apollo?.sha256Hash === 'string' ? apollo.sha256Hash : null
}

// Refused before anything ran: 400 for clients of the GraphQL-over-HTTP spec, like other such errors.
const refusal = (code: string, message: string) => ({ message, extensions: { code, http: { status: 400, spec: true } } })
const NOT_FOUND = refusal('PERSISTED_QUERY_NOT_FOUND', 'No trusted document has this documentId')
const ONLY_TRUSTED = refusal('PERSISTED_QUERY_ONLY', 'This server runs trusted documents only: send the documentId of one, not the document')
const ID_REQUIRED = refusal('PERSISTED_QUERY_ID_REQUIRED', 'Send a document, or the documentId of a trusted one')

function readManifest(file: string): Map<string, string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError('PERSISTED_OPERATIONS_MANIFEST', `must be a readable JSON file (${(error as Error).message})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((each) => typeof each !== 'string')) {
    throw new ConfigError('PERSISTED_OPERATIONS_MANIFEST', 'must be a JSON object of documents by hash')
  }
  return new Map(Object.entries(parsed as Record<string, string>))
}

export function trustedDocuments(config: Config): {
  plugins: Plugin[]
  /** For graphql-ws, which yoga's request pipeline does not see: the document to run, or the refusal. */
  documentFor(params: Params): string
} {
  const mode = config.persistedOperations
  if (mode === 'off') return { plugins: [], documentFor: (params) => params.query ?? '' }
  const manifest = readManifest(config.persistedOperationsManifest!)
  // Codegen's keys are "sha256:<hex>"; Apollo's clients send the bare hex.
  const lookUp = (id: string) => manifest.get(id) ?? manifest.get(`sha256:${id}`)
  const plugin = usePersistedOperations({
    getPersistedOperation: (id) => lookUp(id) ?? null,
    extractPersistedOperationId: (params) => documentIdOf(params as Params),
    allowArbitraryOperations: mode === 'allow',
    customErrors: { notFound: NOT_FOUND, persistedQueryOnly: ONLY_TRUSTED, keyNotFound: ID_REQUIRED },
  })
  const refuse = ({ message, extensions }: typeof NOT_FOUND) => new GraphQLError(message, { extensions: { code: extensions.code } })
  return {
    plugins: [plugin as Plugin],
    documentFor(params) {
      if (params.query) {
        if (mode === 'only') throw refuse(ONLY_TRUSTED)
        return params.query
      }
      const id = documentIdOf(params)
      if (id === null) throw refuse(ID_REQUIRED)
      const document = lookUp(id)
      if (document === undefined) throw refuse(NOT_FOUND)
      return document
    },
  }
}
