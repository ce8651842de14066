// Fandogh's versions: a source archive uploaded under a version string, built later.
import type { Viewer } from '../auth/viewer.js'
import type { ImageManager } from '../catalog/images.js'
import { checkTagName } from '../catalog/rules.js'
import { visibleImages } from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'
import { isUniqueViolation, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import { detectArchiveFormat } from './archive-format.js'
import { SourceTooLargeError, type SourceStore } from './source-store.js'

export interface NewVersion {
  imageId: number
  version: string
  source: File
}

export class VersionManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
    private readonly sources: SourceStore,
    private readonly maxUploadBytes: number,
    private readonly bus: EventBus,
  ) {}

  findVisible(viewer: Viewer | null, id: number, query: { include?: Prisma.VersionInclude; select?: Prisma.VersionSelect } = {}) {
    return this.db.version.findFirst({ ...query, where: { id, image: visibleImages(viewer) } })
  }

  async create(viewer: Viewer | null, input: NewVersion) {
    const image = await this.images.requireWritable(viewer, input.imageId, ['input', 'imageId'], 'build')
    // A version becomes a tag when built, so it obeys the tag grammar.
    const version = checkTagName(input.version, ['input', 'version'], 'Version')
    const taken = () => new UserInputError('TAKEN', ['input', 'version'], `${image.name} already has a version ${version}`)
    if (await this.db.version.findUnique({ where: { imageId_version: { imageId: image.id, version } } })) throw taken()

    const sourceField = ['input', 'source']
    if (input.source.size === 0) throw new UserInputError('INVALID', sourceField, 'Source archive is empty')
    if (input.source.size > this.maxUploadBytes) throw this.tooLarge(sourceField)
    let stored
    try {
      stored = await this.sources.putFile(input.source, this.maxUploadBytes)
    } catch (error) {
      if (error instanceof SourceTooLargeError) throw this.tooLarge(sourceField)
      throw error
    }
    const format = detectArchiveFormat(stored.head)
    if (!format) {
      await this.sources.releaseUnreferenced([stored.sha256])
      throw new UserInputError('UNSUPPORTED_FORMAT', sourceField, 'Source must be a tar, tar.gz or zip archive')
    }
    let created
    try {
      created = await this.db.version.create({
        data: {
          imageId: image.id,
          version,
          sourceSha256: stored.sha256,
          sourceSizeBytes: stored.sizeBytes,
          sourceFilename: (input.source.name || 'source').slice(0, 255),
          sourceFormat: format,
        },
      })
    } catch (error) {
      await this.sources.releaseUnreferenced([stored.sha256])
      if (isUniqueViolation(error)) throw taken()
      throw error
    }
    this.bus.imageChanged(image.id, 'version')
    return created
  }

  private tooLarge(field: string[]) {
    return new UserInputError('TOO_LARGE', field, `Source archive must be at most ${this.maxUploadBytes} bytes`)
  }
}
