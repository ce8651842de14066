// The audit log, as Harbor's and Quay's logs answer "who deleted that tag?": every mutation,
// every webhook delivery and every failed sign-in is recorded with when, who (and the API token
// used), from which address, on what, and how it ended. Entries are written by the service only;
// nothing in the API changes or deletes one, and AUDIT_RETENTION_DAYS ages them out. An entry
// never holds an input value: a target is a node type and id, an outcome a code.
import { requireAdmin, requireViewer, type Viewer } from '../auth/viewer.js'
import { administersOrganization } from '../catalog/visibility.js'
import type { Db } from '../db/client.js'
import { AccessError, UserInputError } from '../errors.js'
import type { EventBus, Subscription } from '../events/bus.js'
import type { Logger } from '../logger.js'

export type AuditOutcome = 'OK' | 'REJECTED' | 'DENIED' | 'FAILED'

export interface AuditEntry {
  actor: Viewer | null
  address: string | null
  action: string
  target?: { type: string; id: number } | null
  imageId?: number | null
  /** The organization it concerns, when known (see organizationOf). */
  organizationId?: number | null
  outcome: AuditOutcome
  detail?: string | null
}

export interface AuditFilter {
  /** A user's name. */
  actor?: string | null
  imageId?: number | null
  /** An organization's name: its entries only. Its OWNERs and ADMINs may read those. */
  organization?: string | null
  action?: string | null
  since?: Date | null
  until?: Date | null
}

const DAY_MS = 24 * 60 * 60 * 1000
const PRUNE_EVERY_MS = 60 * 60 * 1000
const MAX_DETAIL = 500

export class AuditLog {
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly retentionDays: number,
  ) {}

  /** Writes the entry; a failure to write is logged, never the caller's failure. */
  async record(entry: AuditEntry): Promise<void> {
    try {
      const row = await this.db.auditEvent.create({
        data: {
          actorId: entry.actor?.id ?? null,
          actorName: entry.actor?.name ?? null,
          tokenId: entry.actor?.tokenId ?? null,
          address: entry.address,
          action: entry.action,
          targetType: entry.target?.type ?? null,
          targetId: entry.target?.id ?? null,
          imageId: entry.imageId ?? (entry.target?.type === 'Image' ? entry.target.id : null),
          organizationId: entry.organizationId ?? null,
          outcome: entry.outcome,
          detail: entry.detail ? entry.detail.slice(0, MAX_DETAIL) : null,
        },
        select: { id: true },
      })
      this.bus.publish('audit', { id: row.id, organizationId: entry.organizationId ?? null })
    } catch (error) {
      this.logger.error({ err: error, action: entry.action }, 'writing an audit entry failed')
    }
  }

  /**
   * The organization an entry concerns: the one named, or the one holding the team or image it
   * acted on. Read before the mutation runs, so that a delete's entry still knows it.
   */
  async organizationOf(target: AuditEntry['target'], imageId: number | null | undefined): Promise<number | null> {
    try {
      if (target?.type === 'Organization') return target.id
      if (target?.type === 'Team') return (await this.db.team.findUnique({ where: { id: target.id }, select: { organizationId: true } }))?.organizationId ?? null
      if (target?.type === 'Tag') {
        return (await this.db.tag.findUnique({ where: { id: target.id }, select: { image: { select: { organizationId: true } } } }))?.image.organizationId ?? null
      }
      const image = imageId ?? (target?.type === 'Image' ? target.id : null)
      if (image === null) return null
      return (await this.db.image.findUnique({ where: { id: image }, select: { organizationId: true } }))?.organizationId ?? null
    } catch (error) {
      this.logger.warn({ err: error }, 'finding the organization of an audit entry failed')
      return null
    }
  }

  /** Entries matching the filter, newest first: administrators, or an organization's admins over its entries. */
  async list(viewer: Viewer | null, filter: AuditFilter, query: object) {
    return this.db.auditEvent.findMany({ ...query, where: await this.readable(viewer, filter), orderBy: { id: 'desc' } })
  }

  async count(viewer: Viewer | null, filter: AuditFilter) {
    return this.db.auditEvent.count({ where: await this.readable(viewer, filter) })
  }

  private async readable(viewer: Viewer | null, filter: AuditFilter) {
    const where = whereOf(filter)
    if (filter.organization == null) {
      requireAdmin(viewer)
      return where
    }
    const organizationId = await this.readableOrganization(viewer, filter.organization)
    return { ...where, organizationId }
  }

  /** The organization's id when the caller may read its entries; FORBIDDEN otherwise, whether or not it exists. */
  private async readableOrganization(viewer: Viewer | null, name: string): Promise<number> {
    const user = requireViewer(viewer)
    const organization = await this.db.organization.findUnique({ where: { name }, select: { id: true } })
    if (organization && administersOrganization(organization.id, user)) return organization.id
    if (user.isAdmin) return -1
    throw new AccessError('FORBIDDEN', `Only administrators and the owners and admins of ${name.slice(0, 64)} read its audit log`)
  }

  find(id: number) {
    return this.db.auditEvent.findUnique({ where: { id } })
  }

  /**
   * The ids of entries as they are written, on any instance: all for administrators, an
   * organization's for its admins. Listening starts before the access check's lookup, so that
   * nothing written once this resolves is missed.
   */
  async follow(viewer: Viewer | null, organization: string | null): Promise<AsyncIterable<{ id: number }>> {
    if (organization == null) requireAdmin(viewer)
    const entries: Subscription<{ id: number; organizationId: number | null }> = this.bus.subscribe('audit')
    let organizationId: number | null = null
    try {
      if (organization != null) organizationId = await this.readableOrganization(viewer, organization)
    } catch (error) {
      entries.close()
      throw error
    }
    const filtered = organizationEntries(entries, organizationId)
    // Ended before its first event, a generator never reaches its finally: close the listener here too.
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => filtered.next(),
        return: () => {
          entries.close()
          return filtered.return(undefined)
        },
      }),
    }
  }

  /** Removes the entries older than AUDIT_RETENTION_DAYS; how many. */
  async prune(now = new Date()): Promise<number> {
    const { count } = await this.db.auditEvent.deleteMany({ where: { at: { lt: new Date(now.getTime() - this.retentionDays * DAY_MS) } } })
    return count
  }

  /** Prunes now and every hour (every instance may: deleting what is too old twice is harmless). */
  start(): void {
    const prune = () =>
      void this.prune().then(
        (count) => count > 0 && this.logger.info({ removed: count, retentionDays: this.retentionDays }, 'audit entries past their retention removed'),
        (error: unknown) => this.logger.warn({ err: error }, 'removing old audit entries failed'),
      )
    prune()
    this.timer = setInterval(prune, PRUNE_EVERY_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }
}

async function* organizationEntries(entries: Subscription<{ id: number; organizationId: number | null }>, organizationId: number | null) {
  try {
    for await (const entry of entries) if (organizationId === null || entry.organizationId === organizationId) yield entry
  } finally {
    entries.close()
  }
}

function whereOf(filter: AuditFilter) {
  if (filter.since && filter.until && filter.since > filter.until) throw new UserInputError('INVALID', ['filter', 'until'], 'until must not be before since')
  return {
    ...(filter.actor != null ? { actorName: filter.actor } : {}),
    ...(filter.imageId != null ? { imageId: filter.imageId } : {}),
    ...(filter.action != null ? { action: filter.action } : {}),
    ...(filter.since || filter.until ? { at: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lte: filter.until } : {}) } } : {}),
  }
}
