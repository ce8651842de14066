import { requireViewer } from '../auth/viewer.js'
import type { EngineStatus } from '../docker/engine.js'
import { builder } from './builder.js'

const DockerEngine = builder.objectRef<EngineStatus>('DockerEngine').implement({
  description: 'The Docker engine this service drives. Unreachable is a state, not an error.',
  fields: (t) => ({
    reachable: t.exposeBoolean('reachable'),
    host: t.exposeString('host', { description: 'DOCKER_HOST as configured.' }),
    version: t.exposeString('version', { nullable: true }),
    apiVersion: t.exposeString('apiVersion', { nullable: true }),
    storageDriver: t.exposeString('storageDriver', { nullable: true }),
    imageCount: t.exposeInt('imageCount', { nullable: true }),
    error: t.exposeString('error', { nullable: true, description: 'Why the engine could not be reached.' }),
  }),
})

builder.queryField('dockerEngine', (t) =>
  t.field({
    type: DockerEngine,
    description: 'Whether the Docker engine answers, and what it is.',
    resolve: (_root, _args, ctx) => {
      requireViewer(ctx.viewer)
      return ctx.services.engine.status()
    },
  }),
)
