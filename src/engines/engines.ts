// The Docker engines as administrators manage them: add one, change its capacity or labels,
// drain it (it finishes what it runs and gets nothing new), remove it. Every change is told
// to every instance ('engines/changed'), which reads the list again.
import { requireAdmin, requireViewer, type Viewer } from '../auth/viewer.js'
import { checkText } from '../catalog/rules.js'
import type { Db } from '../db/client.js'
import { isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { Builder } from '../config.js'
import { pruneBuildCache } from '../docker/buildkit.js'
import { engineRow, type EngineRow, type EnginePool } from './engine-pool.js'

export interface EngineView extends EngineRow {
  /** Builds, pulls and pushes running on it now, across all instances. */
  runningJobs: number
  builder: Builder
}

export interface EngineInput {
  name: string
  host: string
  capacity?: number | null
  labels?: readonly string[] | null
}

export interface EngineChange {
  name: string
  host?: string | null
  capacity?: number | null
  labels?: readonly string[] | null
  draining?: boolean | null
}

const ENGINE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/
const ENGINE_HOST = /^(unix:\/\/\/.+|tcp:\/\/[^/:]+:\d+\/?)$/
const ENGINE_LABEL = /^[a-z0-9][a-z0-9._-]{0,62}=[A-Za-z0-9._/:-]{1,128}$/
const MAX_CAPACITY = 1_000

export class EngineManager {
  constructor(
    private readonly db: Db,
    private readonly pool: EnginePool,
    private readonly bus: EventBus,
    /** The builder this instance's builds use on every engine (BUILDER). */
    private readonly builder: Builder,
  ) {}

  /** The first engine, asked now, with its name. */
  async primaryStatus(viewer: Viewer | null) {
    requireViewer(viewer)
    const status = await this.pool.primary.status()
    return { ...status, name: this.pool.known[0]?.name, builder: this.builder }
  }

  /** Every engine, with the health its last check found and the jobs running on it. */
  async list(viewer: Viewer | null): Promise<EngineView[]> {
    requireViewer(viewer)
    const rows = await this.pool.refresh()
    const load = await this.pool.occupancy(this.db)
    return rows.map((row) => ({ ...row, runningJobs: load.get(row.id) ?? 0, builder: this.builder }))
  }

  async add(viewer: Viewer | null, input: EngineInput): Promise<EngineView> {
    requireAdmin(viewer)
    const data = { name: checkName(input.name), host: checkHost(input.host), capacity: checkCapacity(input.capacity ?? 4), labels: checkEngineLabels(input.labels ?? []) }
    let row
    try {
      row = await this.db.engine.create({ data })
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserInputError('TAKEN', ['input', 'name'], `An engine named ${data.name} already exists`)
      throw error
    }
    await this.changed(row.id)
    // Checked at once, so the answer says whether it is reachable.
    await this.pool.checkOne(row.id)
    return this.view(row.id)
  }

  async update(viewer: Viewer | null, change: EngineChange): Promise<EngineView> {
    requireAdmin(viewer)
    const current = await this.db.engine.findUnique({ where: { name: change.name } })
    if (!current) throw notFound(['input', 'name'], 'Docker engine')
    const data = {
      ...(change.host != null ? { host: checkHost(change.host) } : {}),
      ...(change.capacity != null ? { capacity: checkCapacity(change.capacity) } : {}),
      ...(change.labels != null ? { labels: checkEngineLabels(change.labels) } : {}),
      ...(change.draining != null ? { draining: change.draining } : {}),
    }
    await this.db.engine.update({ where: { id: current.id }, data })
    await this.changed(current.id)
    return this.view(current.id)
  }

  /**
   * Frees the engine's BuildKit cache (layers and cache mounts) that no running build uses: all
   * of it, or only what is past `keepBytes`, oldest first. A build that ran meanwhile keeps what it uses.
   */
  async pruneBuildCache(viewer: Viewer | null, input: { name: string; keepBytes?: number | null }) {
    requireAdmin(viewer)
    const current = await this.db.engine.findUnique({ where: { name: input.name } })
    if (!current) throw notFound(['input', 'name'], 'Docker engine')
    if (input.keepBytes != null && (!Number.isSafeInteger(input.keepBytes) || input.keepBytes < 0)) {
      throw new UserInputError('INVALID', ['input', 'keepBytes'], 'Must be a whole number of bytes, 0 or more')
    }
    const engine = this.pool.engine(current.id)
    await engine.requireReachable(['input', 'name'])
    return pruneBuildCache(engine.docker, input.keepBytes ?? null)
  }

  /** Removes an engine that runs nothing and holds no tag's image; drain it and move or delete its tags first. */
  async remove(viewer: Viewer | null, name: string): Promise<void> {
    requireAdmin(viewer)
    const current = await this.db.engine.findUnique({ where: { name } })
    if (!current) throw notFound(['input', 'name'], 'Docker engine')
    const running = (await this.pool.occupancy(this.db, [current.id])).get(current.id) ?? 0
    if (running > 0) throw new UserInputError('INVALID', ['input', 'name'], `${name} runs ${running} job(s); drain it and wait for them to end first`)
    const tags = await this.db.tag.count({ where: { engineId: current.id } })
    if (tags > 0) throw new UserInputError('INVALID', ['input', 'name'], `${name} holds the images of ${tags} tag(s); delete them or build them elsewhere first`)
    const { count: engines } = await this.db.engine.deleteMany({ where: { id: current.id } })
    if (engines > 0) await this.changed(current.id)
  }

  private async view(id: number): Promise<EngineView> {
    const row = engineRow(await this.db.engine.findUniqueOrThrow({ where: { id } }))
    return { ...row, runningJobs: (await this.pool.occupancy(this.db, [id])).get(id) ?? 0, builder: this.builder }
  }

  private async changed(engineId: number) {
    await this.pool.refresh()
    this.bus.publish('engines/changed', { engineId })
  }
}

function checkName(name: string): string {
  if (!ENGINE_NAME.test(name)) throw new UserInputError('INVALID', ['input', 'name'], 'An engine name is 1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit')
  return name
}

function checkHost(host: string): string {
  const text = checkText(host.trim(), ['input', 'host'], { min: 1, max: 1024 })
  if (!ENGINE_HOST.test(text)) throw new UserInputError('INVALID', ['input', 'host'], 'A Docker host is unix:///path/to/docker.sock or tcp://host:port')
  return text
}

function checkCapacity(capacity: number): number {
  if (!Number.isSafeInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw new UserInputError('INVALID', ['input', 'capacity'], `The capacity is a whole number of jobs from 1 to ${MAX_CAPACITY}`)
  }
  return capacity
}

/** Engine labels, on an engine or asked for by a build: key=value each, at most 16. */
export function checkEngineLabels(labels: readonly string[], field: string[] = ['input', 'labels']): string[] {
  if (labels.length > 16) throw new UserInputError('INVALID', field, 'At most 16 engine labels')
  for (const [i, label] of labels.entries()) {
    if (!ENGINE_LABEL.test(label)) throw new UserInputError('INVALID', [...field, String(i)], `"${label}" is not an engine label: write key=value, e.g. platform=linux/arm64`)
  }
  return [...new Set(labels)]
}
