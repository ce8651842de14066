// Robot accounts (Quay's robots, Harbor's robot accounts): named namespace+name, they sign in
// with scoped tokens only. A user's robot acts with its user's rights, within its tokens' scopes;
// an organization's robot is a MEMBER of it, and holds what the teams it is put on grant.
// Its user, or its organization's OWNERs and ADMINs, make it, mint and revoke its tokens, and delete it.
import { checkUserName, type FieldPath } from '../catalog/rules.js'
import { checkScopes, type TokenScope } from '../catalog/scopes.js'
import { administersOrganization, managesRobot } from '../catalog/visibility.js'
import type { Db } from '../db/client.js'
import { AccessError, isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { UserManager } from './users.js'
import { actingUser, requireViewer, type Viewer } from './viewer.js'

const ROBOT_NAME = /^[a-z0-9][a-z0-9_.-]{0,31}$/
const ROBOT_FIELDS = { robotOfUserId: true, robotOfOrganizationId: true, name: true, id: true } as const

export class RobotManager {
  constructor(
    private readonly db: Db,
    private readonly users: UserManager,
  ) {}

  /** A robot in `namespace`: the caller's own, or an organization the caller administers. */
  async create(viewer: Viewer | null, input: { namespace: string; name: string }) {
    const user = requireViewer(viewer)
    if (user.scopes || user.actsFor) throw new AccessError('FORBIDDEN', 'Robot accounts are made by people, not with a scoped token or by a robot')
    checkUserName(input.namespace, ['input', 'namespace'], 'Namespace')
    if (!ROBOT_NAME.test(input.name)) throw new UserInputError('INVALID', ['input', 'name'], `Robot name "${input.name.slice(0, 64)}" must match ${ROBOT_NAME.source}`)
    const owner = await this.owner(user, input.namespace, ['input', 'namespace'])
    try {
      return await this.db.user.create({
        data: {
          name: `${input.namespace}+${input.name}`,
          ...(owner.organizationId !== undefined
            ? { robotOfOrganizationId: owner.organizationId, memberships: { create: { organizationId: owner.organizationId, role: 'MEMBER' } } }
            : { robotOfUserId: user.id }),
        },
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserInputError('TAKEN', ['input', 'name'], `${input.namespace} already has a robot named ${input.name}`)
      throw error
    }
  }

  /** A token for the robot; robots' tokens always have scopes. */
  async createToken(viewer: Viewer | null, robotId: number, input: { name: string; scopes: readonly TokenScope[]; expiresAt?: Date | null }) {
    const robot = await this.requireManaged(viewer, robotId)
    const scopes = checkScopes(input.scopes, ['input', 'scopes'])
    if (input.expiresAt && input.expiresAt <= new Date()) throw new UserInputError('INVALID', ['input', 'expiresAt'], 'Expiry must be in the future')
    return this.users.issueToken(robot.id, input.name.trim().slice(0, 64) || 'robot', input.expiresAt ?? null, scopes)
  }

  /** Deletes the robot and its tokens; what it did stays in the audit log. */
  async delete(viewer: Viewer | null, robotId: number) {
    const robot = await this.requireManaged(viewer, robotId)
    await this.db.user.delete({ where: { id: robot.id } })
    return robot
  }

  /** The robots of a user (for the user and administrators) or of an organization (for its members). */
  listFor(owner: { userId: number } | { organizationId: number }, query: object) {
    return this.db.user.findMany({ ...query, where: this.where(owner), orderBy: { name: 'asc' } })
  }

  countFor(owner: { userId: number } | { organizationId: number }) {
    return this.db.user.count({ where: this.where(owner) })
  }

  private where(owner: { userId: number } | { organizationId: number }) {
    return 'userId' in owner ? { robotOfUserId: owner.userId } : { robotOfOrganizationId: owner.organizationId }
  }

  private async owner(user: Viewer, namespace: string, field: FieldPath): Promise<{ organizationId?: number }> {
    if (namespace === actingUser(user).name) return {}
    const organization = await this.db.organization.findUnique({ where: { name: namespace }, select: { id: true } })
    if (organization && administersOrganization(organization.id, user)) return { organizationId: organization.id }
    throw new UserInputError('NAMESPACE_NOT_WRITABLE', field, `Robots are made in your own namespace (${user.name}) or in an organization you administer`)
  }

  /** A robot the caller manages; one they do not (or no robot) is NOT_FOUND, never told apart. */
  private async requireManaged(viewer: Viewer | null, robotId: number) {
    const user = requireViewer(viewer)
    const robot = await this.db.user.findUnique({ where: { id: robotId }, select: ROBOT_FIELDS })
    if (!robot || (robot.robotOfUserId === null && robot.robotOfOrganizationId === null) || !managesRobot(robot, user)) throw notFound(['input', 'robotId'], 'Robot')
    return robot
  }
}
