// Tutum's build sources: a git repository whose branches build into an image's tags, by
// hand (triggerBuild) or on a signed push event (POST /hooks/git/<image>), with autotests
// that must pass before a tag moves.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Viewer } from '../auth/viewer.js'
import { contextFromArchive } from '../builds/build-context.js'
import type { BuildManager } from '../builds/builds.js'
import type { ImageManager } from '../catalog/images.js'
import { checkList, checkTagName, checkText, type FieldPath } from '../catalog/rules.js'
import type { Db } from '../db/client.js'
import { transaction } from '../db/transactions.js'
import { AccessError, isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { SecretBox } from '../registries/secret-box.js'
import { MASK, shownUrl, splitPassword } from '../url-credentials.js'
import type { SourceStore } from '../versions/source-store.js'
import { INTERRUPTED, leaseTable, type Leases } from '../work/leases.js'
import type { AuditLog } from '../audit/audit-log.js'
import type { Job, WorkQueue } from '../work/work-queue.js'
import { archiveTree, checkoutBranch } from './git.js'
import { testPlanFrom, type TestPlan } from './autotests.js'

export type AutotestMode = 'OFF' | 'SOURCE_ONLY' | 'SOURCE_AND_FORKS'

export interface BuildSettingInput {
  branch: string
  tag: string
  dockerfilePath?: string | null
  autobuild?: boolean | null
}

export interface BuildSourceInput {
  repositoryUrl: string
  buildSettings: readonly BuildSettingInput[]
  autotests?: AutotestMode | null
  testCommand?: string | null
  /** A new webhook secret replaces the old one. */
  rotateSecret?: boolean | null
}

interface HookSource {
  imageId: number
  repositoryUrl: string
  repositoryPasswordCiphertext: string | null
  autotests: string
  testCommand: string | null
  image: { ownerId: number }
  settings: { branch: string; tag: string; dockerfilePath: string; autobuild: boolean }[]
}

interface PushEvent {
  ref?: unknown
  deleted?: unknown
}

interface PullRequestEvent {
  action?: unknown
  pull_request?: {
    number?: unknown
    head?: { ref?: unknown; repo?: { clone_url?: unknown; full_name?: unknown } }
    base?: { ref?: unknown; repo?: { full_name?: unknown } }
  }
}

export interface HookAnswer {
  status: number
  body: Record<string, unknown>
}

const MAX_SETTINGS = 50
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._\/-]{1,255}$/

export class BuildSourceManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
    private readonly builds: BuildManager,
    private readonly box: SecretBox,
    private readonly bus: EventBus,
    private readonly sources: SourceStore,
    private readonly queue: WorkQueue,
    private readonly leases: Leases,
    private readonly audit: AuditLog,
    private readonly options: { gitTimeoutMs: number; maxUnpackedBytes: number; concurrency: number },
  ) {
    // A webhook's delivery is answered at once; the clone and the builds are this job's.
    queue.serve({ kind: 'clone', concurrency: options.concurrency, run: (job) => this.runDelivery(job) })
    leases.register({
      kind: 'clone',
      table: leaseTable(db.hookDelivery),
      running: ['RUNNING'],
      interrupt: async (row) => {
        await db.hookDelivery.updateMany({ where: leases.mine(row.id, row.attempt), data: { state: 'FAILED', error: INTERRUPTED } })
      },
    })
  }

  find(imageId: number) {
    return this.db.buildSource.findUnique({ where: { imageId }, include: { settings: { orderBy: { id: 'asc' } } } })
  }

  /**
   * Sets the image's build source, replacing its settings. Returns the webhook secret when
   * one was made (a new source, or rotateSecret): it is shown this once and never again.
   */
  async set(viewer: Viewer | null, imageId: number, input: BuildSourceInput): Promise<{ secret: string | null }> {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'settings')
    const repository = checkRepositoryUrl(input.repositoryUrl, viewer!)
    const settings = checkList(input.buildSettings, ['input', 'buildSettings'], MAX_SETTINGS).map((setting, i) => checkSetting(setting, i))
    const tags = new Set<string>()
    for (const [i, setting] of settings.entries()) {
      if (tags.has(setting.tag)) throw new UserInputError('INVALID', ['input', 'buildSettings', String(i), 'tag'], `Two settings build the tag ${setting.tag}`)
      tags.add(setting.tag)
    }
    const testCommand = input.testCommand == null || input.testCommand.trim() === '' ? null : checkText(input.testCommand, ['input', 'testCommand'], { max: 4096 })
    const existing = await this.db.buildSource.findUnique({ where: { imageId: image.id } })
    const secret = !existing || input.rotateSecret ? randomBytes(32).toString('hex') : null
    // The URL as shown (its password masked) given back unchanged keeps the stored password.
    const kept = repository.password === MASK && existing?.repositoryUrl === repository.url ? existing.repositoryPasswordCiphertext : null
    const fields = {
      repositoryUrl: repository.url,
      repositoryPasswordCiphertext: kept ?? (repository.password === null ? null : this.box.seal(repository.password)),
      autotests: input.autotests ?? 'OFF',
      testCommand,
      ...(secret ? { secretCiphertext: this.box.seal(secret) } : {}),
    }
    await transaction(this.db, async (tx) => {
      const source = existing
        ? await tx.buildSource.update({ where: { id: existing.id }, data: fields })
        : await tx.buildSource.create({ data: { imageId: image.id, ...fields, secretCiphertext: fields.secretCiphertext! } })
      await tx.buildSetting.deleteMany({ where: { sourceId: source.id } })
      await tx.buildSetting.createMany({ data: settings.map((setting) => ({ sourceId: source.id, ...setting })) })
    })
    this.bus.imageChanged(image.id, 'build-source')
    return { secret }
  }

  async remove(viewer: Viewer | null, imageId: number): Promise<void> {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'settings')
    const { count } = await this.db.buildSource.deleteMany({ where: { imageId: image.id } })
    if (count === 0) throw notFound(['input', 'imageId'], `A build source of ${image.name}`)
    this.bus.imageChanged(image.id, 'build-source')
  }

  /** Builds every setting of `branch` from its head, by hand. */
  async trigger(viewer: Viewer | null, imageId: number, branch: string) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'build')
    const source = await this.find(image.id)
    if (!source) throw notFound(['input', 'imageId'], `A build source of ${image.name}`)
    const settings = source.settings.filter((setting) => setting.branch === branch)
    if (settings.length === 0) throw new UserInputError('NOT_FOUND', ['input', 'branch'], `No build setting of ${image.name} builds the branch ${branch}`)
    return this.buildFromGit(source, settings, { requestedById: viewer!.id, trigger: 'MANUAL', branchField: ['input', 'branch'] })
  }

  /**
   * Build sources stored before URL passwords were sealed apart: each password moves out of
   * the URL into the sealed column. Run at start-up; a source without one is left alone.
   */
  async moveUrlCredentials(): Promise<void> {
    const stored = await this.db.buildSource.findMany({ where: { repositoryUrl: { contains: '@' } }, select: { id: true, repositoryUrl: true } })
    for (const source of stored) {
      const { url, password } = splitPassword(source.repositoryUrl)
      if (password === null) continue
      // Another instance starting at the same time may have moved it already.
      await this.db.buildSource.updateMany({
        where: { id: source.id, repositoryUrl: source.repositoryUrl },
        data: { repositoryUrl: url, repositoryPasswordCiphertext: this.box.seal(password) },
      })
    }
  }

  /** A push event for the image's build source, answered and written to the audit log. */
  async receiveHook(imageName: string, headers: Headers, body: Buffer, address: string | null): Promise<HookAnswer> {
    const source = await this.db.buildSource.findFirst({ where: { image: { name: imageName } }, include: { settings: true, image: true } })
    const answer = await this.answerHook(source, headers, body)
    const outcome = answer.status === 401 ? 'DENIED' : answer.status >= 400 ? 'REJECTED' : 'OK'
    // The image only for a delivery that proved it came from the source's sender.
    const imageId = outcome === 'DENIED' ? null : (source?.image.id ?? null)
    const delivery = headers.get('x-github-delivery')?.slice(0, 100)
    await this.audit.record({
      actor: null,
      address,
      action: 'webhook.delivery',
      target: imageId ? { type: 'Image', id: imageId } : null,
      outcome,
      detail: `HTTP ${answer.status}${delivery ? ` (delivery ${delivery})` : ''}`,
    })
    return answer
  }

  /**
   * A push event for the image's source, signed as GitHub signs them (X-Hub-Signature-256).
   * Answers as HTTP: 401 for a signature that does not verify (or an image without a source,
   * which cannot be told apart without revealing the name), 200 for a delivery seen before.
   */
  private async answerHook(source: (HookSource & { id: number; secretCiphertext: string }) | null, headers: Headers, body: Buffer): Promise<HookAnswer> {
    const signature = headers.get('x-hub-signature-256') ?? ''
    if (!source || !verifySignature(this.box.open(source.secretCiphertext), body, signature)) {
      return { status: 401, body: { error: 'The X-Hub-Signature-256 signature does not match this build source' } }
    }
    const event = headers.get('x-github-event') ?? 'push'
    if (event === 'ping') return { status: 200, body: { ok: true } }
    if (event !== 'push' && event !== 'pull_request') return { status: 202, body: { ignored: `${event} events build nothing` } }
    const deliveryId = headers.get('x-github-delivery')
    if (!deliveryId) return { status: 400, body: { error: 'An event needs its X-GitHub-Delivery id' } }
    let payload: PushEvent & PullRequestEvent
    try {
      payload = JSON.parse(body.toString('utf8'))
    } catch {
      return { status: 400, body: { error: 'The event is not JSON' } }
    }
    // What needs no clone is answered now; the rest is the clone job's (runDelivery).
    const plan = this.plan(source, event, payload)
    if ('ignored' in plan) return { status: 202, body: { builds: [], ignored: plan.ignored } }
    const delivery = { sourceId: source.id, deliveryId: deliveryId.slice(0, 200) }
    const queued = { state: 'QUEUED', event, payload: body.toString('utf8'), error: null, buildIds: undefined, runnerId: null, heartbeatAt: new Date() }
    let row: { id: number; attempt: number }
    try {
      row = await this.db.hookDelivery.create({ data: { ...delivery, ...queued } })
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      // A delivery whose builds could not start is tried again when it is delivered again.
      const failed = await this.db.hookDelivery.findUnique({ where: { sourceId_deliveryId: delivery } })
      const retried = failed?.state === 'FAILED' ? await this.db.hookDelivery.updateMany({ where: { id: failed.id, state: 'FAILED' }, data: { ...queued, attempt: failed.attempt + 1 } }) : null
      if (!failed || !retried?.count) return { status: 200, body: { duplicate: true, builds: [] } }
      row = { id: failed.id, attempt: failed.attempt + 1 }
    }
    await this.queue.add('clone', { id: row.id, attempt: row.attempt })
    return { status: 202, body: { queued: true, delivery: row.id } }
  }

  /** A delivery, as the clone job left it: QUEUED, RUNNING, DONE with the builds it queued, or FAILED with why. */
  async delivery(imageName: string, deliveryId: string) {
    const row = await this.db.hookDelivery.findFirst({ where: { deliveryId, source: { image: { name: imageName } } } })
    return row && { state: row.state, error: row.error, builds: Array.isArray(row.buildIds) ? (row.buildIds as number[]) : [] }
  }

  /** The clone job: checks out what the stored event names and queues its builds. */
  private async runDelivery(job: Job): Promise<void> {
    const lease = this.leases.mine(job.id, job.attempt)
    const { count } = await this.db.hookDelivery.updateMany({
      where: { id: job.id, state: 'QUEUED', attempt: job.attempt },
      data: { state: 'RUNNING', runnerId: this.leases.runnerId, heartbeatAt: new Date() },
    })
    if (count === 0) return
    const row = await this.db.hookDelivery.findUniqueOrThrow({ where: { id: job.id } })
    let outcome: { state: 'DONE'; buildIds: number[]; error: string | null } | { state: 'FAILED'; error: string }
    try {
      const source = await this.db.buildSource.findUnique({ where: { id: row.sourceId }, include: { settings: true, image: true } })
      if (!source) throw new UserInputError('NOT_FOUND', [], 'The build source was removed')
      const plan = this.plan(source, row.event ?? 'push', JSON.parse(row.payload ?? '{}'))
      if ('ignored' in plan) outcome = { state: 'DONE', buildIds: [], error: plan.ignored }
      else outcome = { state: 'DONE', buildIds: (await this.buildFromGit(source, plan.settings, plan.how)).map((build) => build.id), error: null }
    } catch (error) {
      if (!(error instanceof UserInputError || error instanceof AccessError)) throw error
      outcome = { state: 'FAILED', error: error.message }
    }
    // The event is not kept once acted on: it may be large, and it is the sender's.
    await this.db.hookDelivery.updateMany({ where: lease, data: { ...outcome, payload: null, heartbeatAt: null } })
  }

  /** What an event asks for: the settings to build and how, or why it builds nothing. */
  private plan(source: HookSource, event: string, payload: PushEvent & PullRequestEvent): { ignored: string } | { settings: HookSource['settings']; how: GitBuildHow } {
    return event === 'push' ? this.onPush(source, payload) : this.onPullRequest(source, payload)
  }

  /** A push builds every autobuild setting of the pushed branch. */
  private onPush(source: HookSource, payload: PushEvent) {
    const ref = typeof payload.ref === 'string' ? payload.ref : ''
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : null
    const settings = source.settings.filter((setting) => setting.autobuild && setting.branch === branch)
    if (!branch || payload.deleted === true) return { ignored: 'not a branch push' }
    if (settings.length === 0) return { ignored: `no autobuild setting builds ${branch}` }
    return { settings, how: { requestedById: source.image.ownerId, trigger: 'WEBHOOK' as const, branchField: ['ref'] } }
  }

  /**
   * A pull request into a built branch is tested, never tagged: with SOURCE_ONLY when it comes
   * from this repository, with SOURCE_AND_FORKS from forks too.
   */
  private onPullRequest(source: HookSource, payload: PullRequestEvent) {
    const pr = payload.pull_request
    if (!['opened', 'synchronize', 'reopened'].includes(String(payload.action))) return { ignored: `pull request ${String(payload.action)}` }
    if (source.autotests === 'OFF') return { ignored: 'autotests are off' }
    const head = pr?.head
    const base = pr?.base
    const headUrl = head?.repo?.clone_url
    if (typeof head?.ref !== 'string' || typeof base?.ref !== 'string' || typeof headUrl !== 'string') return { ignored: 'not a pull request event' }
    const fromFork = head.repo?.full_name !== base.repo?.full_name
    if (fromFork && source.autotests !== 'SOURCE_AND_FORKS') return { ignored: 'pull requests from forks are not tested (autotests: SOURCE_ONLY)' }
    const settings = source.settings.filter((setting) => setting.branch === base.ref)
    if (settings.length === 0) return { ignored: `no build setting builds ${base.ref}` }
    // The fork's URL comes from the signed event; a file:// one is only taken for a file:// source.
    const scheme = schemeOf(headUrl)
    const allowed = scheme !== null && (REMOTE_SCHEMES.includes(scheme) || (scheme === 'file' && schemeOf(source.repositoryUrl) === 'file'))
    if (!allowed) return { ignored: `the pull request's repository URL is not one autotests clone` }
    const fork = splitPassword(headUrl)
    return {
      settings,
      how: {
        requestedById: source.image.ownerId,
        trigger: 'WEBHOOK' as const,
        branchField: ['pull_request', 'head', 'ref'],
        remote: { url: fork.url, password: fork.password },
        branch: head.ref,
        testOnly: `#${String(pr?.number ?? '?')} from ${head.repo?.full_name ?? shownUrl(fork.url, fork.password !== null)}:${head.ref}`,
      },
    }
  }

  /** Checks the branch out once and queues one build per setting, each with the commit it builds. */
  private async buildFromGit(
    source: { imageId: number; repositoryUrl: string; repositoryPasswordCiphertext: string | null; autotests: string; testCommand: string | null },
    settings: { branch: string; tag: string; dockerfilePath: string }[],
    how: GitBuildHow,
  ) {
    const remote = how.remote ?? {
      url: source.repositoryUrl,
      password: source.repositoryPasswordCiphertext === null ? null : this.box.open(source.repositoryPasswordCiphertext),
    }
    const dir = await mkdtemp(path.join(tmpdir(), 'icat-git-'))
    try {
      const checkout = path.join(dir, 'tree')
      const branch = how.branch ?? settings[0]!.branch
      const commit = await checkoutBranch(remote.url, branch, checkout, {
        timeoutMs: this.options.gitTimeoutMs,
        urlField: ['repositoryUrl'],
        branchField: how.branchField,
        password: remote.password,
      })
      const archive = path.join(dir, 'tree.tar')
      await archiveTree(checkout, archive, this.options.gitTimeoutMs)
      // Kept in the source store, so any instance can run the builds, and run them again.
      const stored = await this.sources.put(Readable.toWeb(createReadStream(archive)) as ReadableStream<Uint8Array>, this.options.maxUnpackedBytes)
      const builds = []
      try {
      for (const setting of settings) {
        const plan: TestPlan | null = source.autotests === 'OFF' ? null : await testPlanFrom(checkout, setting.dockerfilePath, source.testCommand)
        if (how.testOnly && !plan) continue
        const context = await contextFromArchive(archive, 'tar', { dockerfilePath: setting.dockerfilePath, maxUnpackedBytes: this.options.maxUnpackedBytes })
        builds.push(
          await this.builds.enqueueFromSource(context, {
            imageId: source.imageId,
            requestedById: how.requestedById,
            targetTag: setting.tag,
            dockerfilePath: setting.dockerfilePath,
            branch,
            commitSha: commit.sha,
            commitMessage: commit.message,
            trigger: how.trigger,
            testPlan: plan,
            pullRequest: how.testOnly ?? null,
            sourceSha256: stored.sha256,
          }),
        )
      }
      } finally {
        // Kept while a queued build needs it; gone when none was queued.
        await this.sources.releaseUnreferenced([stored.sha256])
      }
      return builds
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

interface GitBuildHow {
  requestedById: number
  trigger: 'MANUAL' | 'WEBHOOK'
  branchField: FieldPath
  remote?: { url: string; password: string | null }
  branch?: string
  testOnly?: string
}

/** The repository URL as callers see it: a stored password is shown as ***. */
export const shownRepositoryUrl = (source: { repositoryUrl: string; repositoryPasswordCiphertext: string | null }) =>
  shownUrl(source.repositoryUrl, source.repositoryPasswordCiphertext !== null)

/** Repositories reached over the network; file:// reads the server's own disk and is handled apart. */
const REMOTE_SCHEMES = ['https', 'http', 'ssh', 'git']

const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase() ?? null

/** The repository URL without its password, and the password (decoded), to be sealed apart. */
function checkRepositoryUrl(value: string, viewer: Viewer): { url: string; password: string | null } {
  const field = ['input', 'repositoryUrl']
  const text = checkText(value.trim(), field, { min: 1, max: 2048 })
  const scheme = schemeOf(text)
  if (scheme === null || !(REMOTE_SCHEMES.includes(scheme) || scheme === 'file')) {
    throw new UserInputError('INVALID', field, 'A repository URL is https://, http://, ssh://, git:// or (for administrators) file://')
  }
  // git reads the URL as the WHATWG parser does; one the parser refuses is not echoed, it may hold a password.
  if (!URL.canParse(text)) throw new UserInputError('INVALID', field, 'The repository URL is not a URL (a "/" in its password is written %2F)')
  // A file:// source reads the server's own disk: only administrators may point at it.
  if (scheme === 'file' && !viewer.isAdmin) throw new UserInputError('INVALID', field, 'Only administrators may build from file:// repositories')
  const split = splitPassword(text)
  // git's credential protocol is line based: a password with a line break cannot be handed over.
  if (split.password !== null && /[\0\r\n]/.test(split.password)) {
    throw new UserInputError('INVALID', field, 'The password in the repository URL must not hold a line break or NUL')
  }
  return split
}

function checkSetting(setting: BuildSettingInput, i: number) {
  const at = (name: string) => ['input', 'buildSettings', String(i), name]
  if (!BRANCH.test(setting.branch)) throw new UserInputError('INVALID', at('branch'), `"${setting.branch}" is not a branch name`)
  const dockerfilePath = (setting.dockerfilePath ?? 'Dockerfile').replace(/^\/+/, '') || 'Dockerfile'
  checkText(dockerfilePath, at('dockerfilePath'), { min: 1, max: 1024 })
  return { branch: setting.branch, tag: checkTagName(setting.tag, at('tag')), dockerfilePath, autobuild: setting.autobuild ?? false }
}

function verifySignature(secret: string, body: Buffer, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`)
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

