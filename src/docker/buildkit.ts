// Builds on the engine's BuildKit (POST /build?version=2): the build runs in a session of our
// own (buildkit-session.ts, which serves its secrets), and its progress arrives as
// `moby.buildkit.trace` events whose `aux` is a protobuf StatusResponse, decoded here.
import type Docker from 'dockerode'
import { openBuildSession, type BuildSession } from './buildkit-session.js'

/** BuildKit's control.proto StatusResponse, trimmed to what a build's steps need. */
const STATUS_PROTO = `
syntax = "proto3";
package moby.buildkit.v1;
message StatusResponse { repeated Vertex vertexes = 1; repeated VertexStatus statuses = 2; repeated VertexLog logs = 3; }
message Vertex { string digest = 1; repeated string inputs = 2; string name = 3; bool cached = 4; Timestamp started = 5; Timestamp completed = 6; string error = 7; }
message VertexStatus { string ID = 1; string vertex = 2; string name = 3; int64 current = 4; int64 total = 5; }
message VertexLog { string vertex = 1; Timestamp timestamp = 2; int64 stream = 3; bytes msg = 4; }
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
`

export interface Vertex {
  digest: string
  name: string
  cached: boolean
  started: Date | null
  completed: Date | null
  error: string | null
}

export interface VertexLog {
  vertex: string
  /** 1 for stdout, 2 for stderr. */
  stream: number
  data: Buffer
}

export interface BuildKitStatus {
  vertexes: Vertex[]
  logs: VertexLog[]
}

type Decoder = (aux: string) => BuildKitStatus
let decoder: Promise<Decoder> | undefined

interface RawTimestamp {
  seconds?: number | string
  nanos?: number
}
const instant = (at: RawTimestamp | null | undefined) => (at ? new Date(Number(at.seconds ?? 0) * 1000 + Math.floor((at.nanos ?? 0) / 1e6)) : null)

/** A decoder of BuildKit's status messages; protobufjs is loaded on the first BuildKit build. */
export function statusDecoder(): Promise<Decoder> {
  return (decoder ??= (async () => {
    const protobuf = (await import('protobufjs')).default
    const type = protobuf.parse(STATUS_PROTO, { keepCase: true }).root.lookupType('moby.buildkit.v1.StatusResponse')
    return (aux: string) => {
      const message = type.toObject(type.decode(Buffer.from(aux, 'base64')), { longs: Number, defaults: false }) as {
        vertexes?: Array<{ digest: string; name?: string; cached?: boolean; started?: RawTimestamp; completed?: RawTimestamp; error?: string }>
        logs?: Array<{ vertex: string; stream?: number; msg?: Uint8Array }>
      }
      return {
        vertexes: (message.vertexes ?? []).map((vertex) => ({
          digest: vertex.digest,
          name: vertex.name ?? '',
          cached: vertex.cached ?? false,
          started: instant(vertex.started),
          completed: instant(vertex.completed),
          error: vertex.error || null,
        })),
        logs: (message.logs ?? []).map((log) => ({ vertex: log.vertex, stream: Number(log.stream ?? 1), data: Buffer.from(log.msg ?? []) })),
      }
    }
  })())
}

export interface BuildKitOptions {
  /** The image name the build produces. */
  t: string
  dockerfile: string
  buildargs: Record<string, string>
  labels: Record<string, string>
  target?: string
  platform?: string
  nocache: boolean
  networkmode: string
}

/**
 * Starts a BuildKit build of `context` (a tar stream); resolves with the engine's progress
 * stream once the engine has taken the request, and the session, to close when the stream ends.
 */
export async function startBuildKitBuild(
  docker: Docker,
  context: NodeJS.ReadableStream,
  options: BuildKitOptions,
  secrets: ReadonlyMap<string, string>,
  signal: AbortSignal,
): Promise<{ stream: NodeJS.ReadableStream; session: BuildSession }> {
  const session = await openBuildSession(docker, secrets)
  try {
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      const { target, platform, ...always } = options
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          file: context,
          isStream: true,
          abortSignal: signal,
          options: { ...always, ...(target ? { target } : {}), ...(platform ? { platform } : {}), version: '2', session: session.id },
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        } as never,
        (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as NodeJS.ReadableStream)),
      )
    })
    return { stream, session }
  } catch (error) {
    session.close()
    throw error
  }
}

/**
 * POST /build/prune: the engine's build cache that no running build uses, all of it or what is
 * past `keepBytes` (the most recently used is kept). dockerode's pruneBuilder sends no options.
 */
export async function pruneBuildCache(docker: Docker, keepBytes: number | null): Promise<{ removedCount: number; reclaimedBytes: bigint }> {
  const result = await new Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>((resolve, reject) =>
    docker.modem.dial(
      {
        path: '/build/prune?',
        method: 'POST',
        options: keepBytes ? { 'keep-storage': keepBytes } : { all: true },
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      } as never,
      (error: unknown, data: unknown) => (error ? reject(error) : resolve(data as never)),
    ),
  )
  return { removedCount: result.CachesDeleted?.length ?? 0, reclaimedBytes: BigInt(result.SpaceReclaimed ?? 0) }
}
