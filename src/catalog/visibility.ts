// Who may see and change an image: the one place the rule is written. An image lives in a
// namespace, the first component of its name: its owner's own (organizationId null) or an
// organization's. In a user's namespace the owner holds ADMIN; in an organization's, the
// organization's OWNERs and ADMINs hold ADMIN and its teams grant what they grant. A public image
// is READ for everyone; administrators hold ADMIN on every image they can see. A private image
// nobody granted the viewer exists for them exactly as a missing one does.
import { actingUser, type Viewer } from '../auth/viewer.js'
import type { Prisma } from '../db/client.js'
import { AccessError } from '../errors.js'
import { scopeAllows, scopedImages, type TokenAction } from './scopes.js'

export type ImagePermission = 'READ' | 'WRITE' | 'ADMIN'
export type OrganizationRole = 'OWNER' | 'ADMIN' | 'MEMBER'

/** What a signed-in user holds through organizations, read once per request (see loadGrants). */
export interface Grants {
  /** The organizations the user belongs to, with the role. */
  roles: ReadonlyMap<number, OrganizationRole>
  /** The permission held on every image of an organization: from the role or a team. */
  organizations: ReadonlyMap<number, ImagePermission>
  /** Permissions teams grant on single images. */
  images: ReadonlyMap<number, ImagePermission>
}

export const noGrants: Grants = { roles: new Map(), organizations: new Map(), images: new Map() }

const RANK: Record<ImagePermission, number> = { READ: 1, WRITE: 2, ADMIN: 3 }

export function atLeast(held: ImagePermission | null, needed: ImagePermission): boolean {
  return held !== null && RANK[held] >= RANK[needed]
}

export function strongest(a: ImagePermission | null | undefined, b: ImagePermission | null | undefined): ImagePermission | null {
  if (!a) return b ?? null
  if (!b) return a
  return RANK[a] >= RANK[b] ? a : b
}

/** The image fields the rule reads. */
export interface ImageAccessFields {
  id: number
  name: string
  isPrivate: boolean
  ownerId: number
  organizationId: number | null
}

export const IMAGE_ACCESS_SELECT = { id: true, name: true, isPrivate: true, ownerId: true, organizationId: true } as const

/**
 * What each kind of change needs: the permission on the image, and the action a scoped token
 * must have on it (null: no scoped token may, e.g. an image's settings).
 */
const OPERATIONS = {
  read: { needed: 'READ', action: 'READ' },
  tag: { needed: 'WRITE', action: 'TAG' },
  build: { needed: 'WRITE', action: 'BUILD' },
  push: { needed: 'WRITE', action: 'PUSH' },
  pull: { needed: 'WRITE', action: 'PULL' },
  planRetention: { needed: 'WRITE', action: 'READ' },
  protect: { needed: 'ADMIN', action: 'TAG' },
  retention: { needed: 'ADMIN', action: 'DELETE' },
  delete: { needed: 'ADMIN', action: 'DELETE' },
  settings: { needed: 'ADMIN', action: null },
} as const satisfies Record<string, { needed: ImagePermission; action: TokenAction | null }>

export type ImageOperation = keyof typeof OPERATIONS

/** What the viewer holds on the image; null: the image does not exist for them. */
export function permissionOn(image: ImageAccessFields, viewer: Viewer | null): ImagePermission | null {
  // Outside a scoped token's scopes, an image does not exist for it.
  if (viewer?.scopes && !scopeAllows(viewer.scopes, image.name, 'READ')) return null
  let granted: ImagePermission | null = null
  if (viewer) {
    if (image.organizationId === null) granted = image.ownerId === actingUser(viewer).id ? 'ADMIN' : null
    else {
      const grants = viewer.grants ?? noGrants
      granted = strongest(grants.organizations.get(image.organizationId), grants.images.get(image.id))
    }
  }
  if (granted === null && image.isPrivate) return null
  if (viewer?.isAdmin) return 'ADMIN'
  return granted ?? 'READ'
}

export function holds(image: ImageAccessFields, viewer: Viewer | null, needed: ImagePermission): boolean {
  return atLeast(permissionOn(image, viewer), needed)
}

/** Refuses (FORBIDDEN) a viewer who sees the image but may not do `operation` to it: too little permission, or outside the token's scopes. */
export function requirePermission(image: ImageAccessFields, viewer: Viewer | null, operation: ImageOperation): void {
  const { needed, action } = OPERATIONS[operation]
  if (!holds(image, viewer, needed)) {
    throw new AccessError('FORBIDDEN', `This needs ${needed} permission on ${image.name}; ask its owner or an administrator of its organization`)
  }
  if (viewer?.scopes && (action === null || !scopeAllows(viewer.scopes, image.name, action))) {
    throw new AccessError('FORBIDDEN', action === null ? "A scoped API token cannot change an image's settings" : `The API token's scopes do not allow ${action} on ${image.name}`)
  }
}

/** Refuses (FORBIDDEN) a scoped token that may do none of `actions` to a new image of this name. */
export function requireScopeFor(imageName: string, viewer: Viewer, actions: readonly TokenAction[]): void {
  if (viewer.scopes && !actions.some((action) => scopeAllows(viewer.scopes, imageName, action))) {
    throw new AccessError('FORBIDDEN', `The API token's scopes do not allow ${actions.join(' or ')} on ${imageName}`)
  }
}

export function isVisibleImage(image: ImageAccessFields, viewer: Viewer | null): boolean {
  return permissionOn(image, viewer) !== null
}

/**
 * Grants up to this many become an IN list; past it, the database looks them up itself (Prisma
 * splits a long IN list into several statements, which findFirst cannot take).
 */
const LISTED_GRANTS = 200

/** The same rule as permissionOn(...) !== null, as a query condition. */
export function visibleImages(viewer: Viewer | null): Prisma.ImageWhereInput {
  if (!viewer) return { isPrivate: false }
  const scoped = scopedImages(viewer.scopes)
  return scoped ? { AND: [scoped, grantedImages(viewer)] } : grantedImages(viewer)
}

function grantedImages(viewer: Viewer): Prisma.ImageWhereInput {
  const grants = viewer.grants ?? noGrants
  const or: Prisma.ImageWhereInput[] = [{ isPrivate: false }, { organizationId: null, ownerId: actingUser(viewer).id }]
  const member = { some: { userId: viewer.id } }
  if (grants.organizations.size > LISTED_GRANTS) {
    or.push({ organization: { OR: [{ members: { some: { userId: viewer.id, role: { in: ['OWNER', 'ADMIN'] } } } }, { teams: { some: { permission: { not: null }, members: member } } }] } })
  } else if (grants.organizations.size > 0) or.push({ organizationId: { in: [...grants.organizations.keys()] } })
  if (grants.images.size > LISTED_GRANTS) or.push({ teamPermissions: { some: { team: { members: member } } } })
  else if (grants.images.size > 0) or.push({ id: { in: [...grants.images.keys()] } })
  return { OR: or }
}

/** The first component of an image name. */
export function namespaceOf(imageName: string): string {
  const slash = imageName.indexOf('/')
  return slash === -1 ? imageName : imageName.slice(0, slash)
}

/** Who may create images in an organization's namespace: its OWNERs and ADMINs, and teams with WRITE on all of it. */
export function writesOrganization(organizationId: number, viewer: Viewer): boolean {
  return atLeast((viewer.grants ?? noGrants).organizations.get(organizationId) ?? null, 'WRITE')
}

/** Who manages an organization's members and teams, and reads its audit log: its OWNERs and ADMINs, and administrators. */
export function administersOrganization(organizationId: number, viewer: Viewer | null): boolean {
  const role = viewer?.grants?.roles.get(organizationId)
  return role === 'OWNER' || role === 'ADMIN' || viewer?.isAdmin === true
}

/**
 * Whether requests made for the viewer may carry a registry's stored credentials: an
 * organization's registry lends them to its members, any other to administrators only. Without
 * them the registry is asked as an anonymous client, and decides.
 */
export function usesCredentials(registry: { organizationId: number | null }, viewer: Viewer | null): boolean {
  if (viewer?.isAdmin) return true
  return registry.organizationId !== null && roleIn(registry.organizationId, viewer) !== null
}

/** Who manages a robot account (its tokens, deleting it): its user, or its organization's admins. */
export function managesRobot(robot: { robotOfUserId: number | null; robotOfOrganizationId: number | null }, viewer: Viewer | null): boolean {
  if (!viewer || viewer.scopes) return false
  if (robot.robotOfUserId !== null) return robot.robotOfUserId === viewer.id || viewer.isAdmin
  return robot.robotOfOrganizationId !== null && administersOrganization(robot.robotOfOrganizationId, viewer)
}

export function roleIn(organizationId: number, viewer: Viewer | null): OrganizationRole | null {
  return viewer?.grants?.roles.get(organizationId) ?? null
}
