import SchemaBuilder from '@pothos/core'
import PrismaPlugin from '@pothos/plugin-prisma'
import RelayPlugin from '@pothos/plugin-relay'
import type { Context } from '../context.js'
import type PrismaTypes from '../db/generated/pothos-types.js'
import { getDatamodel } from '../db/generated/pothos-types.js'

export const builder = new SchemaBuilder<{
  Context: Context
  PrismaTypes: PrismaTypes
  DefaultFieldNullability: false
  Scalars: {
    DateTime: { Input: Date; Output: Date }
    JSON: { Input: unknown; Output: unknown }
    BigInt: { Input: bigint; Output: bigint | number }
    File: { Input: File; Output: never }
  }
  Connection: { totalCount: number | (() => number | Promise<number>) }
}>({
  defaultFieldNullability: false,
  plugins: [RelayPlugin, PrismaPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesOnConnection: true,
    // `node` and `nodes` are defined in nodes.ts: Pothos's refuse a whole list for one bad id.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    defaultConnectionSize: 20,
    maxConnectionSize: 100,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
})

builder.globalConnectionField('totalCount', (t) =>
  t.int({
    description: 'How many items the whole connection holds, across all pages.',
    resolve: (parent) => (typeof parent.totalCount === 'function' ? parent.totalCount() : parent.totalCount),
  }),
)

builder.queryType({})
builder.mutationType({})
builder.subscriptionType({})
