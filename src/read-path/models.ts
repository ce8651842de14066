// What the compiled read path may answer by itself: the GraphQL fields that are plain columns
// of a table (or a pure function of one), and the relations between those tables, exactly as
// the Pothos types in src/schema/ map them. A field that is not listed here (one that asks the
// engine, a registry, a loader, or the viewer) sends the whole operation to the ordinary executor.
// test/read-path.test.ts asks every field listed here both ways and compares the answers, so a
// change to a Pothos field that this table does not follow fails there.
import { withoutCredentials } from '../url-credentials.js'

export type ValueKind = 'string' | 'int' | 'boolean' | 'dateTime' | 'bigInt' | 'enum'

export interface ColumnField {
  kind: 'column'
  column: string
  value: ValueKind
  /** A pure function of the column, as the Pothos resolver applies it. */
  map?: (value: string) => string
}

/** The relay global ID of the row (Pothos's prismaNode `id: { field: 'id' }`). */
export interface GlobalIdField {
  kind: 'globalId'
}

/** A to-one relation: `parentKey` of the parent row is the child's id. */
export interface ToOneField {
  kind: 'toOne'
  model: string
  parentKey: string
}

/** A t.relatedConnection with `cursor: 'id'` and `totalCount: true`. */
export interface ConnectionField {
  kind: 'connection'
  model: string
  /** How a child row names its parent: a column of the child, or a join table (Prisma's implicit many-to-many). */
  link: { childKey: string } | { joinTable: string; joinParent: string; joinChild: string }
  /** The connection's `query.orderBy`, every column of it unique within one parent. */
  orderBy: Array<{ column: string; direction: 'asc' | 'desc' }>
}

export type ModelField = ColumnField | GlobalIdField | ToOneField | ConnectionField

export interface Model {
  table: string
  fields: Record<string, ModelField>
}

const column = (name: string, value: ValueKind, map?: ColumnField['map']): ColumnField => ({ kind: 'column', column: name, value, map })
const columns = (value: ValueKind, ...names: string[]) => Object.fromEntries(names.map((name) => [name, column(name, value)]))
const id: GlobalIdField = { kind: 'globalId' }
const children = (model: string, childKey: string, orderBy: ConnectionField['orderBy']): ConnectionField => ({ kind: 'connection', model, link: { childKey }, orderBy })

/** By GraphQL type name; each model's table has an integer primary key `id`. */
export const MODELS: Readonly<Record<string, Model>> = {
  Image: {
    table: 'Image',
    fields: {
      id,
      ...columns('string', 'name', 'description', 'iconUrl', 'loginUsername'),
      ...columns('boolean', 'isPrivate', 'jumpstart'),
      ...columns('int', 'starCount', 'minDiskGb', 'minRamMb'),
      ...columns('dateTime', 'createdAt', 'updatedAt'),
      owner: { kind: 'toOne', model: 'User', parentKey: 'ownerId' },
      registry: { kind: 'toOne', model: 'Registry', parentKey: 'registryId' },
      categories: {
        kind: 'connection',
        model: 'Category',
        link: { joinTable: '_CategoryToImage', joinParent: 'B', joinChild: 'A' },
        orderBy: [{ column: 'name', direction: 'asc' }],
      },
      tags: children('Tag', 'imageId', [{ column: 'name', direction: 'asc' }]),
      versions: children('Version', 'imageId', [{ column: 'id', direction: 'desc' }]),
      builds: children('Build', 'imageId', [{ column: 'id', direction: 'desc' }]),
    },
  },
  Tag: {
    table: 'Tag',
    fields: {
      id,
      ...columns('string', 'name', 'digest', 'pushedDigest'),
      ...columns('boolean', 'protected'),
      sizeBytes: column('sizeBytes', 'bigInt'),
      ...columns('dateTime', 'createdAt', 'updatedAt', 'pushedAt'),
    },
  },
  Category: { table: 'Category', fields: { id, name: column('name', 'string'), createdAt: column('createdAt', 'dateTime') } },
  Registry: {
    table: 'Registry',
    fields: {
      id,
      name: column('name', 'string'),
      url: column('url', 'string', withoutCredentials),
      ...columns('boolean', 'trustSelfSignedCert', 'isDefault'),
      ...columns('dateTime', 'createdAt', 'updatedAt'),
    },
  },
  User: { table: 'User', fields: { id, name: column('name', 'string'), createdAt: column('createdAt', 'dateTime') } },
  Version: {
    table: 'Version',
    fields: {
      id,
      version: column('version', 'string'),
      state: column('state', 'enum'),
      sizeBytes: column('sizeBytes', 'bigInt'),
      createdAt: column('createdAt', 'dateTime'),
      builds: children('Build', 'versionId', [{ column: 'id', direction: 'desc' }]),
    },
  },
  Build: {
    table: 'Build',
    fields: {
      id,
      state: column('state', 'enum'),
      trigger: column('trigger', 'enum'),
      ...columns('string', 'targetTag', 'dockerfilePath', 'branch', 'commitSha', 'commitMessage', 'pullRequest', 'errorMessage'),
      testsPassed: column('testsPassed', 'boolean'),
      ...columns('dateTime', 'createdAt', 'startedAt', 'finishedAt'),
    },
  },
}
