// GraphQL Code Generator: typed documents for every operation the tests send.
// `npm run codegen` rewrites test/gql/; a test fails when that output is stale.
import type { CodegenConfig } from '@graphql-codegen/cli'

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', 'bench/**/*.ts', '!test/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'test/gql/': {
      preset: 'client',
      // persisted-documents.json: the trusted documents (src/protection/persisted.ts), by sha256 as Apollo names them.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        documentMode: 'string',
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', BigInt: 'number', JSON: 'unknown', File: 'File' },
      },
    },
  },
}

export default config
