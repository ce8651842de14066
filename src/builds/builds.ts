// Builds: queued here, run by the BuildRunner, read back with their logs.
import { requireViewer, type Viewer } from '../auth/viewer.js'
import type { ImageManager } from '../catalog/images.js'
import { checkTagName, checkText } from '../catalog/rules.js'
import { requirePermission, visibleImages } from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'
import type { EnginePool } from '../engines/engine-pool.js'
import { checkEngineLabels } from '../engines/engines.js'
import { fromReferences } from '../engines/image-mover.js'
import { notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { TagManager } from '../catalog/tags.js'
import type { TestPlan } from '../sources/autotests.js'
import { discardContext, type BuildContext } from './build-context.js'
import type { BuildRunner } from './runner.js'
import { isBuildOver } from './states.js'
import { checkBuildOptions, type BuildOptionsInput } from './build-options.js'
import type { Builder } from '../config.js'
import type { SecretBox } from '../registries/secret-box.js'

export interface SourceBuildFields {
  imageId: number
  requestedById: number
  targetTag: string
  dockerfilePath: string
  branch: string
  commitSha: string
  commitMessage: string
  trigger: 'MANUAL' | 'WEBHOOK'
  testPlan: TestPlan | null
  /** A pull request's test: built and tested, no tag moves. */
  pullRequest: string | null
  /** The checked-out tree, a tar in the source store. */
  sourceSha256: string
}

export interface BuildRequest extends BuildOptionsInput {
  imageId: number
  versionId?: number | null
  dockerfile?: string | null
  tag?: string | null
  dockerfilePath?: string | null
  buildArgs?: readonly { name: string; value: string }[] | null
  /** Labels the engine must carry, e.g. platform=linux/arm64. */
  engineLabels?: readonly string[] | null
}

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const MAX_DOCKERFILE_CHARS = 1024 * 1024

export class BuildManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
    private readonly engines: EnginePool,
    private readonly runner: BuildRunner,
    private readonly tags: TagManager,
    private readonly bus: EventBus,
    private readonly builder: { builder: Builder; box: SecretBox },
  ) {}

  findVisible(viewer: Viewer | null, id: number, query: { include?: Prisma.BuildInclude; select?: Prisma.BuildSelect } = {}) {
    return this.db.build.findFirst({ ...query, where: { id, image: visibleImages(viewer) } })
  }

  /** Queues a build and returns it at once; the runner takes it from there. */
  async request(viewer: Viewer | null, input: BuildRequest) {
    const user = requireViewer(viewer)
    const image = await this.images.requireWritable(user, input.imageId, ['input', 'imageId'], 'build')
    const at = (name: string) => ['input', name]
    if ((input.versionId == null) === (input.dockerfile == null)) {
      throw new UserInputError('INVALID', at('versionId'), 'Give exactly one of versionId or dockerfile')
    }
    const version = input.versionId == null ? null : await this.db.version.findFirst({ where: { id: input.versionId, imageId: image.id } })
    if (input.versionId != null && !version) throw notFound(at('versionId'), `Version of ${image.name}`)
    if (input.dockerfile != null) checkText(input.dockerfile, at('dockerfile'), { min: 1, max: MAX_DOCKERFILE_CHARS })
    const tag = checkTagName(input.tag ?? version?.version ?? 'latest', at('tag'))
    const buildArgs: Record<string, string> = {}
    for (const [i, arg] of (input.buildArgs ?? []).entries()) {
      if (!BUILD_ARG_NAME.test(arg.name)) {
        throw new UserInputError('INVALID', ['input', 'buildArgs', String(i), 'name'], `Build argument "${arg.name}" must match [A-Za-z_][A-Za-z0-9_]*`)
      }
      buildArgs[arg.name] = arg.value
    }
    const options = checkBuildOptions(input, this.builder.builder, this.builder.box)
    await this.tags.requireUnprotected(image.id, tag, at('tag'))
    const engineLabels = checkEngineLabels(input.engineLabels ?? [], at('engineLabels'))
    await this.engines.requireAvailable(engineLabels, at('engineLabels'))
    const inlineDockerfile = input.dockerfile ?? null
    const dockerfilePath = input.dockerfilePath ?? null
    // Checked now, so an unsafe archive is the caller's userError rather than a failed build.
    const context = await this.runner.prepare({ inlineDockerfile, dockerfilePath, version })
    return this.queue(context, {
      imageId: image.id,
      versionId: version?.id ?? null,
      requestedById: user.id,
      targetTag: tag,
      dockerfilePath,
      inlineDockerfile,
      buildArgs,
      engineLabels: engineLabels.length > 0 ? engineLabels : undefined,
      ...options,
    })
  }

  /**
   * Queues a build of a git checkout whose context is already checked (see BuildSourceManager).
   * With a test plan, the tag moves only once the test passes.
   */
  async enqueueFromSource(context: BuildContext, fields: SourceBuildFields) {
    // The context is this call's from here on: closed whenever it is not queued.
    try {
      await this.engines.requireAvailable()
      if (!fields.pullRequest) await this.tags.requireUnprotected(fields.imageId, fields.targetTag, ['input', 'branch'])
    } catch (error) {
      discardContext(context)
      throw error
    }
    const { testPlan, ...rest } = fields
    return this.queue(context, { ...rest, testOnly: fields.pullRequest !== null, testCommand: testPlan ? { ...testPlan } : undefined })
  }

  /**
   * Records the build and queues it. The checked context is not kept: whichever instance runs
   * the build makes it again from the row (a version's archive, a git checkout in the source
   * store, or the inline Dockerfile), as it does when the build is restarted.
   */
  private async queue(context: BuildContext, data: Omit<Prisma.BuildUncheckedCreateInput, 'runnerId' | 'heartbeatAt'>) {
    discardContext(context)
    const baseImages = fromReferences(context.dockerfileText)
    // heartbeatAt of a QUEUED row is when it was queued: see Leases.requeueWaiting.
    const build = await this.db.build.create({ data: { ...data, baseImages: baseImages.length > 0 ? baseImages : undefined, heartbeatAt: new Date() } })
    await this.runner.enqueue(build.id)
    // Queued is already BUILDING for the image.
    this.bus.imageChanged(build.imageId, 'build-queued')
    return build
  }

  async cancel(viewer: Viewer | null, id: number) {
    const user = requireViewer(viewer)
    const build = await this.db.build.findFirst({ where: { id, image: visibleImages(user) }, include: { image: true } })
    if (!build) throw notFound(['input', 'id'], 'Build')
    requirePermission(build.image, user, 'build')
    if (isBuildOver(build.state) || !(await this.runner.cancel(id))) {
      const { state } = await this.db.build.findUniqueOrThrow({ where: { id }, select: { state: true } })
      throw new UserInputError('INVALID', ['input', 'id'], `Build ${id} is already over (${state})`)
    }
    // The state it is in now: CANCELLED, or CANCELLING while the engine stops it.
    return this.db.build.findUniqueOrThrow({ where: { id } })
  }

  static isOver(state: string): boolean {
    return isBuildOver(state)
  }
}
