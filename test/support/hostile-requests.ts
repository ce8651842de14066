// Hostile requests generated from an introspected schema: every query and mutation field with
// its arguments and input objects filled with edge values, random and mangled documents, and
// malformed transport. Reproducible: everything random comes from one seeded PRNG.
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql'
import { encodeGlobalID } from '@pothos/plugin-relay'

/** mulberry32: small, fast and good enough to pick values; the same seed gives the same run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    chance: (p: number) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!
    },
  }
}
export type Random = ReturnType<typeof seededRandom>

export async function introspect(post: (body: string) => Promise<Response>): Promise<GraphQLSchema> {
  const response = await post(JSON.stringify({ query: getIntrospectionQuery() }))
  const { data } = (await response.json()) as { data: IntrospectionQuery }
  return buildClientSchema(data)
}

const b64 = (text: string) => Buffer.from(text).toString('base64')

// No value names a host other than loopback: a reference or URL is only ever resolved there.
const LOOPBACK_URL = 'http://127.0.0.1:9'

const EDGE_STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(10_000),
  '\u0000',
  'nul\u0000byte',
  '\u0000'.repeat(64),
  '😀'.repeat(300),
  '\ud800',
  'é\u0301',
  '\n\r\t',
  '../../../../etc/passwd',
  "'; DROP TABLE \"Image\"; --",
  '<script>alert(1)</script>',
  '%00%0a',
  '\\',
  '{"a":1}',
  'null',
  'undefined',
  '0',
  '-1',
  'NaN',
  'team/web',
  'alice/public',
  'alice/secret',
  'UPPER/Case',
  '-leading/dash',
  'a//b',
  'latest',
  '1.0',
  'sha256:' + 'a'.repeat(64),
  'alice',
  'admin',
  `${LOOPBACK_URL}/`,
  `http://user:pw@127.0.0.1:9/`,
  `https://u:p@rt@127.0.0.1:9/r.git`,
  'ftp://127.0.0.1:9/x',
  'javascript:alert(1)',
  'file:///etc/passwd',
  '127.0.0.1:9/base/app:1',
  '127.0.0.1:9/base/app@sha256:' + 'b'.repeat(64),
  'main',
  '--upload-pack=touch /tmp/pwned',
  '$(id)',
  '*',
  '%',
  '_',
  'FROM scratch\nRUN ["/bin/true"]\n',
]

const EDGE_INTS = [0, 1, -1, 2, 100, 101, 2_147_483_647, -2_147_483_648, 2_147_483_648, 9_007_199_254_740_993, 1e21, -1e21, 1.5, '1', true, null]
const EDGE_FLOATS = [0, -0, 0.5, -1, 1e308, -1e308, 5e-324, 1.7976931348623157e308, '1.5', true]
const EDGE_BIGINTS = [0, 1, -1, 2 ** 53, 2 ** 63, 1.5, '12', -(2 ** 53)]
const EDGE_DATES = ['2026-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '-271821-04-20T00:00:00Z', 'not a date', '', '2026-13-45', 0, 1e20]

/** A JSON value nested `levels` deep, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = { leaf: 1 }
  for (let i = 1; i < levels; i++) value = { a: value }
  return value
}

const EDGE_JSON = [{}, { a: 1 }, [], [1, 'two', null], 'text', 42, true, nested(31), nested(40), nested(2000), { big: 'x'.repeat(20_000) }, { ['\u0000']: '\u0000' }, JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { x: 1 } } }]

/** Where ids, cursors and names come from: real rows of the world, and ones that are not. */
export interface Pools {
  /** Row ids per node type that exist in the world. */
  rows: Record<string, number[]>
  /** Cursors seen in answers, reused on other lists: foreign cursors. */
  cursors: string[]
}

function idValue(random: Random, pools: Pools): unknown {
  const types = Object.keys(pools.rows)
  switch (random.int(10)) {
    case 0:
    case 1:
    case 2:
    case 3: {
      const type = random.pick(types)
      const ids = pools.rows[type]!
      return encodeGlobalID(type, ids.length > 0 ? random.pick(ids) : 1)
    }
    case 4:
      return encodeGlobalID(random.pick(types), random.pick([999_999, 0, -1, '1.5', 'abc', '99999999999999999999', '1e3', ' 1', '0x10']))
    case 5:
      return encodeGlobalID(random.pick(['Nope', 'Star', 'Query', 'BuildLogLine', 'HookDelivery', 'image']), 1)
    case 6:
      return random.pick(['garbage!!', '', '1', '0', '-1', 'SW1hZ2U6', '====', b64(':'), b64('Image:'), b64(':1'), b64('Image:1:2')])
    case 7:
      return random.pick(pools.cursors.length > 0 ? pools.cursors : ['x'])
    case 8:
      return random.pick(EDGE_STRINGS)
    default:
      return random.pick([1, -1, 1.5, 2 ** 53, true, null])
  }
}

function cursorValue(random: Random, pools: Pools): unknown {
  if (pools.cursors.length > 0 && random.chance(0.4)) return random.pick(pools.cursors)
  return random.pick([
    'not-a-cursor',
    b64('GPC:N:1'),
    b64('GPC:N:0'),
    b64('GPC:N:-1'),
    b64('GPC:N:1.5'),
    b64('GPC:N:99999999999999999999'),
    b64('GPC:S:abc'),
    b64('GPC:S:' + 'x'.repeat(400)),
    b64('GPC:S:\u0000'),
    b64('arrayconnection:3'),
    b64('GPC:X:zzz'),
    '',
    '=',
    'x'.repeat(10_000),
    encodeGlobalID('Image', 1),
  ])
}

function scalarValue(random: Random, name: string, argName: string, pools: Pools): unknown {
  if (random.chance(0.04)) return random.pick([null, {}, [], 'x', 1, true])
  switch (name) {
    case 'Int':
      return random.pick(EDGE_INTS)
    case 'Float':
      return random.pick(EDGE_FLOATS)
    case 'Boolean':
      return random.chance(0.9) ? random.chance(0.5) : random.pick(['true', 0, 1])
    case 'ID':
      return idValue(random, pools)
    case 'DateTime':
      return random.pick(EDGE_DATES)
    case 'BigInt':
      return random.pick(EDGE_BIGINTS)
    case 'JSON':
      return random.pick(EDGE_JSON)
    case 'File':
      return random.pick([null, 'a file', { name: 'x.tar', size: 3, type: 'application/x-tar' }])
    default:
      if (argName === 'after' || argName === 'before') return cursorValue(random, pools)
      return random.chance(0.1) ? randomText(random) : random.pick(EDGE_STRINGS)
  }
}

// No '.' or ':' in random text: a first component with one would be read as a registry host.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-@ \u0000\u00e9\u4e2d{}[]"\'\\$#'
function randomText(random: Random): string {
  return Array.from({ length: random.int(40) }, () => ALPHABET[random.int(ALPHABET.length)]).join('')
}

/** A value for an input of `type`, mostly of that type, sometimes deliberately not. */
export function inputValue(random: Random, type: GraphQLInputType, argName: string, pools: Pools, depth = 0): unknown {
  if (isNonNullType(type)) return random.chance(0.03) ? null : inputValue(random, type.ofType, argName, pools, depth)
  if (random.chance(0.05)) return null
  if (isListType(type)) {
    if (random.chance(0.05)) return inputValue(random, type.ofType, argName, pools, depth + 1)
    const length = random.chance(0.05) ? random.pick([60, 150, 1000]) : random.int(4)
    const first = inputValue(random, type.ofType, argName, pools, depth + 1)
    // Long lists repeat one value: their length is what is tested.
    return Array.from({ length }, (_, i) => (i === 0 || length <= 4 ? inputValue(random, type.ofType, argName, pools, depth + 1) : first))
  }
  if (isEnumType(type)) return random.chance(0.9) ? random.pick(type.getValues()).name : random.pick(['NOPE', '', 'asc', 1])
  if (isScalarType(type)) return scalarValue(random, type.name, argName, pools)
  if (isInputObjectType(type)) {
    if (depth > 4) return {}
    const value: Record<string, unknown> = {}
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type)
      if (required ? random.chance(0.97) : random.chance(0.5)) value[field.name] = inputValue(random, field.type, field.name, pools, depth + 1)
    }
    if (random.chance(0.03)) value.unknownField = 'x'
    return value
  }
  return null
}

// Values a careful client would send, so that requests get past the rules and into the code
// that writes and reads: the answers to a hostile caller are only as good as what lies behind.
const ID_TYPES: Record<string, string> = {
  imageId: 'Image',
  tagId: 'Tag',
  registryId: 'Registry',
  registry: 'Registry',
  categoryIds: 'Category',
  versionId: 'Version',
  buildId: 'Build',
  pullId: 'Pull',
  pushId: 'Push',
}

function plausibleString(random: Random, argName: string): string {
  const n = random.int(1_000_000)
  switch (argName) {
    case 'name':
      return random.chance(0.5) ? `fuzz/image-${n}` : `fuzz-${n}`
    case 'tag':
    case 'tags':
    case 'sourceTag':
    case 'targetTag':
      return random.pick(['1.0', 'latest', `v${n}`])
    case 'version':
      return `1.${n}.0`
    case 'url':
    case 'iconUrl':
    case 'searchUrl':
      return `${LOOPBACK_URL}/${n}`
    case 'repositoryUrl':
      return `${LOOPBACK_URL}/repo-${n}.git`
    case 'reference':
      return random.pick(['alice/public:1.0', 'team/web:latest', `127.0.0.1:9/base/app:${n}`, 'alice/secret'])
    case 'dockerfile':
      return 'FROM scratch\nCOPY . /\n'
    case 'branch':
      return 'main'
    case 'tagPattern':
      return random.pick(['^v', '.*', '^1\\.'])
    case 'text':
    case 'nameContains':
      return random.pick(['web', 'alice', 'fuzz', 'a'])
    default:
      return random.pick(['fuzz', 'team/web', 'web', '1.0', `x${n}`])
  }
}

/** A value of `type` that keeps to its rules as far as a client can tell without reading them. */
export function plausibleValue(random: Random, type: GraphQLInputType, argName: string, pools: Pools, depth = 0): unknown {
  if (isNonNullType(type)) return plausibleValue(random, type.ofType, argName, pools, depth)
  if (isListType(type)) return Array.from({ length: 1 + random.int(2) }, () => plausibleValue(random, type.ofType, argName, pools, depth + 1))
  if (isEnumType(type)) return random.pick(type.getValues()).name
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {}
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || (depth < 3 && random.chance(0.3))) value[field.name] = plausibleValue(random, field.type, field.name, pools, depth + 1)
    }
    return value
  }
  switch ((type as GraphQLNamedType).name) {
    case 'Int':
      return random.pick([0, 1, 2, 5, 10, 30])
    case 'Float':
      return random.pick([0, 0.5, 1])
    case 'Boolean':
      return random.chance(0.5)
    case 'ID': {
      const typename = ID_TYPES[argName] ?? random.pick(Object.keys(pools.rows))
      const ids = pools.rows[typename] ?? []
      return encodeGlobalID(typename, ids.length > 0 ? random.pick(ids) : 1)
    }
    case 'DateTime':
      return new Date(Date.UTC(2030, random.int(12), 1)).toISOString()
    case 'BigInt':
      return random.pick([0, 1024, 2 ** 40])
    case 'JSON':
      return { os: 'linux', n: random.int(100) }
    case 'File':
      return null
    default:
      return argName === 'after' || argName === 'before' ? cursorValue(random, pools) : plausibleString(random, argName)
  }
}

/** The value written as a GraphQL literal, for arguments given inline (the token limit bounds its depth). */
function literal(value: unknown, type: GraphQLInputType, depth = 0): string {
  const named = getNamedType(type)
  if (value === null || value === undefined || depth > 60) return 'null'
  const itemType = isListType(type) ? type.ofType : isNonNullType(type) && isListType(type.ofType) ? type.ofType.ofType : type
  if (Array.isArray(value)) return `[${value.map((each) => literal(each, itemType, depth + 1)).join(', ')}]`
  if (isEnumType(named) && typeof value === 'string' && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {}
    return `{ ${Object.entries(value as Record<string, unknown>)
      .filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key))
      .map(([key, each]) => `${key}: ${literal(each, fields[key]?.type ?? named, depth + 1)}`)
      .join(', ')} }`
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0'
  return JSON.stringify(value)
}

/** A selection of the fields of `type`, `levels` deep, with arguments of nested fields inline. */
function selection(random: Random, schema: GraphQLSchema, type: GraphQLOutputType, levels: number, pools: Pools): string {
  const named = getNamedType(type) as GraphQLNamedType
  if (isLeafType(named)) return ''
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = [...schema.getPossibleTypes(named)].filter(() => random.chance(0.3))
    const fragments = possible.map((each) => `... on ${each.name} ${selection(random, schema, each, Math.min(levels, 1), pools)}`)
    const own = isInterfaceType(named) ? Object.values(named.getFields()).filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name) : []
    return `{ __typename ${own.join(' ')} ${fragments.join(' ')} }`
  }
  if (!isObjectType(named)) return ''
  const fields = Object.values(named.getFields())
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
  const chosen = leaves.filter(() => random.chance(0.6))
  const parts = ['__typename', ...chosen.map((f) => f.name)]
  if (levels > 0) {
    const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)))
    for (const field of objects) {
      if (!random.chance(0.35)) continue
      const args = field.args.filter((a) => isNonNullType(a.type) || random.chance(0.3))
      const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(inputValue(random, a.type, a.name, pools), a.type)}`).join(', ')})` : ''
      const sub = selection(random, schema, field.type, levels - 1, pools)
      if (sub) parts.push(`${field.name}${argText} ${sub}`)
    }
  }
  return `{ ${parts.join(' ')} }`
}

export interface HostileRequest {
  /** What it exercises, for the report. */
  kind: string
  method: 'GET' | 'POST'
  /** Query string for GET. */
  search?: string
  body?: BodyInit
  headers: Record<string, string>
}

// Mostly media types a GraphQL answer can take; now and then one it cannot (406).
const ACCEPTS = [
  ...Array<string>(6).fill('application/json'),
  ...Array<string>(6).fill('application/graphql-response+json'),
  '*/*',
  '',
  '',
  'application/json, application/graphql-response+json',
  'text/html',
  'multipart/mixed',
  'application/json; charset=latin1',
]

/** Where File inputs sit in `value` of `type`, as multipart map paths under `path`. */
function filePaths(type: GraphQLInputType, value: unknown, path: string): string[] {
  const inner = isNonNullType(type) ? type.ofType : type
  if (isScalarType(inner)) return inner.name === 'File' ? [path] : []
  if (value === null || typeof value !== 'object') return []
  if (isListType(inner)) return Array.isArray(value) ? value.flatMap((each, i) => filePaths(inner.ofType, each, `${path}.${i}`)) : []
  if (!isInputObjectType(inner)) return []
  const fields = inner.getFields()
  return Object.entries(value as Record<string, unknown>).flatMap(([key, each]) => (fields[key] ? filePaths(fields[key]!.type, each, `${path}.${key}`) : []))
}

/** One request for `field` of `root` with generated arguments, sent as variables or inline. */
export function fieldRequest(random: Random, schema: GraphQLSchema, root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, pools: Pools): HostileRequest {
  const inline = random.chance(0.25)
  const valueOf = random.chance(0.35) ? plausibleValue : inputValue
  const variables: Record<string, unknown> = {}
  const declarations: string[] = []
  const files: string[] = []
  const args = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type) || random.chance(0.6))
  const argText = args
    .map((arg, i) => {
      const value = valueOf(random, arg.type, arg.name, pools)
      if (inline) return `${arg.name}: ${literal(value, arg.type)}`
      declarations.push(`$v${i}: ${String(arg.type)}`)
      if (value !== undefined) variables[`v${i}`] = value
      files.push(...filePaths(arg.type, value, `variables.v${i}`))
      return `${arg.name}: $v${i}`
    })
    .join(', ')
  const selected = selection(random, schema, field.type, random.int(3), pools)
  const operation = `${root} Hostile${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}${argText ? `(${argText})` : ''} ${selected} }`
  const kind = `${root}.${field.name}`
  if (files.length > 0 && random.chance(0.7)) return multipartRequest(random, kind, operation, variables, files)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const accept = random.pick(ACCEPTS)
  if (accept) headers.accept = accept
  return { kind, method: 'POST', body: JSON.stringify({ query: operation, variables }), headers }
}

/** A GraphQL multipart request: random bytes under a hostile name at each File path. */
function multipartRequest(random: Random, kind: string, operation: string, variables: Record<string, unknown>, paths: string[]): HostileRequest {
  const form = new FormData()
  const map: Record<string, string[]> = {}
  const parts: [string, Blob, string][] = []
  for (const [i, path] of paths.slice(0, 3).entries()) {
    setPath(variables, path.slice('variables.'.length), null)
    map[String(i)] = [path]
    const bytes = new Uint8Array(random.int(4096)).map(() => random.int(256))
    parts.push([String(i), new Blob([bytes]), random.pick(['source.tar', 'source.tar.gz', 'source.zip', 'Dockerfile', '../../escape.tar', '\u0000.tar', 'x'.repeat(300)])])
  }
  form.set('operations', JSON.stringify({ query: operation, variables }))
  form.set('map', JSON.stringify(map))
  for (const [key, blob, filename] of parts) form.set(key, blob, filename)
  return { kind: `${kind} (multipart)`, method: 'POST', body: form, headers: {} }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.')
  let node = target as Record<string, unknown>
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[keys.at(-1)!] = value
}

const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '...', '$', '@', '!', '=', '|', '&', 'query', 'mutation', 'subscription', 'fragment', 'on', 'images', 'image', 'node', 'id', 'name', 'first', 'after', '"x"', '"""block"""', '1', '-1', '1.5e9', 'true', 'null', '__typename', '__schema', '__type', 'Image', 'input', '#comment\n', ',', '\u0000', '"\\u0000"', '"unterminated']

/** A document of random tokens, or a valid one mangled: cut, duplicated, braces added or taken away. */
export function randomDocument(random: Random, valid: string[]): HostileRequest {
  let query: string
  switch (random.int(4)) {
    case 0:
      query = Array.from({ length: 1 + random.int(60) }, () => random.pick(TOKENS)).join(' ')
      break
    case 1: {
      const base = random.pick(valid)
      const at = random.int(base.length)
      query = base.slice(0, at) + base.slice(at + 1 + random.int(20))
      break
    }
    case 2: {
      const base = random.pick(valid)
      const at = random.int(base.length)
      query = base.slice(0, at) + random.pick(TOKENS) + base.slice(at)
      break
    }
    default:
      query = random.pick([
        `query { ${'__typename '.repeat(1 + random.int(5))}}`,
        `{ a: images { totalCount } a: viewer { name } }`,
        `query A { viewer { name } } query A { viewer { name } }`,
        `{ ...F } fragment F on Query { ...F }`,
        `{ __schema { types { name fields { name args { name type { name ofType { name ofType { name } } } } } } } }`,
        `{ __type(name: "Image") { name fields { name } } }`,
        `{ images @skip(if: true) { totalCount } }`,
        `{ images @include(if: "yes") { totalCount } }`,
        `{ images @nope { totalCount } }`,
        `subscription { buildLogs(buildId: "x") { text } }`,
        `mutation { __typename }`,
        `query ($a: Int = "x") { images(first: $a) { totalCount } }`,
        `query ($a: Nope) { __typename }`,
        `query { images(first: 1, first: 2) { totalCount } }`,
        `{ ${'images { nodes { tags { nodes { image { '.repeat(6)} id ${'} } } } } '.repeat(6)} }`,
        `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: images { totalCount }`).join(' ')} }`,
      ])
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const accept = random.pick(ACCEPTS)
  if (accept) headers.accept = accept
  return { kind: 'document', method: 'POST', body: JSON.stringify({ query, variables: random.chance(0.2) ? { a: random.pick(EDGE_INTS) } : undefined }), headers }
}

/** Requests wrong at the HTTP level: bodies that are not GraphQL requests, GETs with odd parameters. */
export function malformedRequest(random: Random, valid: string[]): HostileRequest {
  const query = random.pick(valid)
  switch (random.int(8)) {
    case 0:
      return { kind: 'body', method: 'POST', body: random.pick(['', '{', 'null', '[]', '[{"query":"{__typename}"}]', '"text"', '1', '{"query": 1}', '{"query": null}', '{"query": {}}', '{"variables": []}', '\u0000', '{"query":"{__typename}","variables":"{}"}', '{"query":"{__typename}","extensions":[1]}']), headers: { 'content-type': 'application/json' } }
    case 1:
      return { kind: 'content-type', method: 'POST', body: JSON.stringify({ query }), headers: { 'content-type': random.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=latin1', 'application/graphql', '']) } }
    case 2:
      return { kind: 'get', method: 'GET', search: `query=${encodeURIComponent(query)}&variables=${encodeURIComponent(random.pick(['notjson', '{', '[]', '1', 'null', '{"a":1}', '"x"']))}`, headers: { accept: random.pick(ACCEPTS) || 'application/json' } }
    case 3:
      return { kind: 'get', method: 'GET', search: `query=${encodeURIComponent(query)}&extensions=${encodeURIComponent(random.pick(['notjson', '{', '[]', '{"persistedQuery":{"version":1,"sha256Hash":"x"}}']))}&operationName=${encodeURIComponent(random.pick(['', 'Nope', '[]', '{}']))}`, headers: { accept: 'application/json' } }
    case 4:
      return { kind: 'get-mutation', method: 'GET', search: `query=${encodeURIComponent('mutation { createCategory(input: { name: "via-get" }) { category { id } } }')}`, headers: { accept: 'application/json' } }
    case 5:
      return { kind: 'multipart-broken', method: 'POST', body: random.pick(['--x\r\n', 'garbage']), headers: { 'content-type': 'multipart/form-data; boundary=x' } }
    case 6: {
      const form = new FormData()
      form.set('operations', random.pick(['notjson', '{}', JSON.stringify({ query: 'mutation($f: File!) { __typename }', variables: { f: null } })]))
      form.set('map', random.pick(['notjson', '{"0":["variables.nope"]}', '{"0":["variables.f"],"1":["variables.f"]}', '[]', '{"0":"variables.f"}']))
      if (random.chance(0.5)) form.set('0', new Blob(['x']), 'x.tar')
      return { kind: 'multipart-map', method: 'POST', body: form, headers: {} }
    }
    default:
      return { kind: 'authorization', method: 'POST', body: JSON.stringify({ query }), headers: { 'content-type': 'application/json', authorization: random.pick(['Bearer', 'Bearer ', 'Basic YTpi', 'Bearer icat_wrong', 'Bearer ' + 'x'.repeat(5000), 'bearer  icat_\u0000', 'Token abc']) } }
  }
}
