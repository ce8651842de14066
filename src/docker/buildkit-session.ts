// The client side of a BuildKit session: the gRPC server the engine calls back, over a
// connection hijacked from POST /session, for what only the client has (here: the build's
// secrets). dockerode's own session serves only registry credentials and no health check, so
// the engine drops it after its first health probe (one second in) and any later
// `RUN --mount=type=secret` fails with "no active session".
import type { Socket } from 'node:net'
import { randomUUID } from 'node:crypto'
import type Docker from 'dockerode'

// The three services, as BuildKit defines them (session/secrets/secrets.proto,
// session/auth/auth.proto, grpc's health.proto), trimmed to the calls the engine makes.
const SECRETS_PROTO = `
syntax = "proto3";
package moby.buildkit.secrets.v1;
service Secrets { rpc GetSecret(GetSecretRequest) returns (GetSecretResponse); }
message GetSecretRequest { string ID = 1; map<string, string> annotations = 2; }
message GetSecretResponse { bytes data = 1; }
`
const AUTH_PROTO = `
syntax = "proto3";
package moby.filesync.v1;
service Auth { rpc Credentials(CredentialsRequest) returns (CredentialsResponse); }
message CredentialsRequest { string Host = 1; }
message CredentialsResponse { string Username = 1; string Secret = 2; }
`
const HEALTH_PROTO = `
syntax = "proto3";
package grpc.health.v1;
service Health { rpc Check(HealthCheckRequest) returns (HealthCheckResponse); }
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse { enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; } ServingStatus status = 1; }
`
const METHODS = ['/moby.buildkit.secrets.v1.Secrets/GetSecret', '/moby.filesync.v1.Auth/Credentials', '/grpc.health.v1.Health/Check']

export interface BuildSession {
  id: string
  close(): void
}

interface GrpcStack {
  grpc: typeof import('@grpc/grpc-js')
  services: { secrets: import('@grpc/grpc-js').ServiceDefinition; auth: import('@grpc/grpc-js').ServiceDefinition; health: import('@grpc/grpc-js').ServiceDefinition }
}

let stack: Promise<GrpcStack> | undefined

/** gRPC and protobuf are loaded on the first BuildKit build, not at start (see engine.ts). */
function loadStack(): Promise<GrpcStack> {
  return (stack ??= (async () => {
    const grpc = await import('@grpc/grpc-js')
    const protobuf = (await import('protobufjs')).default
    const loader = await import('@grpc/proto-loader')
    const lookup = (source: string, path: string) => {
      const definition = loader.fromJSON(protobuf.parse(source, { keepCase: true }).root.toJSON(), { keepCase: true })
      let node: unknown = grpc.loadPackageDefinition(definition)
      for (const part of path.split('.')) node = (node as Record<string, unknown>)[part]
      return (node as { service: import('@grpc/grpc-js').ServiceDefinition }).service
    }
    return {
      grpc,
      services: {
        secrets: lookup(SECRETS_PROTO, 'moby.buildkit.secrets.v1.Secrets'),
        auth: lookup(AUTH_PROTO, 'moby.filesync.v1.Auth'),
        health: lookup(HEALTH_PROTO, 'grpc.health.v1.Health'),
      },
    }
  })())
}

/**
 * Opens a session on the engine that hands out `secrets` (id -> value) to the build that names
 * it, and nothing else: registry credentials are not lent (bases come from the engine itself).
 * The values stay in this process's memory; the engine asks for each when a RUN mounts it.
 */
export async function openBuildSession(docker: Docker, secrets: ReadonlyMap<string, string>): Promise<BuildSession> {
  const { grpc, services } = await loadStack()
  const id = randomUUID()
  const socket = await new Promise<Socket>((resolve, reject) => {
    docker.modem.dial(
      {
        method: 'POST',
        path: '/session',
        hijack: true,
        headers: {
          Upgrade: 'h2c',
          'X-Docker-Expose-Session-Uuid': id,
          'X-Docker-Expose-Session-Name': 'image-catalog',
          'X-Docker-Expose-Session-Sharedkey': id,
          'X-Docker-Expose-Session-Grpc-Method': METHODS,
        },
        statusCodes: { 101: true, 200: true, 500: 'server error' },
      } as never,
      (error: unknown, socket: unknown) => (error ? reject(error) : resolve(socket as Socket)),
    )
  })
  const server = new grpc.Server()
  server.addService(services.health, { Check: (_call: unknown, done: (error: null, reply: object) => void) => done(null, { status: 'SERVING' }) })
  server.addService(services.auth, { Credentials: (_call: unknown, done: (error: null, reply: object) => void) => done(null, {}) })
  server.addService(services.secrets, {
    GetSecret: (call: { request: { ID: string } }, done: (error: object | null, reply?: object) => void) => {
      const value = secrets.get(call.request.ID)
      // NOT_FOUND is what BuildKit turns into "secret <id> not found" (or skips, for required=false).
      if (value === undefined) done({ code: grpc.status.NOT_FOUND, details: `secret ${call.request.ID} not found` })
      else done(null, { data: Buffer.from(value, 'utf8') })
    },
  })
  server.createConnectionInjector(grpc.ServerCredentials.createInsecure()).injectConnection(socket)
  return {
    id,
    close: () => {
      server.forceShutdown()
      socket.destroy()
    },
  }
}
