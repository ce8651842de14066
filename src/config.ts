// Every environment variable the service reads is read here, and nowhere else.
import path from 'node:path'
import { LOG_LEVELS, type LogFormat, type LogLevel } from './logger.js'
import { parseSchedule } from './work/schedule.js'

export type DatabaseConfig =
  | { provider: 'sqlite'; url: string; file: string }
  | { provider: 'postgresql'; url: string }

export interface Config {
  host: string
  port: number
  dataDir: string
  database: DatabaseConfig
  /** PostgreSQL connections the server keeps at most. */
  databasePoolSize: number
  /**
   * The longest a request waits for the database (a pooled connection, SQLite's turn, the
   * start of a transaction) and the longest a transaction stays open; past it, SERVICE_BUSY.
   */
  databaseBusyTimeoutMs: number
  /** Token for the first admin; without it the first start mints one and prints it once. */
  adminToken: string | undefined
  /** 32-byte key for registry passwords; without it a key file is made in dataDir. */
  secretKey: Buffer | undefined
  maxUploadBytes: number
  maxRequestBytes: number
  maxQueryDepth: number
  maxQueryTokens: number
  logQueries: boolean
  /** Answer the catalog's nested reads with one compiled SQL statement (src/read-path/); off only to compare. */
  compiledReads: boolean
  /** Where the Docker engine listens: unix:///path or tcp://host:port (DOCKER_HOST); the first of dockerEngines. */
  dockerHost: string
  /** The engines jobs run on: DOCKER_HOSTS (name=host,...), else DOCKER_HOST as the one engine "default". */
  dockerEngines: { name: string; host: string }[]
  /** From an instance's death (kill -9) to its jobs being taken over elsewhere, at most. */
  jobRecoveryMs: number
  /** How many times a job whose instance or engine died starts over before it fails as interrupted. */
  jobRetries: number
  /** How often each instance asks every engine whether it answers. */
  engineCheckMs: number
  /** The catalog registry images move through between engines (a build FROM a tag another engine holds). */
  engineTransferRegistry: string | undefined
  /** When retention runs apply every image's rules (cron, UTC); none without it. */
  retentionSchedule: string | undefined
  /** How long audit entries are kept. */
  auditRetentionDays: number
  /** Redis for events between instances; without it events stay in this process. */
  redisUrl: string | undefined
  /** The deadline for every call to a registry's HTTP API. */
  registryTimeoutMs: number
  /** Deadline for a git clone of a build source. */
  gitTimeoutMs: number
  /** BUILDKIT (the default), or CLASSIC for engines without BuildKit (BUILDER=classic). */
  builder: Builder
  /** How many builds, pulls, pushes and webhook clones this instance runs at once. */
  buildConcurrency: number
  pullConcurrency: number
  pushConcurrency: number
  cloneConcurrency: number
  // Operations: the log, and how the process stops.
  logLevel: LogLevel
  logFormat: LogFormat
  /** How long requests in flight at SIGTERM may take before they are cut. */
  shutdownGraceMs: number
  /** Bearer token /metrics asks for; without it /metrics is open. */
  metricsToken: string | undefined
  /** Where traces go over OTLP/HTTP; null exports none (and loads no SDK). */
  otel: OtelConfig | null
  // Protection (src/protection): query cost, rate limits, trusted documents.
  /** The most one operation may cost (src/protection/cost.ts has the rules). */
  maxQueryCost: number
  /** Points in each API token's bucket, and how many flow back each second. */
  rateLimitCapacity: number
  rateLimitRestoreRate: number
  /** The same for each anonymous client address: less than a token gets. */
  rateLimitAnonymousCapacity: number
  rateLimitAnonymousRestoreRate: number
  /** Failed sign-ins a client address may make in a minute. */
  failedAuthLimit: number
  /** How many proxies in front of the server append to X-Forwarded-For; 0 trusts none. */
  trustProxy: number
  persistedOperations: 'off' | 'allow' | 'only'
  /** The manifest of trusted documents (hash to document), as codegen's client preset writes it. */
  persistedOperationsManifest: string | undefined
}

export interface OtelConfig {
  /** The OTLP/HTTP traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  tracesUrl: string
  serviceName: string
}

export class ConfigError extends Error {
  constructor(variable: string, rule: string) {
    super(`${variable}: ${rule}`)
    this.name = 'ConfigError'
  }
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigError(name, `must be a positive integer, got "${raw}"`)
  return value
}

function cronSchedule(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  try {
    parseSchedule('retention', raw)
  } catch (error) {
    throw new ConfigError(name, `must be a cron schedule of five fields in UTC, such as "0 3 * * *" (03:00 every day), got "${raw}": ${(error as Error).message}`)
  }
  return raw
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (!raw) return 'info'
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel
  throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`)
}

export type Builder = 'BUILDKIT' | 'CLASSIC'

function parseBuilder(raw: string | undefined): Builder {
  if (!raw || raw === 'buildkit') return 'BUILDKIT'
  if (raw === 'classic') return 'CLASSIC'
  throw new ConfigError('BUILDER', `must be buildkit or classic, got "${raw}"`)
}

function parseLogFormat(raw: string | undefined): LogFormat {
  if (!raw || raw === 'json') return 'json'
  if (raw === 'pretty') return 'pretty'
  throw new ConfigError('LOG_FORMAT', `must be json or pretty, got "${raw}"`)
}

function nonNegativeInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 0) throw new ConfigError(name, `must be a whole number (0 or more), got "${raw}"`)
  return value
}

function parseProtection(env: NodeJS.ProcessEnv) {
  // A page of 100 images with their tags, categories, last 5 versions and their builds asks about
  // 15,000 (src/protection/cost.ts); 100 registry calls do not pass. Connections left at their
  // default page of 20 multiply: 100 images whose 20 versions each show 20 builds ask 250,000,
  // and are refused, naming the cost, until the client asks for the pages it shows, as GitHub
  // requires of every connection.
  const maxQueryCost = positiveInt(env, 'MAX_QUERY_COST', 100_000)
  // A bucket must hold the dearest operation; it is twice that for a token and once for an
  // anonymous address, so that a burst of cheap operations (100 each) meets the limit after
  // 2,000 (token) or 1,000 (anonymous). The restore rates are a fraction of what one server
  // serves: on a loaded 2-core machine about 100 bare operations a second (~10,000 points),
  // some 13,000 points a second of catalog pages. A token gets back 2,000 points a second (20
  // bare operations), an anonymous address 500 (5), as GitHub gives unauthenticated clients
  // less than authenticated ones.
  const capacity = (name: string, fallback: number) => {
    const value = positiveInt(env, name, fallback)
    if (value < maxQueryCost) throw new ConfigError(name, `must be at least MAX_QUERY_COST (${maxQueryCost}), or the dearest operations could never run`)
    return value
  }
  const rateLimitCapacity = capacity('RATE_LIMIT_CAPACITY', 200_000)
  const rateLimitAnonymousCapacity = capacity('RATE_LIMIT_ANONYMOUS_CAPACITY', 100_000)
  const persistedOperations = env.PERSISTED_OPERATIONS || 'off'
  if (persistedOperations !== 'off' && persistedOperations !== 'allow' && persistedOperations !== 'only') {
    throw new ConfigError('PERSISTED_OPERATIONS', 'must be off, allow or only')
  }
  const persistedOperationsManifest = env.PERSISTED_OPERATIONS_MANIFEST ? path.resolve(env.PERSISTED_OPERATIONS_MANIFEST) : undefined
  if (persistedOperations !== 'off' && !persistedOperationsManifest) {
    throw new ConfigError('PERSISTED_OPERATIONS_MANIFEST', `must name the manifest file when PERSISTED_OPERATIONS is ${persistedOperations}`)
  }
  return {
    maxQueryCost,
    rateLimitCapacity,
    rateLimitRestoreRate: positiveInt(env, 'RATE_LIMIT_RESTORE_RATE', 2_000),
    rateLimitAnonymousCapacity,
    rateLimitAnonymousRestoreRate: positiveInt(env, 'RATE_LIMIT_ANONYMOUS_RESTORE_RATE', 500),
    failedAuthLimit: positiveInt(env, 'FAILED_AUTH_LIMIT', 10),
    trustProxy: nonNegativeInt(env, 'TRUST_PROXY', 0),
    persistedOperations: persistedOperations as Config['persistedOperations'],
    persistedOperationsManifest,
  }
}

function parseSecretKey(raw: string | undefined): Buffer | undefined {
  if (!raw) return undefined
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64')
  if (key.length !== 32) throw new ConfigError('SECRET_KEY', 'must be 32 bytes, as 64 hex digits or base64')
  return key
}

function parseDatabase(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (!raw) {
    const file = path.join(dataDir, 'catalog.db')
    return { provider: 'sqlite', url: `file:${file}`, file }
  }
  if (raw.startsWith('file:')) {
    const file = path.resolve(raw.slice('file:'.length))
    return { provider: 'sqlite', url: `file:${file}`, file }
  }
  if (/^postgres(ql)?:\/\//.test(raw)) return { provider: 'postgresql', url: raw }
  throw new ConfigError('DATABASE_URL', 'must start with postgresql://, postgres:// or file:')
}

function parseDockerHost(raw: string | undefined): string {
  if (!raw) return 'unix:///var/run/docker.sock'
  if (/^unix:\/\/\/.+/.test(raw) || /^tcp:\/\/[^/:]+:\d+\/?$/.test(raw)) return raw
  throw new ConfigError('DOCKER_HOST', 'must look like unix:///var/run/docker.sock or tcp://127.0.0.1:2375')
}

const ENGINE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/

/** DOCKER_HOSTS: `name=host` entries (or bare hosts, named engine-1, engine-2, ...), comma-separated. */
function parseDockerEngines(raw: string | undefined, dockerHost: string): { name: string; host: string }[] {
  if (!raw?.trim()) return [{ name: 'default', host: dockerHost }]
  const engines = raw.split(',').map((entry, i) => {
    const trimmed = entry.trim()
    // parseDockerHost takes an empty host for the default socket: here it is a slip, not a choice.
    if (!trimmed) throw new ConfigError('DOCKER_HOSTS', `entry ${i + 1} is empty`)
    const eq = trimmed.indexOf('=')
    const named = eq > 0 && !trimmed.slice(0, eq).includes(':')
    const name = named ? trimmed.slice(0, eq) : `engine-${i + 1}`
    const host = named ? trimmed.slice(eq + 1) : trimmed
    if (!ENGINE_NAME.test(name)) throw new ConfigError('DOCKER_HOSTS', `"${name}" is not an engine name (lower-case letters, digits, . _ -)`)
    if (!host.trim()) throw new ConfigError('DOCKER_HOSTS', `the host of ${name} is empty`)
    try {
      return { name, host: parseDockerHost(host) }
    } catch {
      throw new ConfigError('DOCKER_HOSTS', `the host of ${name} must look like unix:///var/run/docker.sock or tcp://127.0.0.1:2375, got "${host}"`)
    }
  })
  const names = new Set(engines.map((engine) => engine.name))
  if (names.size !== engines.length) throw new ConfigError('DOCKER_HOSTS', 'names two engines the same')
  return engines
}

function httpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]
  if (!raw) return undefined
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new ConfigError(name, `must be an http:// or https:// URL, got "${raw}"`)
  return raw
}

/** The standard OTEL_* variables that decide whether and where traces go (the SDK reads the rest). */
function parseOtel(env: NodeJS.ProcessEnv): OtelConfig | null {
  const base = httpUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT')
  const traces = httpUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
  if (env.OTEL_SDK_DISABLED === 'true' || (!base && !traces)) return null
  return { tracesUrl: traces ?? `${base!.replace(/\/+$/, '')}/v1/traces`, serviceName: env.OTEL_SERVICE_NAME || 'image-catalog' }
}

function parseMetricsToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  if (raw.length < 16 || /\s/.test(raw)) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters, without spaces')
  return raw
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data')
  const maxUploadBytes = positiveInt(env, 'MAX_UPLOAD_BYTES', 256 * 1024 * 1024)
  const dockerHost = parseDockerHost(env.DOCKER_HOST)
  return {
    host: env.HOST || '127.0.0.1',
    port: env.PORT === '0' ? 0 : positiveInt(env, 'PORT', 4000),
    dataDir,
    database: parseDatabase(env.DATABASE_URL, dataDir),
    databasePoolSize: positiveInt(env, 'DATABASE_POOL_SIZE', 10),
    databaseBusyTimeoutMs: positiveInt(env, 'DATABASE_BUSY_TIMEOUT_MS', 30_000),
    adminToken: env.ADMIN_TOKEN || undefined,
    secretKey: parseSecretKey(env.SECRET_KEY),
    maxUploadBytes,
    // A plain GraphQL body never needs to be large; uploads get their own limit.
    maxRequestBytes: positiveInt(env, 'MAX_REQUEST_BYTES', 1024 * 1024),
    maxQueryDepth: positiveInt(env, 'MAX_QUERY_DEPTH', 12),
    maxQueryTokens: positiveInt(env, 'MAX_QUERY_TOKENS', 4000),
    logQueries: env.LOG_QUERIES === '1',
    compiledReads: env.COMPILED_READS !== '0',
    dockerHost,
    dockerEngines: parseDockerEngines(env.DOCKER_HOSTS, dockerHost),
    jobRecoveryMs: positiveInt(env, 'JOB_RECOVERY_SECONDS', 30) * 1000,
    jobRetries: nonNegativeInt(env, 'JOB_RETRIES', 1),
    engineCheckMs: positiveInt(env, 'ENGINE_CHECK_SECONDS', 5) * 1000,
    engineTransferRegistry: env.ENGINE_TRANSFER_REGISTRY || undefined,
    retentionSchedule: cronSchedule(env, 'RETENTION_SCHEDULE'),
    auditRetentionDays: positiveInt(env, 'AUDIT_RETENTION_DAYS', 365),
    builder: parseBuilder(env.BUILDER),
    buildConcurrency: positiveInt(env, 'BUILD_CONCURRENCY', 2),
    pullConcurrency: positiveInt(env, 'PULL_CONCURRENCY', 3),
    pushConcurrency: positiveInt(env, 'PUSH_CONCURRENCY', 3),
    cloneConcurrency: positiveInt(env, 'CLONE_CONCURRENCY', 2),
    registryTimeoutMs: positiveInt(env, 'REGISTRY_TIMEOUT_MS', 5_000),
    gitTimeoutMs: positiveInt(env, 'GIT_TIMEOUT_MS', 120_000),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    logFormat: parseLogFormat(env.LOG_FORMAT),
    shutdownGraceMs: positiveInt(env, 'SHUTDOWN_GRACE_MS', 10_000),
    metricsToken: parseMetricsToken(env.METRICS_TOKEN),
    otel: parseOtel(env),
    ...parseProtection(env),
  }
}
