// Tag retention, as registry users know it from Harbor: per-image rules that select tags to
// remove (keep the newest N, older than D days, names matching a pattern), a preview of
// exactly what they select and why, and an apply that removes exactly that from the catalog,
// the engine and, where it allows deletes, the registry. Protected tags are never touched,
// and a digest another tag still uses is never deleted from the registry. Patterns run on
// RE2 (linear time), so no pattern an owner writes can stall the server. With
// RETENTION_SCHEDULE set, a retention run applies every image's rules on that schedule: a job
// of the queue, so on PostgreSQL one instance runs it per scheduled minute.
import { RE2JS } from 're2js'
import type { Viewer } from '../auth/viewer.js'
import { engineReferenceOf } from '../catalog/engine-references.js'
import type { ImageManager } from '../catalog/images.js'
import { checkList } from '../catalog/rules.js'
import type { Db, Registry, Tag } from '../db/client.js'
import type { EnginesByTag } from '../docker/images.js'
import { UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { Logger } from '../logger.js'
import { RegistryError } from '../registries/client.js'
import { MANIFEST_ACCEPT } from '../registries/manifests.js'
import type { RemoteCatalog, RemoteTarget } from '../registries/remote.js'
import { mapLimited } from '../work/map-limited.js'
import type { WorkQueue } from '../work/work-queue.js'

export type RetentionRule = 'KEEP_LAST' | 'OLDER_THAN' | 'MATCHING'

export interface RetentionPolicyInput {
  rule: RetentionRule
  keepLast?: number | null
  olderThanDays?: number | null
  tagPattern?: string | null
}

interface Policy {
  id: number
  rule: RetentionRule
  keepLast: number | null
  olderThanDays: number | null
  tagPattern: string | null
}

export interface Selected {
  tag: Tag & { pushedRegistry: Registry | null }
  /** The rules that select it, in words. */
  reasons: { policyId: number; rule: RetentionRule; description: string }[]
}

export interface RetentionPreview {
  remove: Selected[]
  /** Tags a rule selects that stay because they are protected. */
  protectedTags: Selected[]
}

export type EngineOutcome = 'REMOVED' | 'NOT_ON_ENGINE' | 'IN_USE'
export type RegistryOutcome = 'DELETED' | 'NOT_PUSHED' | 'SHARED_DIGEST' | 'DELETES_DISABLED' | 'FAILED'

export interface Removal extends Selected {
  removed: boolean
  engine: EngineOutcome
  registry: RegistryOutcome
  detail: string | null
}

const MAX_POLICIES = 20
const MAX_PATTERN = 200
const DAY_MS = 24 * 60 * 60 * 1000
const REGISTRY_PARALLEL = 8

export class RetentionManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
    private readonly engines: EnginesByTag,
    private readonly remote: RemoteCatalog,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    scheduled?: { queue: WorkQueue; schedule: string },
  ) {
    if (scheduled) scheduled.queue.serve({ kind: 'retention', concurrency: 1, schedule: scheduled.schedule, run: async (_job, signal) => void (await this.runAll(signal)) })
  }

  list(imageId: number) {
    return this.db.retentionPolicy.findMany({ where: { imageId }, orderBy: { id: 'asc' } })
  }

  /** Replaces the image's rules; all are checked before any is written. */
  async setPolicies(viewer: Viewer | null, imageId: number, policies: readonly RetentionPolicyInput[]) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'retention')
    const checked = checkList(policies, ['input', 'policies'], MAX_POLICIES).map((policy, i) => checkPolicy(policy, ['input', 'policies', String(i)]))
    await this.db.$transaction([
      this.db.retentionPolicy.deleteMany({ where: { imageId: image.id } }),
      this.db.retentionPolicy.createMany({ data: checked.map((policy) => ({ imageId: image.id, ...policy })) }),
    ])
    this.bus.imageChanged(image.id, 'retention-rules')
    return image
  }

  async preview(viewer: Viewer | null, imageId: number, now = new Date()): Promise<RetentionPreview> {
    const image = await this.images.requireWritable(viewer, imageId, ['imageId'], 'planRetention')
    return this.select(image.id, now)
  }

  /** Removes exactly what preview selects, and says what happened to each tag. */
  async apply(viewer: Viewer | null, imageId: number, now = new Date()): Promise<Removal[]> {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'retention')
    return this.applyTo(image, now)
  }

  /**
   * A retention run: applies the rules of every image that has some, one image after another.
   * An image whose removal cannot go on now (its engine does not answer) is logged and left
   * for the next run; the others go on.
   */
  async runAll(signal: AbortSignal, now = new Date()): Promise<{ images: number; removed: number; failed: number }> {
    const images = await this.db.image.findMany({ where: { retentionPolicies: { some: {} } }, select: { id: true, name: true }, orderBy: { id: 'asc' } })
    const summary = { images: 0, removed: 0, failed: 0 }
    for (const image of images) {
      if (signal.aborted) break
      try {
        const removals = await this.applyTo(image, now)
        const removed = removals.filter((removal) => removal.removed).map((removal) => removal.tag.name)
        if (removed.length > 0) this.logger.info({ image: image.name, removed }, 'retention run removed tags')
        summary.removed += removed.length
      } catch (error) {
        summary.failed++
        // An engine that does not answer is a state, not a fault: its reason is enough.
        const why = error instanceof UserInputError ? { reason: error.message } : { err: error }
        this.logger.warn({ image: image.name, ...why }, 'retention run could not apply the rules of an image; the next run tries again')
      }
      summary.images++
    }
    this.logger.info(summary, 'retention run done')
    return summary
  }

  private async applyTo(image: { id: number; name: string }, now: Date): Promise<Removal[]> {
    const { remove } = await this.select(image.id, now)
    for (const engineId of new Set(remove.filter((s) => s.tag.engineImageId).map((s) => s.tag.engineId))) await this.engines.images(engineId).requireReachable()
    const doomed = new Set(remove.map((s) => s.tag.name))
    const keptTags = await this.db.tag.findMany({ where: { imageId: image.id, name: { notIn: [...doomed] } } })
    // The engine first, for every tag: one a container keeps stays, so its digest must stay in
    // the registry too, even for a tag sharing it that comes earlier in the list.
    const engineOutcomes = new Map<number, EngineOutcome>()
    for (const selected of remove) {
      const engine = await this.removeFromEngine(image.name, selected.tag)
      engineOutcomes.set(selected.tag.id, engine)
      if (engine === 'IN_USE') {
        keptTags.push(selected.tag)
        doomed.delete(selected.tag.name)
      }
    }
    const removals: Removal[] = []
    // What the registry serves under each of its tags, asked once per registry for the whole apply.
    const served = new Map<number, Promise<Map<string, string | null>>>()
    for (const selected of remove) {
      const engine = engineOutcomes.get(selected.tag.id)!
      if (engine === 'IN_USE') {
        removals.push({ ...selected, removed: false, engine, registry: 'NOT_PUSHED', detail: 'A container uses the image behind its last name; the tag stays' })
        continue
      }
      const { outcome: registry, detail } = await this.removeFromRegistry(image.name, selected.tag, keptTags, doomed, served)
      await this.db.tag.delete({ where: { id: selected.tag.id } })
      removals.push({ ...selected, removed: true, engine, registry, detail })
    }
    if (removals.some((r) => r.removed)) {
      await this.db.image.update({ where: { id: image.id }, data: { updatedAt: new Date() } })
      this.bus.imageChanged(image.id, 'retention')
    }
    return removals
  }

  private async select(imageId: number, now: Date): Promise<RetentionPreview> {
    const [policies, tags] = await Promise.all([
      this.list(imageId) as Promise<Policy[]>,
      // Newest first: "the last N" are the N most recently built, pulled or changed.
      this.db.tag.findMany({ where: { imageId }, include: { pushedRegistry: true }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }] }),
    ])
    const reasons = new Map<number, Selected['reasons']>()
    for (const policy of policies) {
      const pattern = policy.tagPattern === null ? null : RE2JS.compile(policy.tagPattern)
      const matching = tags.filter((tag) => !pattern || pattern.matches(tag.name))
      const { picked, description } = pick(policy, matching, now)
      for (const tag of picked) reasons.set(tag.id, [...(reasons.get(tag.id) ?? []), { policyId: policy.id, rule: policy.rule, description }])
    }
    const selected = tags.filter((tag) => reasons.has(tag.id)).map((tag) => ({ tag, reasons: reasons.get(tag.id)! }))
    return { remove: selected.filter((s) => !s.tag.protected), protectedTags: selected.filter((s) => s.tag.protected) }
  }

  private async removeFromEngine(imageName: string, tag: Tag): Promise<EngineOutcome> {
    if (!tag.engineImageId) return 'NOT_ON_ENGINE'
    try {
      // Only this name goes; the image stays for any other tag that shares it.
      return (await this.engines.images(tag.engineId).removeReference(engineReferenceOf(tag, imageName), { prune: true, field: [] })) ? 'REMOVED' : 'NOT_ON_ENGINE'
    } catch (error) {
      if (error instanceof UserInputError && error.userErrors[0]?.code === 'IMAGE_IN_USE') return 'IN_USE'
      throw error
    }
  }

  /** Each tag of the repository and the digest it serves (null when it cannot be read). */
  private async servedDigests(target: RemoteTarget): Promise<Map<string, string | null>> {
    const tags = await this.remote.tags(target, { first: 1000, after: null })
    const digests = await mapLimited(tags.items, REGISTRY_PARALLEL, ({ node: name }) => this.remote.currentDigest(target, name).catch(() => null))
    return new Map(tags.items.map(({ node: name }, i) => [name, digests[i]!]))
  }

  /**
   * Deletes the pushed manifest unless another tag still points at its digest: a registry
   * deletes manifests, not tags, so deleting a shared digest would take the other tags too.
   */
  private async removeFromRegistry(
    imageName: string,
    tag: Tag & { pushedRegistry: Registry | null },
    keptTags: Tag[],
    doomed: Set<string>,
    served: Map<number, Promise<Map<string, string | null>>>,
  ): Promise<{ outcome: RegistryOutcome; detail: string | null }> {
    const registry = tag.pushedRegistry
    const digest = tag.pushedDigest
    if (!registry || !digest) return { outcome: 'NOT_PUSHED', detail: null }
    const sharedInCatalog = keptTags.find((kept) => kept.pushedRegistryId === registry.id && kept.pushedDigest === digest)
    if (sharedInCatalog) return { outcome: 'SHARED_DIGEST', detail: `${imageName}:${sharedInCatalog.name} has the same digest` }
    const target = this.remote.target(registry, { domain: null, path: imageName, tag: tag.name, digest: null })
    try {
      if (!served.has(registry.id)) served.set(registry.id, this.servedDigests(target))
      for (const [name, servedDigest] of await served.get(registry.id)!) {
        // Tags this apply removes too do not keep the digest alive.
        if (!doomed.has(name) && servedDigest === digest) {
          return { outcome: 'SHARED_DIGEST', detail: `${registry.name} also serves this digest as ${imageName}:${name}` }
        }
      }
      const response = await target.client.send(`/v2/${target.repository}/manifests/${digest}`, {
        method: 'DELETE',
        accept: MANIFEST_ACCEPT,
        scope: `repository:${target.repository}:delete`,
      })
      if (response.status === 202 || response.status === 200) return { outcome: 'DELETED', detail: null }
      if (response.status === 405) return { outcome: 'DELETES_DISABLED', detail: `${registry.name} does not allow deletes` }
      if (response.status === 404) return { outcome: 'DELETED', detail: 'The registry no longer had it' }
      return { outcome: 'FAILED', detail: target.client.refusal(response, `deleting ${digest}`).message }
    } catch (error) {
      if (error instanceof RegistryError) return { outcome: 'FAILED', detail: error.message }
      throw error
    }
  }
}

function pick(policy: Policy, matching: Tag[], now: Date): { picked: Tag[]; description: string } {
  const scope = policy.tagPattern === null ? '' : ` matching /${policy.tagPattern}/`
  if (policy.rule === 'KEEP_LAST') return { picked: matching.slice(policy.keepLast!), description: `keep the last ${policy.keepLast} tags${scope}` }
  if (policy.rule === 'OLDER_THAN') {
    const cutoff = now.getTime() - policy.olderThanDays! * DAY_MS
    return { picked: matching.filter((tag) => tag.updatedAt.getTime() < cutoff), description: `remove tags${scope} older than ${policy.olderThanDays} days` }
  }
  return { picked: matching, description: `remove tags${scope}` }
}

function checkPolicy(policy: RetentionPolicyInput, at: string[]) {
  const field = (name: string) => [...at, name]
  const positive = (value: number | null | undefined, name: string, min: number) => {
    if (value == null || !Number.isInteger(value) || value < min || value > 100_000) {
      throw new UserInputError('INVALID', field(name), `${policy.rule} needs ${name}, a whole number from ${min} to 100000`)
    }
    return value
  }
  let tagPattern: string | null = null
  if (policy.tagPattern != null && policy.tagPattern !== '') {
    if (policy.tagPattern.length > MAX_PATTERN) throw new UserInputError('INVALID', field('tagPattern'), `A pattern is at most ${MAX_PATTERN} characters`)
    try {
      RE2JS.compile(policy.tagPattern)
    } catch (error) {
      throw new UserInputError('INVALID', field('tagPattern'), `Not a regular expression in RE2 syntax: ${(error as Error).message}`)
    }
    tagPattern = policy.tagPattern
  }
  if (policy.rule === 'KEEP_LAST') return { rule: policy.rule, keepLast: positive(policy.keepLast, 'keepLast', 0), olderThanDays: null, tagPattern }
  if (policy.rule === 'OLDER_THAN') return { rule: policy.rule, keepLast: null, olderThanDays: positive(policy.olderThanDays, 'olderThanDays', 1), tagPattern }
  if (!tagPattern) throw new UserInputError('REQUIRED', field('tagPattern'), 'MATCHING needs the pattern of the tags it removes')
  return { rule: policy.rule, keepLast: null, olderThanDays: null, tagPattern }
}
