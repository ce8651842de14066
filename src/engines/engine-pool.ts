// The Docker engines builds, pulls and pushes run on. The list lives in the database (the
// Engine table), so every instance sees the same engines, the same drain flags and the same
// health: each instance checks every engine on a timer and writes what it found. A job is
// given an engine when it starts: one reachable, not draining, carrying the labels the job
// asks for, with the most room under its capacity. Claims are serialised across instances
// (an advisory lock on PostgreSQL), so capacity holds however many instances there are.
import type Docker from 'dockerode'
import type { Db, Prisma } from '../db/client.js'
import { dialectOf } from '../db/client.js'
import { transaction } from '../db/transactions.js'
import { DockerEngine } from '../docker/engine.js'
import { EngineImages } from '../docker/images.js'
import { notFound, UserInputError } from '../errors.js'
import type { EventBus, Subscription } from '../events/bus.js'
import type { Logger } from '../logger.js'

export interface EngineRow {
  id: number
  name: string
  host: string
  capacity: number
  labels: string[]
  draining: boolean
  reachable: boolean
  version: string | null
  lastError: string | null
  checkedAt: Date | null
}

/** A configured engine: DOCKER_HOSTS entries, or DOCKER_HOST as the one engine "default". */
export interface ConfiguredEngine {
  name: string
  host: string
}

/** States in which a job occupies its engine. */
const OCCUPYING = ['RUNNING', 'CANCELLING'] as const
/** Any number: it only has to be the same in every instance. */
const CLAIM_LOCK = 74_023_117

export type Claim = { engine: EngineRow } | { busy: true } | { noEngine: string } | { gone: true }

export function engineRow(row: { labels: unknown } & Omit<EngineRow, 'labels'>): EngineRow {
  return { ...row, labels: Array.isArray(row.labels) ? row.labels.filter((label): label is string => typeof label === 'string') : [] }
}

export const hasLabels = (engine: { labels: string[] }, wanted: readonly string[]) => wanted.every((label) => engine.labels.includes(label))

export class EnginePool {
  private rows: EngineRow[] = []
  private readonly clients = new Map<number, { host: string; engine: DockerEngine; images: EngineImages }>()
  private timer: NodeJS.Timeout | undefined
  private firstCheck: NodeJS.Immediate | undefined
  private changes: Subscription<{ engineId: number }> | null = null
  /** The engine the catalog's own reads (local images, containers) use: the first configured one. */
  readonly primary: DockerEngine
  readonly primaryImages: EngineImages

  constructor(
    private readonly db: Db,
    private readonly configured: readonly ConfiguredEngine[],
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly options: { checkMs: number; onClient?: (docker: Docker) => void },
  ) {
    this.primary = new DockerEngine(configured[0]!.host, options.onClient)
    this.primaryImages = new EngineImages(this.primary)
  }

  /** Records the configured engines (new names are added; a known name takes the configured host) and follows changes to the list. */
  async start(): Promise<void> {
    for (const { name, host } of this.configured) {
      await this.db.engine.upsert({ where: { name }, create: { name, host }, update: { host } })
    }
    await this.refresh()
    this.changes = this.bus.subscribe('engines/changed')
    void (async () => {
      for await (const _ of this.changes!) await this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'reading the engine list failed'))
    })()
  }

  /**
   * Checks the engines now, in the background, and every ENGINE_CHECK_SECONDS after. Called once
   * the app is built: a start does not wait for dockerode to load (see src/docker/engine.ts), and
   * a request before the first check asks the engine itself.
   */
  watch(): void {
    const check = () => void this.check().catch((error: unknown) => this.logger.warn({ err: error }, 'checking the engines failed'))
    this.firstCheck = setImmediate(check)
    this.timer = setInterval(check, this.options.checkMs)
    this.timer.unref()
  }

  stop(): void {
    clearImmediate(this.firstCheck)
    clearInterval(this.timer)
    this.changes?.close()
  }

  /** Engines as last read; the list every instance shares is in the database. */
  get known(): readonly EngineRow[] {
    return this.rows
  }

  async refresh(): Promise<EngineRow[]> {
    this.rows = (await this.db.engine.findMany({ orderBy: { id: 'asc' } })).map(engineRow)
    return this.rows
  }

  /** The engine by id; null (a tag from before engines were recorded) is the first engine. */
  engine(id: number | null | undefined): DockerEngine {
    return this.client(id)?.engine ?? this.primary
  }

  /** Image operations on the engine by id (see engine()). */
  images(id: number | null | undefined): EngineImages {
    return this.client(id)?.images ?? this.primaryImages
  }

  nameOf(id: number | null | undefined): string | null {
    if (id === null || id === undefined) return null
    return this.rows.find((row) => row.id === id)?.name ?? null
  }

  /**
   * The engine a caller names (`dockerEngines { name }`), or the first when it names none: the
   * one whose images localImages lists and importLocalImage takes by default.
   */
  async named(name: string | null | undefined, field: string[]): Promise<{ id: number | null; name: string | null; images: EngineImages }> {
    if (name === null || name === undefined) return { id: this.primaryId, name: this.nameOf(this.primaryId), images: this.primaryImages }
    const row = this.rows.find((each) => each.name === name) ?? (await this.refresh()).find((each) => each.name === name)
    if (!row) throw notFound(field, `The Docker engine "${name}"`)
    return { id: row.id, name: row.name, images: this.images(row.id) }
  }

  /** The id of the first engine, which holds tags that predate engine records. */
  get primaryId(): number | null {
    return this.rows[0]?.id ?? null
  }

  /**
   * Throws DOCKER_UNAVAILABLE unless some engine could take a job with these labels now:
   * reachable and not draining. Checked when a job is requested, so a user hears at once.
   */
  async requireAvailable(labels: readonly string[] = [], field: string[] = []): Promise<void> {
    const rows = await this.refresh()
    const matching = rows.filter((row) => hasLabels(row, labels))
    if (labels.length > 0 && matching.length === 0) {
      throw new UserInputError('INVALID', field.length ? field : ['input', 'engineLabels'], `No Docker engine has the labels ${labels.join(', ')}`)
    }
    if (matching.some((row) => row.reachable && !row.draining && row.checkedAt !== null)) return
    // Not checked yet, or found down a few seconds ago: one that answers now is enough.
    for (const row of matching.filter((each) => !each.draining)) {
      const status = await this.engine(row.id).status()
      if (status.reachable) return
    }
    const hosts = matching.map((row) => `${row.name} (${row.host})`).join(', ')
    throw new UserInputError(
      'DOCKER_UNAVAILABLE',
      // The labels asked for are the field only when they narrowed the engines down; otherwise no input is at fault.
      labels.length > 0 ? field : [],
      matching.length === 0
        ? 'No Docker engine is configured. Set DOCKER_HOST or DOCKER_HOSTS, or add one with addDockerEngine.'
        : `No Docker engine can take work: ${hosts} ${matching.length === 1 ? 'is' : 'are'} unreachable or draining. Start one, or point DOCKER_HOST at one (unix:///path/to/docker.sock or tcp://host:port).`,
    )
  }

  /**
   * Gives a job an engine: the one with the most room that is reachable, not draining and has
   * the labels (or `only`, for a job that must run where its image is). `claimRow` claims the
   * job's row for it in the same transaction and says whether it was still there to claim.
   */
  async claim(
    wanted: { labels?: readonly string[]; only?: number | null; prefer?: readonly (number | null)[] },
    claimRow: (tx: Prisma.TransactionClient, engineId: number) => Promise<boolean>,
  ): Promise<Claim> {
    return transaction(this.db, async (tx) => {
      if (dialectOf(this.db) === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`)
      const all = (await tx.engine.findMany({ orderBy: { id: 'asc' } })).map(engineRow)
      const labels = wanted.labels ?? []
      const only = wanted.only === undefined ? undefined : (wanted.only ?? all[0]?.id)
      const candidates = all.filter((row) => (only === undefined ? hasLabels(row, labels) : row.id === only))
      if (candidates.length === 0) {
        return { noEngine: only === undefined ? `no Docker engine has the labels ${labels.join(', ')}` : 'the Docker engine that holds the image was removed' }
      }
      const open = candidates.filter((row) => row.reachable && !row.draining)
      if (open.length === 0) return { busy: true }
      const load = await this.occupancy(tx, open.map((row) => row.id))
      const free = (row: EngineRow) => row.capacity - (load.get(row.id) ?? 0)
      // An engine that already holds the job's base images saves moving them, while it has room.
      const preferred = open.filter((row) => wanted.prefer?.includes(row.id) && free(row) > 0)
      let best: EngineRow | undefined
      for (const row of preferred.length > 0 ? preferred : open) {
        if (free(row) > 0 && (!best || free(row) > free(best))) best = row
      }
      if (!best) return { busy: true }
      return (await claimRow(tx, best.id)) ? { engine: best } : { gone: true }
    })
  }

  /** Jobs running on each engine, across all instances. */
  async occupancy(tx: Prisma.TransactionClient | Db, engineIds?: number[]): Promise<Map<number, number>> {
    const engineId = engineIds ? { in: engineIds } : { not: null }
    const select = { engineId: true } as const
    // Running jobs are few (capacity bounds them): counting the rows here beats three GROUP BYs.
    const rows = [
      ...(await tx.build.findMany({ where: { state: { in: [...OCCUPYING] }, engineId }, select })),
      ...(await tx.pull.findMany({ where: { state: 'RUNNING', engineId }, select })),
      ...(await tx.push.findMany({ where: { state: 'RUNNING', engineId }, select })),
    ]
    const counts = new Map<number, number>()
    for (const { engineId: id } of rows) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1)
    return counts
  }

  /**
   * Asks the engine whether it still answers and records the answer for every instance; a job
   * that failed on an engine asks this to tell a lost engine from a failed build.
   */
  async checkOne(id: number): Promise<boolean> {
    const row = this.rows.find((each) => each.id === id)
    if (!row) return false
    const status = await this.engine(id).status()
    await this.record(row, status.reachable, status.version, status.error)
    return status.reachable
  }

  private async check() {
    await this.refresh()
    await Promise.all(
      this.rows.map(async (row) => {
        const status = await this.engine(row.id).status()
        await this.record(row, status.reachable, status.version, status.error)
      }),
    )
  }

  private async record(row: EngineRow, reachable: boolean, version: string | null, error: string | null) {
    if (row.reachable !== reachable) {
      if (reachable) this.logger.info({ engine: row.name, host: row.host }, 'Docker engine answers again')
      else this.logger.warn({ engine: row.name, host: row.host, reason: error }, 'Docker engine stopped answering; it gets no new work')
    }
    row.reachable = reachable
    row.version = version ?? row.version
    row.lastError = error
    row.checkedAt = new Date()
    await this.db.engine.updateMany({ where: { id: row.id }, data: { reachable, version: version ?? undefined, lastError: error, checkedAt: row.checkedAt } })
  }

  private client(id: number | null | undefined) {
    if (id === null || id === undefined) return undefined
    const row = this.rows.find((each) => each.id === id)
    if (!row) return undefined
    let client = this.clients.get(id)
    if (!client || client.host !== row.host) {
      const engine = row.host === this.primary.host ? this.primary : new DockerEngine(row.host, this.options.onClient)
      client = { host: row.host, engine, images: engine === this.primary ? this.primaryImages : new EngineImages(engine) }
      this.clients.set(id, client)
    }
    return client
  }
}
