import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('loadConfig', () => {
  it('defaults to SQLite in ./data, port 4000 on loopback', () => {
    const config = loadConfig({})
    expect(config.database).toEqual({ provider: 'sqlite', file: path.resolve('data/catalog.db'), url: `file:${path.resolve('data/catalog.db')}` })
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', dataDir: path.resolve('data'), adminToken: undefined, secretKey: undefined })
  })

  it('puts the SQLite file in DATA_DIR, and takes PostgreSQL or another file from DATABASE_URL', () => {
    expect(loadConfig({ DATA_DIR: '/srv/icat' }).database).toMatchObject({ provider: 'sqlite', file: '/srv/icat/catalog.db' })
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/icat' }).database).toEqual({ provider: 'postgresql', url: 'postgresql://u@db:5432/icat' })
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/icat' }).database.provider).toBe('postgresql')
    expect(loadConfig({ DATABASE_URL: 'file:/tmp/x.db' }).database).toMatchObject({ provider: 'sqlite', file: '/tmp/x.db' })
  })

  it('names the variable and the rule when a value is wrong', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(new ConfigError('DATABASE_URL', 'must start with postgresql://, postgres:// or file:'))
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: must be a positive integer, got "eighty"$/)
    expect(() => loadConfig({ MAX_UPLOAD_BYTES: '-5' })).toThrow(/^MAX_UPLOAD_BYTES: must be a positive integer/)
    expect(() => loadConfig({ SECRET_KEY: 'abcd' })).toThrow(/^SECRET_KEY: must be 32 bytes/)
  })

  it('reads SECRET_KEY as hex or base64', () => {
    const hex = 'ab'.repeat(32)
    expect(loadConfig({ SECRET_KEY: hex }).secretKey).toEqual(Buffer.from(hex, 'hex'))
    const base64 = Buffer.alloc(32, 7).toString('base64')
    expect(loadConfig({ SECRET_KEY: base64 }).secretKey).toEqual(Buffer.alloc(32, 7))
  })

  it('sizes the database pool and the busy timeout from DATABASE_POOL_SIZE and DATABASE_BUSY_TIMEOUT_MS', () => {
    expect(loadConfig({})).toMatchObject({ databasePoolSize: 10, databaseBusyTimeoutMs: 30_000 })
    expect(loadConfig({ DATABASE_POOL_SIZE: '25', DATABASE_BUSY_TIMEOUT_MS: '5000' })).toMatchObject({ databasePoolSize: 25, databaseBusyTimeoutMs: 5000 })
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/^DATABASE_POOL_SIZE: must be a positive integer/)
  })

  it('reads LOG_LEVEL, LOG_FORMAT and SHUTDOWN_GRACE_MS, and names the rule for a bad value', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', logFormat: 'json', shutdownGraceMs: 10_000 })
    for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']) expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level)
    expect(loadConfig({ LOG_FORMAT: 'pretty', SHUTDOWN_GRACE_MS: '2500' })).toMatchObject({ logFormat: 'pretty', shutdownGraceMs: 2500 })
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(new ConfigError('LOG_LEVEL', 'must be one of trace, debug, info, warn, error, fatal, silent, got "verbose"'))
    expect(() => loadConfig({ LOG_LEVEL: 'INFO' })).toThrow(/^LOG_LEVEL: must be one of/)
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(new ConfigError('LOG_FORMAT', 'must be json or pretty, got "text"'))
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/^SHUTDOWN_GRACE_MS: must be a positive integer/)
  })

  it('reads RETENTION_SCHEDULE as a cron schedule, and names the rule for one that is not', () => {
    expect(loadConfig({}).retentionSchedule).toBeUndefined()
    expect(loadConfig({ RETENTION_SCHEDULE: ' 0 3 * * * ' }).retentionSchedule).toBe('0 3 * * *')
    expect(loadConfig({ RETENTION_SCHEDULE: '*/15 * * * 1-5' }).retentionSchedule).toBe('*/15 * * * 1-5')
    expect(() => loadConfig({ RETENTION_SCHEDULE: 'daily' })).toThrow(/^RETENTION_SCHEDULE: must be a cron schedule of five fields in UTC, such as "0 3 \* \* \*" \(03:00 every day\), got "daily": /)
    expect(() => loadConfig({ RETENTION_SCHEDULE: '61 * * * *' })).toThrow(/^RETENTION_SCHEDULE: must be a cron schedule/)
  })

  it('reads how many jobs of each kind an instance runs at once', () => {
    expect(loadConfig({})).toMatchObject({ buildConcurrency: 2, pullConcurrency: 3, pushConcurrency: 3, cloneConcurrency: 2 })
    expect(loadConfig({ BUILD_CONCURRENCY: '4', PULL_CONCURRENCY: '6', PUSH_CONCURRENCY: '1', CLONE_CONCURRENCY: '5' })).toMatchObject({
      buildConcurrency: 4,
      pullConcurrency: 6,
      pushConcurrency: 1,
      cloneConcurrency: 5,
    })
    expect(() => loadConfig({ PULL_CONCURRENCY: '0' })).toThrow(/^PULL_CONCURRENCY: must be a positive integer, got "0"$/)
  })

  it('accepts PORT=0 to pick a free port', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0)
  })

  it('protects /metrics with METRICS_TOKEN when it is set, and refuses a short one', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined()
    expect(loadConfig({ METRICS_TOKEN: 'a-long-enough-token' }).metricsToken).toBe('a-long-enough-token')
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(new ConfigError('METRICS_TOKEN', 'must be at least 16 characters, without spaces'))
  })

  it('exports traces only when an OTLP endpoint is set, to its /v1/traces unless the traces endpoint says otherwise', () => {
    expect(loadConfig({}).otel).toBeNull()
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).otel).toEqual({ tracesUrl: 'http://collector:4318/v1/traces', serviceName: 'image-catalog' })
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://c/traces', OTEL_SERVICE_NAME: 'icat-eu' }).otel).toEqual({ tracesUrl: 'https://c/traces', serviceName: 'icat-eu' })
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).otel).toBeNull()
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/)
  })

  it('reads the protection settings, with limits an operator would set', () => {
    expect(loadConfig({})).toMatchObject({
      maxQueryCost: 100_000,
      rateLimitCapacity: 200_000,
      rateLimitRestoreRate: 2_000,
      rateLimitAnonymousCapacity: 100_000,
      rateLimitAnonymousRestoreRate: 500,
      failedAuthLimit: 10,
      trustProxy: 0,
      persistedOperations: 'off',
      persistedOperationsManifest: undefined,
    })
    expect(loadConfig({ TRUST_PROXY: '2', PERSISTED_OPERATIONS: 'only', PERSISTED_OPERATIONS_MANIFEST: 'm.json' })).toMatchObject({
      trustProxy: 2,
      persistedOperations: 'only',
      persistedOperationsManifest: path.resolve('m.json'),
    })
    expect(() => loadConfig({ PERSISTED_OPERATIONS: 'some' })).toThrow(/^PERSISTED_OPERATIONS: must be off, allow or only$/)
    expect(() => loadConfig({ PERSISTED_OPERATIONS: 'allow' })).toThrow(/^PERSISTED_OPERATIONS_MANIFEST: must name the manifest file/)
    expect(() => loadConfig({ MAX_QUERY_COST: '2000', RATE_LIMIT_CAPACITY: '1000' })).toThrow(/^RATE_LIMIT_CAPACITY: must be at least MAX_QUERY_COST \(2000\)/)
    expect(() => loadConfig({ MAX_QUERY_COST: '2000', RATE_LIMIT_ANONYMOUS_CAPACITY: '1999' })).toThrow(/^RATE_LIMIT_ANONYMOUS_CAPACITY: must be at least MAX_QUERY_COST \(2000\)/)
    // The default anonymous bucket holds the default MAX_QUERY_COST and no more.
    expect(() => loadConfig({ MAX_QUERY_COST: '100001' })).toThrow(/^RATE_LIMIT_ANONYMOUS_CAPACITY: must be at least MAX_QUERY_COST/)
    expect(loadConfig({ RATE_LIMIT_ANONYMOUS_CAPACITY: '600000', RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '50' })).toMatchObject({ rateLimitAnonymousCapacity: 600_000, rateLimitAnonymousRestoreRate: 50 })
    expect(() => loadConfig({ RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '0.5' })).toThrow(/^RATE_LIMIT_ANONYMOUS_RESTORE_RATE: must be a positive integer/)
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/^TRUST_PROXY: must be a whole number/)
    expect(() => loadConfig({ FAILED_AUTH_LIMIT: '0' })).toThrow(/^FAILED_AUTH_LIMIT: must be a positive integer/)
  })
})
