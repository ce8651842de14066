// The behaviour behind the schema, built once per app around one database.
import path from 'node:path'
import { UserManager } from './auth/users.js'
import { BuildManager } from './builds/builds.js'
import { CategoryManager } from './catalog/categories.js'
import { ImageManager } from './catalog/images.js'
import { TagManager } from './catalog/tags.js'
import type { Config } from './config.js'
import type { Db } from './db/client.js'
import { DockerEngine } from './docker/engine.js'
import { RegistryManager } from './registries/registries.js'
import { loadSecretKey, SecretBox } from './registries/secret-box.js'
import { SourceStore } from './versions/source-store.js'
import { VersionManager } from './versions/versions.js'

export type Services = ReturnType<typeof createServices>

export function createServices(db: Db, config: Config) {
  const sources = new SourceStore(db, path.join(config.dataDir, 'sources'))
  const images = new ImageManager(db, sources)
  return {
    images,
    tags: new TagManager(db, images),
    versions: new VersionManager(db, images, sources, config.maxUploadBytes),
    categories: new CategoryManager(db),
    registries: new RegistryManager(db, new SecretBox(loadSecretKey(config.secretKey, config.dataDir))),
    users: new UserManager(db),
    builds: new BuildManager(db),
    sources,
    engine: new DockerEngine(config.dockerHost),
  }
}
