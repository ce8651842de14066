// GraphQL over WebSocket (the graphql-ws protocol) on the same /graphql endpoint, through
// yoga's own envelop, so auth, limits and error masking are those of HTTP requests.
import type { Server } from 'node:http'
import { GraphQLError, type ExecutionArgs } from 'graphql'
import { useServer } from 'graphql-ws/use/ws'
import type { YogaServerInstance } from 'graphql-yoga'
import { WebSocketServer } from 'ws'
import type { Context } from './context.js'
import { coalesceWritesPerTurn } from './write-coalescing.js'
import { newRequestRecord, REQUEST_ID_HEADER, requestIdFrom } from './observability/request-log.js'

type Enveloped = { execute: (args: ExecutionArgs) => never; subscribe: (args: ExecutionArgs) => never }

/** Closes a connection when the server stops (1001 is "going away"). */
const GOING_AWAY = 1001

/** The document a subscribe message runs: its own, or a trusted one named by its documentId (src/protection/persisted.ts). */
type DocumentFor = (params: { query?: string | null; documentId?: unknown; extensions?: Record<string, unknown> | null }) => string

interface WebSocketOptions {
  /** True once the server stops: new connections are refused. */
  refusing: () => boolean
  documentFor: DocumentFor
}

export function serveWebSockets(server: Server, yoga: YogaServerInstance<{}, Context>, { refusing, documentFor }: WebSocketOptions): () => Promise<void> {
  const wsServer = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    verifyClient: (_info, accept) => (refusing() ? accept(false, 503, 'Server shutting down') : accept(true)),
  })
  // A subscription's events go out as they come: those of one turn in one write (write-coalescing.ts).
  wsServer.on('connection', (_socket, upgrade) => coalesceWritesPerTurn(upgrade.socket))
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as Enveloped).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args as ExecutionArgs),
      onSubscribe: async (ctx, _id, params) => {
        // Browsers cannot set headers on a WebSocket: the token comes in connectionParams.
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization
        const request = new Request('http://localhost/graphql', {
          headers: typeof authorization === 'string' ? { authorization } : {},
        })
        const upgrade = ctx.extra.request
        const requestRecord = newRequestRecord({
          id: requestIdFrom(upgrade.headers[REQUEST_ID_HEADER] as string | undefined),
          transport: 'ws',
          method: 'WS',
          path: yoga.graphqlEndpoint,
          client: upgrade.socket.remoteAddress,
        })
        // The upgrade request is the client's: its socket gives the address the limits count by.
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({ ...ctx, request, req: upgrade, params, requestRecord })
        try {
          const args = {
            schema,
            operationName: params.operationName,
            document: parse(documentFor(params)),
            variableValues: params.variables,
            contextValue: await contextFactory(),
            rootValue: { execute, subscribe },
          }
          const errors = validate(args.schema, args.document)
          return errors.length > 0 ? errors : args
        } catch (error) {
          // Refusals (an untrusted document, a bad token, too many failed sign-ins) go to the client as errors.
          if (error instanceof GraphQLError) return [error]
          throw error
        }
      },
    },
    wsServer,
  )
  return async () => {
    // Their subscriptions have ended with SHUTTING_DOWN by now (src/lifecycle/shutdown.ts).
    for (const client of wsServer.clients) client.close(GOING_AWAY, 'Server shutting down')
    await disposable.dispose()
    await new Promise<void>((resolve) => wsServer.close(() => resolve()))
  }
}
