import type { Viewer } from './auth/viewer.js'
import type { Db } from './db/client.js'
import type { Client } from './protection/protection.js'
import type { Loaders } from './schema/loaders.js'
import type { Services } from './services.js'
import { AccessError } from './errors.js'

export interface Context {
  db: Db
  viewer: Viewer | null
  client: Client
  services: Services
  loaders: Loaders
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/** Reads the caller from `Authorization`; a header that is present but wrong is refused. */
export async function viewerFrom(authorization: string | null | undefined, services: Services, address: string | null = null): Promise<Viewer | null> {
  if (!authorization) return null
  const match = BEARER.exec(authorization)
  if (!match) {
    throw new AccessError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"')
  }
  return services.users.authenticate(match[1]!, address)
}
