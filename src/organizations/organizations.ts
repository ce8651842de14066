// Organizations, their members and teams (Quay's organizations and teams, Harbor's project
// members). An organization is a public namespace; who belongs to it and how its teams are made
// up is for its members and administrators. Its OWNERs and ADMINs (and administrators) manage
// members and teams; only an OWNER makes or unmakes an OWNER, and the last OWNER stays.
// The image rights all this confers are read in src/catalog/visibility.ts.
import { requireViewer, type Viewer } from '../auth/viewer.js'
import { joinedOrganization, nameTaken, namespaceTaken } from '../catalog/namespaces.js'
import { checkText, checkUserName, type FieldPath } from '../catalog/rules.js'
import {
  administersOrganization,
  holds,
  requirePermission,
  roleIn,
  visibleImages,
  type ImageAccessFields,
  type ImagePermission,
  type OrganizationRole,
} from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'
import { transaction } from '../db/transactions.js'
import { AccessError, isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'

type Query = { include?: object; select?: object }
const TEAM_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/

export class OrganizationManager {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  /** Organizations are public namespaces: anyone finds one by name or id. */
  find(by: { id: number } | { name: string }, query: Query = {}) {
    return this.db.organization.findFirst({ ...query, where: by })
  }

  /** The caller's organizations (every one, for administrators), by name. */
  list(viewer: Viewer | null, query: Query) {
    return this.db.organization.findMany({ ...query, where: this.listed(viewer), orderBy: { name: 'asc' } })
  }

  count(viewer: Viewer | null) {
    return this.db.organization.count({ where: this.listed(viewer) })
  }

  private listed(viewer: Viewer | null): Prisma.OrganizationWhereInput {
    const user = requireViewer(viewer)
    return user.isAdmin ? {} : { members: { some: { userId: user.id } } }
  }

  /** Who belongs to it, its teams and robots are for its members and administrators: FORBIDDEN for others (the organization itself is public). */
  requireInside(viewer: Viewer | null, organizationId: number): { organizationId: number } {
    const user = requireViewer(viewer)
    if (roleIn(organizationId, user) === null && !user.isAdmin) throw new AccessError('FORBIDDEN', "Only an organization's members see its members, teams and robots")
    return { organizationId }
  }

  members(viewer: Viewer | null, organizationId: number, query: Query) {
    this.requireInside(viewer, organizationId)
    return this.db.organizationMember.findMany({ ...query, where: { organizationId }, orderBy: { userId: 'asc' } })
  }

  countMembers(viewer: Viewer | null, organizationId: number) {
    this.requireInside(viewer, organizationId)
    return this.db.organizationMember.count({ where: { organizationId } })
  }

  teams(viewer: Viewer | null, organizationId: number, query: Query) {
    this.requireInside(viewer, organizationId)
    return this.db.team.findMany({ ...query, where: { organizationId }, orderBy: { name: 'asc' } })
  }

  countTeams(viewer: Viewer | null, organizationId: number) {
    this.requireInside(viewer, organizationId)
    return this.db.team.count({ where: { organizationId } })
  }

  /** A team, for members of its organization and administrators; absent for everyone else. */
  findTeam(viewer: Viewer | null, id: number, query: Query = {}) {
    return this.db.team.findFirst({ ...query, where: { id, ...this.teamsSeenBy(viewer) } })
  }

  teamsSeenBy(viewer: Viewer | null): Prisma.TeamWhereInput {
    if (viewer?.isAdmin) return {}
    return viewer ? { organization: { members: { some: { userId: viewer.id } } } } : { id: -1 }
  }

  teamMembers(teamId: number, query: Query) {
    return this.db.teamMember.findMany({ ...query, where: { teamId }, orderBy: { userId: 'asc' } })
  }

  countTeamMembers(teamId: number) {
    return this.db.teamMember.count({ where: { teamId } })
  }

  /** A team's grants on single images, those the caller can see. */
  teamImages(viewer: Viewer | null, teamId: number, query: Query) {
    return this.db.teamImagePermission.findMany({ ...query, where: { teamId, image: visibleImages(viewer) }, orderBy: { imageId: 'asc' } })
  }

  seesImageGrants(viewer: Viewer | null, image: ImageAccessFields): boolean {
    return holds(image, viewer, 'ADMIN')
  }

  /** The teams' grants on one image, shown to those who hold ADMIN on it. */
  imageGrants(imageId: number, query: Query) {
    return this.db.teamImagePermission.findMany({ ...query, where: { imageId }, orderBy: { teamId: 'asc' } })
  }

  async create(viewer: Viewer | null, input: { name: string; description?: string | null }) {
    const user = requireViewer(viewer)
    const name = checkUserName(input.name, ['input', 'name'], 'Organization name')
    const description = input.description == null ? '' : checkText(input.description, ['input', 'description'], { max: 4000 })
    if (await namespaceTaken(this.db, name)) throw nameTaken(name)
    let organization
    try {
      organization = await this.db.organization.create({ data: { name, description, members: { create: { userId: user.id, role: 'OWNER' } } } })
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name)
      throw error
    }
    joinedOrganization(user, organization.id, 'OWNER')
    this.changed(organization.id)
    return organization
  }

  async update(viewer: Viewer | null, id: number, input: { description?: string | null }) {
    await this.requireAdministered(viewer, id, ['input', 'id'])
    const description = input.description == null ? '' : checkText(input.description, ['input', 'description'], { max: 4000 })
    const organization = await this.db.organization.update({ where: { id }, data: { description } })
    this.changed(id)
    return organization
  }

  /** Only an OWNER (or an administrator) deletes an organization, and only an empty one. */
  async delete(viewer: Viewer | null, id: number) {
    const organization = await this.requireVisible(id, ['input', 'id'])
    const user = requireViewer(viewer)
    if (roleIn(id, user) !== 'OWNER' && !user.isAdmin) throw new AccessError('FORBIDDEN', `Only an owner of ${organization.name} may delete it`)
    const images = await this.db.image.count({ where: { organizationId: id } })
    if (images > 0) throw new UserInputError('IN_USE', ['input', 'id'], `${organization.name} still holds ${images} image(s); delete or move them first`)
    await this.db.organization.delete({ where: { id } })
    this.changed(id)
    return organization
  }

  /** Adds the user with the role, or gives a member that role. */
  async setMember(viewer: Viewer | null, organizationId: number, userName: string, role: OrganizationRole) {
    const organization = await this.requireAdministered(viewer, organizationId, ['input', 'organizationId'])
    const member = await this.requireUser(userName, ['input', 'user'], organizationId)
    if (role !== 'MEMBER' && (member.robotOfOrganizationId !== null)) throw new UserInputError('INVALID', ['input', 'role'], 'A robot is a MEMBER: its teams say what it may do')
    const current = await this.db.organizationMember.findUnique({ where: { organizationId_userId: { organizationId, userId: member.id } } })
    if ((role === 'OWNER' || current?.role === 'OWNER') && !this.isOwner(viewer!, organizationId)) {
      throw new AccessError('FORBIDDEN', `Only an owner of ${organization.name} makes or unmakes an owner`)
    }
    await transaction(this.db, async (tx) => {
      await tx.organizationMember.upsert({
        where: { organizationId_userId: { organizationId, userId: member.id } },
        create: { organizationId, userId: member.id, role },
        update: { role },
      })
      await requireAnOwner(tx, organizationId, organization.name)
    })
    this.changed(organizationId)
    return organization
  }

  /** Removes a member (and their team places); any member may leave. */
  async removeMember(viewer: Viewer | null, organizationId: number, userName: string) {
    const user = requireViewer(viewer)
    const organization = await this.requireVisible(organizationId, ['input', 'organizationId'])
    const member = await this.requireUser(userName, ['input', 'user'], organizationId)
    if (member.id !== user.id) {
      if (!administersOrganization(organizationId, user)) throw notAdministered(organization.name)
      const current = await this.db.organizationMember.findUnique({ where: { organizationId_userId: { organizationId, userId: member.id } } })
      if (current?.role === 'OWNER' && !this.isOwner(user, organizationId)) throw new AccessError('FORBIDDEN', `Only an owner of ${organization.name} removes an owner`)
    }
    await transaction(this.db, async (tx) => {
      const { count } = await tx.organizationMember.deleteMany({ where: { organizationId, userId: member.id } })
      if (count === 0) throw new UserInputError('NOT_FOUND', ['input', 'user'], `${member.name} is not a member of ${organization.name}`)
      await tx.teamMember.deleteMany({ where: { userId: member.id, team: { organizationId } } })
      await requireAnOwner(tx, organizationId, organization.name)
    })
    this.changed(organizationId)
    return organization
  }

  async createTeam(viewer: Viewer | null, organizationId: number, input: TeamFields & { name: string }) {
    await this.requireAdministered(viewer, organizationId, ['input', 'organizationId'])
    const data = checkTeam(input)
    try {
      const team = await this.db.team.create({ data: { organizationId, name: data.name!, description: data.description ?? '', permission: data.permission ?? null } })
      this.changed(organizationId)
      return team
    } catch (error) {
      if (isUniqueViolation(error)) throw teamTaken(input.name)
      throw error
    }
  }

  async updateTeam(viewer: Viewer | null, teamId: number, input: TeamFields) {
    const team = await this.requireAdministeredTeam(viewer, teamId)
    try {
      const updated = await this.db.team.update({ where: { id: teamId }, data: checkTeam(input) })
      this.changed(team.organizationId)
      return updated
    } catch (error) {
      if (isUniqueViolation(error) && input.name) throw teamTaken(input.name)
      throw error
    }
  }

  async deleteTeam(viewer: Viewer | null, teamId: number) {
    const team = await this.requireAdministeredTeam(viewer, teamId)
    await this.db.team.delete({ where: { id: teamId } })
    this.changed(team.organizationId)
    return team
  }

  /** Puts the user on the team, making them a MEMBER of its organization if they were not one. */
  async addTeamMember(viewer: Viewer | null, teamId: number, userName: string) {
    const team = await this.requireAdministeredTeam(viewer, teamId)
    const member = await this.requireUser(userName, ['input', 'user'], team.organizationId)
    await transaction(this.db, async (tx) => {
      await tx.organizationMember.upsert({
        where: { organizationId_userId: { organizationId: team.organizationId, userId: member.id } },
        create: { organizationId: team.organizationId, userId: member.id, role: 'MEMBER' },
        update: {},
      })
      await tx.teamMember.upsert({ where: { teamId_userId: { teamId, userId: member.id } }, create: { teamId, userId: member.id }, update: {} })
    })
    this.changed(team.organizationId)
    return team
  }

  async removeTeamMember(viewer: Viewer | null, teamId: number, userName: string) {
    const team = await this.requireAdministeredTeam(viewer, teamId)
    const member = await this.requireUser(userName, ['input', 'user'], team.organizationId)
    const { count } = await this.db.teamMember.deleteMany({ where: { teamId, userId: member.id } })
    if (count === 0) throw new UserInputError('NOT_FOUND', ['input', 'user'], `${member.name} is not on the team ${team.name}`)
    this.changed(team.organizationId)
    return team
  }

  /**
   * Grants the team `permission` on one image of its organization, or takes the grant away
   * (null). Those who hold ADMIN on the image decide; the team must be one they can see.
   */
  async setTeamImagePermission(viewer: Viewer | null, teamId: number, imageId: number, permission: ImagePermission | null) {
    const user = requireViewer(viewer)
    const team = await this.findTeam(user, teamId)
    if (!team) throw notFound(['input', 'teamId'], 'Team')
    const image = await this.db.image.findFirst({ where: { AND: [{ id: imageId }, visibleImages(user)] } })
    if (!image) throw notFound(['input', 'imageId'], 'Image')
    requirePermission(image, user, 'settings')
    if (image.organizationId !== team.organizationId) {
      throw new UserInputError('INVALID', ['input', 'imageId'], `${image.name} is not in the namespace of the team's organization`)
    }
    if (permission === null) await this.db.teamImagePermission.deleteMany({ where: { teamId, imageId } })
    else {
      await this.db.teamImagePermission.upsert({
        where: { teamId_imageId: { teamId, imageId } },
        create: { teamId, imageId, permission },
        update: { permission },
      })
    }
    this.bus.imageChanged(imageId, 'permissions')
    this.changed(team.organizationId)
    return { team, image }
  }

  private isOwner(viewer: Viewer, organizationId: number) {
    return roleIn(organizationId, viewer) === 'OWNER' || viewer.isAdmin
  }

  private async requireVisible(id: number, field: FieldPath) {
    const organization = await this.db.organization.findUnique({ where: { id } })
    if (!organization) throw notFound(field, 'Organization')
    return organization
  }

  private async requireAdministered(viewer: Viewer | null, id: number, field: FieldPath) {
    const user = requireViewer(viewer)
    const organization = await this.requireVisible(id, field)
    if (!administersOrganization(id, user)) throw notAdministered(organization.name)
    return organization
  }

  private async requireAdministeredTeam(viewer: Viewer | null, teamId: number) {
    const user = requireViewer(viewer)
    const team = await this.db.team.findFirst({ where: { id: teamId, ...this.teamsSeenBy(user) }, include: { organization: { select: { name: true } } } })
    if (!team) throw notFound(['input', 'teamId'], 'Team')
    if (!administersOrganization(team.organizationId, user)) throw notAdministered(team.organization.name)
    return team
  }

  /** A user to add to (or find in) the organization: a person, or one of the organization's own robots. */
  private async requireUser(name: string, field: FieldPath, organizationId: number) {
    const user = await this.db.user.findUnique({ where: { name }, select: { id: true, name: true, robotOfUserId: true, robotOfOrganizationId: true } })
    if (!user) throw notFound(field, `A user named ${name.slice(0, 64)}`)
    if (user.robotOfUserId !== null || (user.robotOfOrganizationId !== null && user.robotOfOrganizationId !== organizationId)) {
      throw new UserInputError('INVALID', field, `${user.name} is a robot of another namespace; an organization takes only its own robots`)
    }
    return user
  }

  private changed(organizationId: number) {
    this.bus.publish(`organization/${organizationId}`, { change: 'updated' })
  }
}

interface TeamFields {
  name?: string | null
  description?: string | null
  /** undefined leaves it; null: only single-image grants. */
  permission?: ImagePermission | null
}

function checkTeam(input: TeamFields) {
  const data: { name?: string; description?: string; permission?: ImagePermission | null } = {}
  if (input.name != null) {
    if (!TEAM_NAME.test(input.name)) throw new UserInputError('INVALID', ['input', 'name'], `Team name "${input.name.slice(0, 64)}" must match ${TEAM_NAME.source}`)
    data.name = input.name
  }
  if (input.description != null) data.description = checkText(input.description, ['input', 'description'], { max: 4000 })
  if (input.permission !== undefined) data.permission = input.permission
  return data
}

async function requireAnOwner(tx: Prisma.TransactionClient, organizationId: number, name: string) {
  const owners = await tx.organizationMember.count({ where: { organizationId, role: 'OWNER' } })
  if (owners === 0) throw new UserInputError('LAST_OWNER', ['input', 'user'], `${name} must keep at least one owner; make someone else an owner first`)
}

const teamTaken = (name: string) => new UserInputError('TAKEN', ['input', 'name'], `The organization already has a team named ${name}`)
const notAdministered = (name: string) => new AccessError('FORBIDDEN', `Only owners and admins of ${name} (or administrators) may do this`)
