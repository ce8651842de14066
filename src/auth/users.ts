// Users and their API tokens. A token's secret exists only in the response that mints it.
import { nameTaken, namespaceTaken, VIEWER_FIELDS, viewerOf } from '../catalog/namespaces.js'
import { checkText, checkUserName } from '../catalog/rules.js'
import { checkScopes, storedScopes, type TokenScope } from '../catalog/scopes.js'
import { managesRobot } from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'
import { AccessError, isUniqueViolation, notFound, UserInputError } from '../errors.js'
import { displayPrefix, hashToken, mintToken } from './tokens.js'
import { requireAdmin, requireViewer, seesPrivateProfile, type Viewer } from './viewer.js'

export const FIRST_ADMIN_NAME = 'admin'
// Writing lastUsedAt on every request would turn reads into writes; once a minute is plenty.
const LAST_USED_RESOLUTION_MS = 60_000

export class UserManager {
  constructor(private readonly db: Db) {}

  find(id: number, query: { include?: Prisma.UserInclude; select?: Prisma.UserSelect } = {}) {
    return this.db.user.findUnique({ ...query, where: { id } })
  }

  findToken(id: number, query: object = {}) {
    return this.db.apiToken.findUnique({ ...query, where: { id } })
  }

  /** A user's tokens, for the user and administrators only; a robot's also for those who manage it. */
  async listTokens(viewer: Viewer | null, userId: number, query: object) {
    await this.requireTokenAccess(viewer, userId)
    return this.db.apiToken.findMany({ ...query, where: { userId }, orderBy: { id: 'desc' } })
  }

  async countTokens(viewer: Viewer | null, userId: number) {
    await this.requireTokenAccess(viewer, userId)
    return this.db.apiToken.count({ where: { userId } })
  }

  private async requireTokenAccess(viewer: Viewer | null, userId: number) {
    if (seesPrivateProfile(viewer, userId) || (await this.managesRobotOf(viewer, userId))) return
    throw new AccessError('FORBIDDEN', "Only the user and administrators see a user's tokens")
  }

  private async managesRobotOf(viewer: Viewer | null, userId: number) {
    const robot = await this.db.user.findUnique({ where: { id: userId }, select: { robotOfUserId: true, robotOfOrganizationId: true } })
    return robot !== null && managesRobot(robot, viewer)
  }

  /**
   * Makes sure an administrator exists. With ADMIN_TOKEN, that token signs in as the first
   * admin. Returns a freshly minted token only when one was made, so it can be shown once.
   */
  async bootstrap(adminToken: string | undefined): Promise<{ mintedToken: string | null }> {
    let admin = await this.db.user.findFirst({ where: { isAdmin: true }, orderBy: { id: 'asc' } })
    const isNew = !admin
    admin ??= await this.db.user.create({ data: { name: FIRST_ADMIN_NAME, isAdmin: true } })
    if (adminToken) {
      const tokenHash = hashToken(adminToken)
      await this.db.apiToken.upsert({
        where: { tokenHash },
        create: { userId: admin.id, name: 'ADMIN_TOKEN', tokenHash, prefix: displayPrefix(adminToken) },
        update: { revokedAt: null, userId: admin.id },
      })
      return { mintedToken: null }
    }
    if (!isNew) return { mintedToken: null }
    const { token } = await this.issueToken(admin.id, 'bootstrap', null)
    return { mintedToken: token }
  }

  /**
   * The viewer a bearer token stands for; a bad token is an error, never an anonymous caller.
   * The token records when it was last used (to the minute) and from which address.
   */
  async authenticate(token: string, address: string | null = null): Promise<Viewer> {
    const record = await this.db.apiToken.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: { select: VIEWER_FIELDS } },
    })
    const now = new Date()
    if (!record || record.revokedAt) throw new AccessError('UNAUTHENTICATED', 'The API token is not valid')
    if (record.expiresAt && record.expiresAt <= now) throw new AccessError('UNAUTHENTICATED', 'The API token has expired')
    const stale = !record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS
    if (stale || (address !== null && address !== record.lastUsedAddress)) {
      await this.db.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now, ...(address !== null ? { lastUsedAddress: address } : {}) } })
    }
    const scopes = storedScopes(record.scopes)
    // A scoped token acts on images within its scopes only: never with an administrator's powers.
    const viewer: Viewer = { ...(await viewerOf(this.db, record.user)), tokenId: record.id }
    if (scopes) {
      viewer.scopes = scopes
      viewer.isAdmin = false
    }
    return viewer
  }

  async createUser(viewer: Viewer | null, input: { name: string; isAdmin?: boolean | null }) {
    requireAdmin(viewer)
    const name = checkUserName(input.name, ['input', 'name'])
    // Users and organizations share one space of names: each is a namespace of images.
    if (await namespaceTaken(this.db, name)) throw nameTaken(name)
    try {
      const user = await this.db.user.create({ data: { name, isAdmin: input.isAdmin ?? false } })
      const { token, apiToken } = await this.issueToken(user.id, 'initial', null)
      return { user, token, apiToken }
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name)
      throw error
    }
  }

  /** A token with all of the user's rights, or (with scopes) only those rights within the scopes. */
  async createApiToken(viewer: Viewer | null, input: { name: string; expiresAt?: Date | null; scopes?: readonly TokenScope[] | null }) {
    const user = requireViewer(viewer)
    const name = checkText(input.name, ['input', 'name'], { min: 1, max: 64 })
    if (input.expiresAt && input.expiresAt <= new Date()) {
      throw new UserInputError('INVALID', ['input', 'expiresAt'], 'Expiry must be in the future')
    }
    const scopes = input.scopes == null ? null : checkScopes(input.scopes, ['input', 'scopes'])
    return this.issueToken(user.id, name, input.expiresAt ?? null, scopes)
  }

  /** Revoking is idempotent; only the token's owner or an administrator may do it. */
  async revokeApiToken(viewer: Viewer | null, id: number) {
    const user = requireViewer(viewer)
    const token = await this.db.apiToken.findUnique({ where: { id } })
    if (!token || (token.userId !== user.id && !user.isAdmin && !(await this.managesRobotOf(user, token.userId)))) throw notFound(['input', 'id'], 'API token')
    if (token.revokedAt) return token
    return this.db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } })
  }

  async issueToken(userId: number, name: string, expiresAt: Date | null, scopes: TokenScope[] | null = null) {
    const token = mintToken()
    const apiToken = await this.db.apiToken.create({
      data: { userId, name, tokenHash: hashToken(token), prefix: displayPrefix(token), expiresAt, scopes: (scopes as unknown as Prisma.InputJsonArray) ?? undefined },
    })
    return { token, apiToken }
  }
}

