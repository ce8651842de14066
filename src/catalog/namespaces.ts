// Namespaces: an image name's first component is a user's name or an organization's. Creating,
// renaming or pulling into a name needs write access to its namespace; every namespace the caller
// may not write gets the same answer, whether it is free, a user's or an organization's, so a
// refusal says nothing of the images inside it.
import { actingUser, type Viewer } from '../auth/viewer.js'
import type { Db } from '../db/client.js'
import { isUniqueViolation, UserInputError } from '../errors.js'
import { checkUserName, type FieldPath } from './rules.js'
import { namespaceOf, strongest, writesOrganization, type Grants, type ImagePermission, type OrganizationRole } from './visibility.js'

/**
 * The viewer a user stands for when acting without a token's scopes (jobs running for their
 * requester): their grants, and for a user's robot the user it acts for, with that user's grants.
 */
export async function actingViewer(db: Db, userId: number): Promise<Viewer | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: VIEWER_FIELDS })
  return user ? viewerOf(db, user) : null
}

/** What a viewer is built from: the user row, with the user a robot acts for. */
export const VIEWER_FIELDS = { id: true, name: true, isAdmin: true, robotOfUser: { select: { id: true, name: true } } } as const

export async function viewerOf(db: Db, user: { id: number; name: string; isAdmin: boolean; robotOfUser: { id: number; name: string } | null }): Promise<Viewer> {
  const actsFor = user.robotOfUser ?? undefined
  return { id: user.id, name: user.name, isAdmin: user.isAdmin, grants: await loadGrants(db, actsFor?.id ?? user.id), ...(actsFor ? { actsFor } : {}) }
}

/** What organizations and teams grant a user now. */
export async function loadGrants(db: Db, userId: number): Promise<Grants> {
  const [memberships, teams] = await Promise.all([
    db.organizationMember.findMany({ where: { userId }, select: { organizationId: true, role: true } }),
    db.teamMember.findMany({
      where: { userId },
      select: { team: { select: { organizationId: true, permission: true, images: { select: { imageId: true, permission: true } } } } },
    }),
  ])
  const roles = new Map<number, OrganizationRole>()
  const organizations = new Map<number, ImagePermission>()
  const images = new Map<number, ImagePermission>()
  for (const { organizationId, role } of memberships) {
    roles.set(organizationId, role)
    if (role !== 'MEMBER') organizations.set(organizationId, 'ADMIN')
  }
  for (const { team } of teams) {
    const granted = strongest(organizations.get(team.organizationId), team.permission)
    if (granted) organizations.set(team.organizationId, granted)
    for (const grant of team.images) images.set(grant.imageId, strongest(images.get(grant.imageId), grant.permission)!)
  }
  return { roles, organizations, images }
}

/** The answer for every namespace the caller may not write. */
export function namespaceNotWritable(name: string, viewer: Viewer, field: FieldPath): UserInputError {
  return new UserInputError(
    'NAMESPACE_NOT_WRITABLE',
    field,
    `You may not create images in the namespace "${namespaceOf(name)}": names start with your own namespace (${actingUser(viewer).name}/...) or that of an organization where you may write`,
  )
}

/**
 * The organization that holds `name`'s namespace (null: the viewer's own), once the viewer is
 * known to be allowed to write there. An administrator naming a free namespace claims it: it
 * becomes an organization the administrator owns.
 */
export async function writableNamespace(db: Db, viewer: Viewer, name: string, field: FieldPath): Promise<number | null> {
  const namespace = namespaceOf(name)
  const own = actingUser(viewer).name
  if (namespace === name) {
    throw new UserInputError('INVALID', field, `Image name "${name}" must start with a namespace, e.g. ${own}/${name}`)
  }
  if (namespace === own) return null
  const organization = await db.organization.findUnique({ where: { name: namespace }, select: { id: true } })
  if (organization) {
    if (writesOrganization(organization.id, viewer)) return organization.id
    throw namespaceNotWritable(name, viewer, field)
  }
  if (!viewer.isAdmin || (await db.user.count({ where: { name: namespace } })) > 0) throw namespaceNotWritable(name, viewer, field)
  checkUserName(namespace, field, 'A new namespace')
  try {
    const claimed = await db.organization.create({
      data: { name: namespace, members: { create: { userId: viewer.id, role: 'OWNER' } } },
      select: { id: true },
    })
    joinedOrganization(viewer, claimed.id, 'OWNER')
    return claimed.id
  } catch (error) {
    // Claimed by someone else a moment ago: theirs now.
    if (isUniqueViolation(error)) throw namespaceNotWritable(name, viewer, field)
    throw error
  }
}

/** The rest of this request sees a membership made in it. */
export function joinedOrganization(viewer: Viewer, organizationId: number, role: OrganizationRole): void {
  const grants = viewer.grants
  const roles = new Map(grants?.roles)
  const organizations = new Map(grants?.organizations)
  roles.set(organizationId, role)
  if (role !== 'MEMBER') organizations.set(organizationId, 'ADMIN')
  viewer.grants = { roles, organizations, images: new Map(grants?.images) }
}

export const nameTaken = (name: string) => new UserInputError('TAKEN', ['input', 'name'], `A user or organization named ${name} already exists`)

/** Whether a user or an organization already has the name. */
export async function namespaceTaken(db: Db, name: string): Promise<boolean> {
  const [users, organizations] = await Promise.all([db.user.count({ where: { name } }), db.organization.count({ where: { name } })])
  return users + organizations > 0
}
