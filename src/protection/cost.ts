// Query cost, in Shopify's terms: what an operation may cost, worked out from its document and
// variables before anything runs, and what it did cost, counted as its resolvers answered.
// The rules live here and nowhere else: FIELD_COSTS for fields that do real work outside the
// database, and the defaults below for everything else.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  defaultFieldResolver,
} from 'graphql'

// A database row costs about a microsecond (Pothos batches a page and its nested pages into a
// fixed number of statements); an engine call a millisecond or more; a registry round trip tens
// to hundreds of milliseconds over the network. The costs keep those proportions.
const ENGINE_CALL = 100
const REGISTRY_CALL = 1000

/**
 * What every operation costs before it touches a field: the request, parsing, validation, the
 * sign-in and the context. Measured against a server process on this (2-core, loaded) machine
 * with 200 seeded images: `{ __typename }` took 6.9 ms and `{ viewer { name } }` 9.5 ms, while
 * each further object of the catalog page took 50 to 77 µs (page of 20: 542 objects in 109 ms;
 * of 100: 2702 in 217 ms). A bare operation is worth 90 to 140 objects; 100 it is. It is part
 * of both the requested and the actual cost, so it is never refunded.
 */
export const OPERATION_COST = 100

/**
 * Fields that reach the Docker engine or a registry, by `Type.field`. Each costs this much every
 * time it is resolved (for a connection, in place of its own cost of 2), on top of its children.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Tag.updateCheck': REGISTRY_CALL,
  'Tag.updateAvailable': REGISTRY_CALL,
  'Tag.details': ENGINE_CALL,
  'Image.containers': ENGINE_CALL,
  'Image.inUse': ENGINE_CALL,
  'Query.dockerEngine': ENGINE_CALL,
  'Query.localImages': ENGINE_CALL,
  'Query.retentionPreview': ENGINE_CALL,
  'Query.pingRegistry': REGISTRY_CALL,
  'Query.remoteInspect': REGISTRY_CALL,
  'Query.remoteTags': REGISTRY_CALL,
  'Query.searchImages': REGISTRY_CALL,
  'Mutation.buildImage': ENGINE_CALL,
  'Mutation.triggerBuild': ENGINE_CALL,
  'Mutation.importLocalImage': ENGINE_CALL,
  'Mutation.deleteImage': ENGINE_CALL,
  'Mutation.tagImage': ENGINE_CALL,
  'Mutation.untagImage': ENGINE_CALL,
  'Mutation.applyRetention': REGISTRY_CALL,
  'Mutation.pullImage': REGISTRY_CALL,
  'Mutation.pushImage': REGISTRY_CALL,
}

/** Any other mutation: a write costs more than a read. */
const MUTATION_COST = 10
/** A connection's own cost, before its page of children. */
const CONNECTION_COST = 2
/** Every object returned (an object field, each item of a list). */
const OBJECT_COST = 1
/** The page a connection, or a list without a bound, is assumed to return when not told. */
export const DEFAULT_PAGE_SIZE = 20
/** The largest page any connection returns. */
export const MAX_PAGE_SIZE = 100

type Field = GraphQLField<unknown, unknown>

const isConnection = (field: Field) =>
  getNamedType(field.type).name.endsWith('Connection') && field.args.some((arg) => arg.name === 'first')

/** What resolving this field once costs, whatever its children cost. */
function ownCost(parent: GraphQLObjectType, field: Field, schema: GraphQLSchema): number {
  const listed = FIELD_COSTS[`${parent.name}.${field.name}`]
  if (listed !== undefined) return listed
  if (parent === schema.getMutationType()) return MUTATION_COST
  if (isConnection(field)) return CONNECTION_COST
  return 0
}

function pageSize(args: Record<string, unknown>): number {
  const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE
  return Math.max(0, Math.min(asked, MAX_PAGE_SIZE))
}

interface Walk {
  schema: GraphQLSchema
  fragments: Record<string, FragmentDefinitionNode>
  variables: Record<string, unknown>
}

/** The most an operation can cost: OPERATION_COST, and connections multiply their children by their page size. */
export function requestedCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number {
  const fragments: Record<string, FragmentDefinitionNode> = {}
  let operation: OperationDefinitionNode | undefined
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operation ??= definition
  }
  if (!operation) return OPERATION_COST
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType()
  if (!root) return OPERATION_COST
  return OPERATION_COST + selectionCost({ schema, fragments, variables: variables ?? {} }, root, operation.selectionSet)
}

/** An abstract type costs what its dearest possible type would. */
// `page` is the page size of the connection whose own fields these are: its lists hold that many.
function selectionCost(walk: Walk, type: GraphQLOutputType, selectionSet: SelectionSetNode, page?: number): number {
  const named = getNamedType(type)
  if (isAbstractType(named)) return Math.max(0, ...walk.schema.getPossibleTypes(named).map((each) => objectCost(walk, each, selectionSet)))
  return isObjectType(named) ? objectCost(walk, named, selectionSet, page) : 0
}

function objectCost(walk: Walk, type: GraphQLObjectType, selectionSet: SelectionSetNode, page?: number): number {
  let total = 0
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(walk, type, selection, page)
      continue
    }
    const condition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition : walk.fragments[selection.name.value]?.typeCondition
    const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : walk.fragments[selection.name.value]?.selectionSet
    if (!set || !applies(walk.schema, condition?.name.value, type)) continue
    total += objectCost(walk, type, set, page)
  }
  return total
}

function fieldCost(walk: Walk, parent: GraphQLObjectType, node: FieldNode, page: number | undefined): number {
  const field = parent.getFields()[node.name.value]
  if (!field) return 0 // __typename and the other meta fields
  const own = ownCost(parent, field, walk.schema)
  if (!node.selectionSet) return own
  const args = argumentsOf(walk, field, node)
  // A connection's edges and nodes hold its page; its pageInfo and totalCount come once.
  if (isConnection(field)) return own + selectionCost(walk, field.type, node.selectionSet, pageSize(args))
  const children = selectionCost(walk, field.type, node.selectionSet)
  if (isListType(getNullableType(field.type))) {
    const items = page ?? (Array.isArray(args.ids) ? args.ids.length : DEFAULT_PAGE_SIZE)
    return own + items * (OBJECT_COST + children)
  }
  return own + OBJECT_COST + children
}

function argumentsOf(walk: Walk, field: Field, node: FieldNode): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, walk.variables)
  } catch {
    return {} // the executor refuses them with its own error
  }
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  try {
    return getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false
  } catch {
    return true
  }
}

function applies(schema: GraphQLSchema, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true
  const conditionType = schema.getType(condition)
  return conditionType !== undefined && isAbstractType(conditionType) && schema.isSubType(conditionType, type)
}

/** What an operation really cost, counted as its fields resolved. */
export class CostMeter {
  actual = OPERATION_COST
}

const meters = new WeakMap<object, CostMeter>()
const metered = new WeakSet<GraphQLSchema>()

/** Starts counting for one operation; its context is the key. */
export function meterOperation(context: object): CostMeter {
  const meter = new CostMeter()
  meters.set(context, meter)
  return meter
}

/**
 * Adds what an operation answered without its resolvers (the compiled read path, src/read-path/)
 * cost: the same points the wrapped resolvers below would have counted.
 */
export function chargeOperation(context: object, points: number): void {
  const meter = meters.get(context)
  if (meter) meter.actual += points
}

/** What a connection costs itself, and what each object it returns costs (see meterResolvers). */
export const COSTS = { connection: CONNECTION_COST, object: OBJECT_COST } as const

/**
 * Wraps the resolvers that cost anything (once per schema) so that each adds what it cost to
 * its operation's meter: its own cost, and one per object it returned. Scalars cost nothing
 * and are left alone.
 */
export function meterResolvers(schema: GraphQLSchema): void {
  if (metered.has(schema)) return
  metered.add(schema)
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const own = ownCost(type, field, schema)
      // A connection's object is its cost of 2; its edges and nodes count the objects.
      const returnsObjects = isCompositeType(getNamedType(field.type)) && !isConnection(field)
      if (own === 0 && !returnsObjects) continue
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver
      field.resolve = (source, args, context, info) => {
        const meter = meters.get(context as object)
        const result = resolve(source, args, context, info)
        if (!meter) return result
        const count = (value: unknown) => {
          meter.actual += own + (returnsObjects ? objectsIn(value) : 0)
          return value
        }
        return result instanceof Promise ? result.then(count) : count(result)
      }
    }
  }
}

const objectsIn = (value: unknown): number => (Array.isArray(value) ? value.filter((each) => each != null).length : value == null ? 0 : OBJECT_COST)
