// Builds as records. Running them on an engine arrives with the Docker integration.
import type { Viewer } from '../auth/viewer.js'
import { visibleImages } from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'

export class BuildManager {
  constructor(private readonly db: Db) {}

  findVisible(viewer: Viewer | null, id: number, query: { include?: Prisma.BuildInclude; select?: Prisma.BuildSelect } = {}) {
    return this.db.build.findFirst({ ...query, where: { id, image: visibleImages(viewer) } })
  }
}
