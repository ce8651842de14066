import type { TokenScope } from '../catalog/scopes.js'
import type { Grants } from '../catalog/visibility.js'
import { AccessError } from '../errors.js'

/** Who is asking. `null` is an anonymous caller. */
export interface Viewer {
  id: number
  name: string
  isAdmin: boolean
  /** The API token the request carried (the audit log records it). */
  tokenId?: number
  /** What organizations and teams grant the user, read when the request began; none when absent. */
  grants?: Grants
  /** A scoped token's scopes (see src/catalog/scopes.ts); absent for a token with all of the user's rights. */
  scopes?: TokenScope[]
  /** For a user's robot account: that user, whose rights (and namespace) the robot acts with. */
  actsFor?: { id: number; name: string }
}

/** Whose own namespace and images the viewer acts on: a user's robot acts for its user. */
export function actingUser(viewer: Viewer): { id: number; name: string } {
  return viewer.actsFor ?? viewer
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AccessError('UNAUTHENTICATED', 'Sign in with an API token (Authorization: Bearer <token>)')
  return viewer
}

export function requireAdmin(viewer: Viewer | null): Viewer {
  const signedIn = requireViewer(viewer)
  if (!signedIn.isAdmin) throw new AccessError('FORBIDDEN', 'Only an administrator may do this')
  return signedIn
}

/**
 * A user's private profile (whether they administer, their tokens) is theirs and the
 * administrators'. Everyone else, anonymous callers included, sees the public profile only:
 * the name and when the account was made, what Docker Hub, Quay and Harbor show anyone.
 */
export function seesPrivateProfile(viewer: Viewer | null, userId: number): boolean {
  return viewer !== null && (viewer.id === userId || viewer.isAdmin)
}
