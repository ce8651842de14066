// The Docker engine behind the catalog. It may be absent or die at any time: that is a
// state to report, never a reason for the catalog itself to stop answering.
import { createRequire } from 'node:module'
import type Docker from 'dockerode'
import { UserInputError } from '../errors.js'
import { withTimeout } from '../work/timeout.js'

/**
 * dockerode loads ssh2 and BuildKit's gRPC and protobuf stack with it: about a second and tens
 * of MB that a start which never reaches the engine need not pay, so it is loaded on first use.
 */
const loadDockerode = (): typeof Docker => createRequire(import.meta.url)('dockerode') as typeof Docker

export interface EngineStatus {
  reachable: boolean
  host: string
  version: string | null
  apiVersion: string | null
  storageDriver: string | null
  imageCount: number | null
  /** Why the engine could not be reached, when it could not. */
  error: string | null
}

const PING_TIMEOUT_MS = 3_000

export function dockerFromHost(host: string): Docker {
  const Docker = loadDockerode()
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length), timeout: 0 })
  const url = new URL(host.replace(/^tcp:/, 'http:'))
  return new Docker({ host: url.hostname, port: Number(url.port), protocol: 'http' })
}

export class DockerEngine {
  private client: Docker | undefined

  /** onClient sees the client when it is first made (the observability wraps its calls). */
  constructor(
    readonly host: string,
    private readonly onClient: (docker: Docker) => void = () => {},
  ) {}

  get docker(): Docker {
    if (!this.client) {
      this.client = dockerFromHost(this.host)
      this.onClient(this.client)
    }
    return this.client
  }

  async status(): Promise<EngineStatus> {
    try {
      const [version, info] = await withTimeout(Promise.all([this.docker.version(), this.docker.info()]), PING_TIMEOUT_MS)
      return {
        reachable: true,
        host: this.host,
        version: version.Version,
        apiVersion: version.ApiVersion,
        storageDriver: info.Driver ?? null,
        imageCount: info.Images ?? null,
        error: null,
      }
    } catch (error) {
      return { reachable: false, host: this.host, version: null, apiVersion: null, storageDriver: null, imageCount: null, error: describe(error) }
    }
  }

  /** Throws the DOCKER_UNAVAILABLE userError, saying how to fix it, when the engine does not answer. */
  async requireReachable(field: string[] = []): Promise<void> {
    const status = await this.status()
    if (!status.reachable) {
      throw new UserInputError(
        'DOCKER_UNAVAILABLE',
        field,
        `The Docker engine at ${this.host} is not reachable (${status.error}). Start it, or point DOCKER_HOST at one (unix:///path/to/docker.sock or tcp://host:port) and restart the service.`,
      )
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message
  return String(error)
}

