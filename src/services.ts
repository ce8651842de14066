// The behaviour behind the schema, built once per app around one database.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { RobotManager } from './auth/robots.js'
import { UserManager } from './auth/users.js'
import { BuildManager } from './builds/builds.js'
import { BuildRunner } from './builds/runner.js'
import { CategoryManager } from './catalog/categories.js'
import { ImageManager } from './catalog/images.js'
import { TagManager } from './catalog/tags.js'
import type { Config } from './config.js'
import type { Db } from './db/client.js'
import { EnginePool } from './engines/engine-pool.js'
import { EngineManager } from './engines/engines.js'
import { ImageMover } from './engines/image-mover.js'
import { instrumentEngine } from './observability/calls.js'
import { noInstruments, type Instruments } from './observability/instruments.js'
import type { EventBus } from './events/bus.js'
import type { Logger } from './logger.js'
import { PullManager } from './pulls/pulls.js'
import { PullRunner } from './pulls/runner.js'
import { PushManager } from './pushes/pushes.js'
import { PushRunner } from './pushes/runner.js'
import { RegistryManager } from './registries/registries.js'
import { DriftChecker } from './registries/drift.js'
import { inProcessMemory, redisMemory } from './registries/update-check-memory.js'
import { RemoteCatalog } from './registries/remote.js'
import { RemoteTags } from './registries/remote-tags.js'
import { SearchManager } from './catalog/search.js'
import { loadSecretKey, SecretBox } from './registries/secret-box.js'
import { RetentionManager } from './retention/retention.js'
import { AuditLog } from './audit/audit-log.js'
import { OrganizationManager } from './organizations/organizations.js'
import { BuildSourceManager } from './sources/build-sources.js'
import { SourceStore } from './versions/source-store.js'
import { VersionManager } from './versions/versions.js'
import { InProcessQueue } from './work/in-process-queue.js'
import { Leases } from './work/leases.js'
import { PostgresQueue } from './work/postgres-queue.js'
import type { WorkQueue } from './work/work-queue.js'

export type Services = ReturnType<typeof createServices>

export function createServices(db: Db, config: Config, bus: EventBus, logger: Logger, instruments: Instruments = noInstruments) {
  const sources = new SourceStore(db, path.join(config.dataDir, 'sources'))
  // One queue for the work, two backends: shared by every instance on PostgreSQL, this process's own on SQLite.
  const queue: WorkQueue = config.database.provider === 'postgresql' ? new PostgresQueue(config.database.url, logger) : new InProcessQueue(logger)
  const leases = new Leases(randomUUID(), queue, { recoveryMs: config.jobRecoveryMs, retries: config.jobRetries }, logger)
  // Not engine.docker here: that would load dockerode at every start (see src/docker/engine.ts).
  const engines = new EnginePool(db, config.dockerEngines, bus, logger, {
    checkMs: config.engineCheckMs,
    onClient: (docker) => instrumentEngine(docker, instruments),
  })
  const engine = engines.primary
  const engineImages = engines.primaryImages
  const images = new ImageManager(db, sources, bus, engines)
  const box = new SecretBox(loadSecretKey(config.secretKey, config.dataDir))
  const registries = new RegistryManager(db, box, config.registryTimeoutMs, instruments)
  const runner = new BuildRunner(db, engines, sources, bus, queue, leases, new ImageMover(db, engines, registries, config.engineTransferRegistry), {
    concurrency: config.buildConcurrency,
    builder: config.builder,
    box,
    // Unpacked, a source may be larger than its archive, but not without bound (zip bombs).
    maxUnpackedBytes: config.maxUploadBytes * 4,
    logger,
    instruments,
  })
  const tags = new TagManager(db, images, engines, bus)
  const builds = new BuildManager(db, images, engines, runner, tags, bus, { builder: config.builder, box })
  const pullRunner = new PullRunner(db, engines, registries, bus, queue, leases, config.pullConcurrency, instruments)
  const pushRunner = new PushRunner(db, engines, registries, bus, queue, leases, config.pushConcurrency, instruments)
  const remote = new RemoteCatalog(registries)
  const audit = new AuditLog(db, bus, logger, config.auditRetentionDays)
  const users = new UserManager(db)
  return {
    remote,
    remoteTags: new RemoteTags(db, remote, engineImages),
    drift: new DriftChecker(db, remote, config.redisUrl ? redisMemory(config.redisUrl, 'icat:update-checks:', logger) : inProcessMemory()),
    retention: new RetentionManager(db, images, engines, remote, bus, logger, config.retentionSchedule ? { queue, schedule: config.retentionSchedule } : undefined),
    search: new SearchManager(db, engine, engineImages, registries, remote),
    images,
    tags,
    versions: new VersionManager(db, images, sources, config.maxUploadBytes, bus),
    categories: new CategoryManager(db, bus),
    registries,
    users,
    robots: new RobotManager(db, users),
    organizations: new OrganizationManager(db, bus),
    builds,
    audit,
    buildSources: new BuildSourceManager(db, images, builds, box, bus, sources, queue, leases, audit, {
      concurrency: config.cloneConcurrency,
      gitTimeoutMs: config.gitTimeoutMs,
      maxUnpackedBytes: config.maxUploadBytes * 4,
    }),
    runner,
    pulls: new PullManager(db, engines, registries, tags, pullRunner.transfers),
    pullJobs: pullRunner.transfers,
    pushes: new PushManager(db, engines, registries, pushRunner.transfers),
    pushJobs: pushRunner.transfers,
    bus,
    sources,
    engine,
    engineImages,
    engines,
    dockerEngines: new EngineManager(db, engines, bus, config.builder),
    queue,
    leases,
  }
}
