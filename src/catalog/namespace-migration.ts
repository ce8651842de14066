// Gives every image of a catalog from before namespaces a namespace, at start-up (after the
// schema migrations): an image named <namespace>/... whose namespace is free gets an organization
// of that name, owned by the image's owner; one whose namespace is already taken by someone else,
// or that had a one-component name, moves into its owner's own namespace (owner/name). A rename
// keeps the engine's name for tags already on an engine. Runs in one pass that finds nothing to do
// on an up-to-date catalog; each image is settled in its own transaction, so instances starting
// together and a start cut short leave nothing half done.
import type { Db, Prisma } from '../db/client.js'
import { isUniqueViolation } from '../errors.js'
import type { Logger } from '../logger.js'
import { IMAGE_NAME_MAX } from './rules.js'
import { namespaceOf } from './visibility.js'

export async function migrateNamespaces(db: Db, logger: Logger): Promise<number> {
  // Images in their owner's namespace need nothing; neither do images in an organization's.
  const pending = await db.$queryRaw<{ id: number | bigint }[]>`
    SELECT i."id" FROM "Image" i JOIN "User" u ON u."id" = i."ownerId"
    WHERE i."organizationId" IS NULL AND substr(i."name", 1, length(u."name") + 1) <> u."name" || '/'
    ORDER BY i."id"`
  let settled = 0
  for (const { id } of pending) {
    try {
      const change = await db.$transaction((tx) => settle(tx, Number(id)))
      if (change) {
        settled++
        logger.info({ imageId: Number(id), ...change }, 'image given a namespace')
      }
    } catch (error) {
      // Another instance settled it (or took the name it wanted) first: the next start looks again.
      if (!isUniqueViolation(error)) throw error
      logger.warn({ imageId: Number(id) }, 'image not given a namespace yet: its name or organization was taken meanwhile')
    }
  }
  return settled
}

async function settle(tx: Prisma.TransactionClient, id: number): Promise<{ name: string; organization?: string } | null> {
  const image = await tx.image.findUnique({ where: { id }, include: { owner: { select: { id: true, name: true } } } })
  if (!image || image.organizationId !== null || image.name.startsWith(`${image.owner.name}/`)) return null
  const namespace = namespaceOf(image.name)
  if (namespace !== image.name) {
    const organization = await tx.organization.findUnique({ where: { name: namespace }, include: { members: { where: { userId: image.ownerId } } } })
    const userNamed = organization ? 0 : await tx.user.count({ where: { name: namespace } })
    if (!organization && userNamed === 0) {
      const created = await tx.organization.create({ data: { name: namespace, members: { create: { userId: image.ownerId, role: 'OWNER' } } } })
      await tx.image.update({ where: { id }, data: { organizationId: created.id } })
      return { name: image.name, organization: namespace }
    }
    if (organization?.members[0]?.role === 'OWNER') {
      await tx.image.update({ where: { id }, data: { organizationId: organization.id } })
      return { name: image.name, organization: namespace }
    }
  }
  const name = await freeName(tx, `${image.owner.name}/${image.name}`.slice(0, IMAGE_NAME_MAX))
  // Tags on an engine are held under the old name there: say so, since the catalog's name changes.
  const tags = await tx.tag.findMany({ where: { imageId: id, engineReference: null, engineImageId: { not: null } }, select: { id: true, name: true } })
  for (const tag of tags) await tx.tag.update({ where: { id: tag.id }, data: { engineReference: `${image.name}:${tag.name}` } })
  await tx.image.update({ where: { id }, data: { name } })
  return { name }
}

async function freeName(tx: Prisma.TransactionClient, wanted: string): Promise<string> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? wanted : `${wanted.slice(0, IMAGE_NAME_MAX - String(n).length - 1)}-${n}`
    if ((await tx.image.count({ where: { name } })) === 0) return name
  }
}
