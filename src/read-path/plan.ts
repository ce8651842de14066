// A query document, when every field it asks for is in MODELS, becomes a plan: which columns and
// nested rows one SQL statement must return (RowPlan), and how the answer is built from them
// (Output). Plans are made once per parsed document (yoga caches those) and reused; a document
// the plan cannot cover gets `null`, and the ordinary executor answers it.
import {
  Kind,
  getNamedType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql'
import { MODELS, type ColumnField, type ConnectionField, type Model } from './models.js'

/** One value of a row as the SQL statement returns it, by position. */
export type Slot =
  | { kind: 'column'; field: ColumnField }
  | { kind: 'toOne'; parentKey: string; row: RowPlan }
  | { kind: 'connection'; field: ConnectionField; definition: GraphQLField<unknown, unknown>; node: FieldNode; row: RowPlan }
  | { kind: 'count'; field: ConnectionField }

export interface RowPlan {
  model: Model
  /** Slot 0 is always the row's id: global IDs, cursors and the page's order need it. */
  slots: Slot[]
  columnSlots: Map<string, number>
}

export type Output =
  | { key: string; kind: 'typename'; value: string }
  | { key: string; kind: 'value'; slot: number; field: ColumnField }
  | { key: string; kind: 'globalId'; typeName: string }
  | { key: string; kind: 'object'; slot: number; shape: Output[] }
  | { key: string; kind: 'connection'; slot: number; connection: ConnectionOutput[]; countSlot?: number }

export type ConnectionOutput =
  | { key: string; kind: 'typename'; value: string }
  | { key: string; kind: 'totalCount' }
  | { key: string; kind: 'nodes'; shape: Output[] }
  | { key: string; kind: 'edges'; edge: EdgeOutput[] }
  | { key: string; kind: 'pageInfo'; info: Array<{ key: string; kind: 'typename' | PageInfoField; value?: string }> }

export type EdgeOutput = { key: string; kind: 'typename'; value: string } | { key: string; kind: 'cursor' } | { key: string; kind: 'node'; shape: Output[] }

type PageInfoField = 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor'
const PAGE_INFO_FIELDS = new Set<string>(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'])

/** The root connections the plan can start from, by Query field; each pages with the catalog's own rules. */
export const ROOTS: Readonly<Record<string, { model: string; args: readonly string[] }>> = {
  images: { model: 'Image', args: ['first', 'last', 'after', 'before', 'filter', 'orderBy'] },
}

const NESTED_CONNECTION_ARGS = new Set(['first', 'last', 'after', 'before'])

export interface Plan {
  /** The operation's variables, coerced as the executor would before the plan reads them. */
  variableDefinitions: readonly VariableDefinitionNode[]
  rootField: string
  key: string
  definition: GraphQLField<unknown, unknown>
  node: FieldNode
  row: RowPlan
  connection: ConnectionOutput[]
  /** Whether the rows need a statement beyond the page of ids. */
  needsRows: boolean
}

class Unsupported extends Error {}

type Compile<P> = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined) => P | null

/** `compile`, made once per operation of a parsed document (yoga caches those) and then reused. */
export function cachedPlans<P>(compile: Compile<P>): Compile<P> {
  const plans = new WeakMap<DocumentNode, Map<string, P | null>>()
  return (schema, document, operationName) => {
    let byOperation = plans.get(document)
    if (!byOperation) plans.set(document, (byOperation = new Map()))
    const name = operationName ?? ''
    if (!byOperation.has(name)) byOperation.set(name, compile(schema, document, operationName))
    return byOperation.get(name)!
  }
}

/** The plan for this operation of the document; null when it cannot be compiled. */
export const planFor = cachedPlans(compile)

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Plan | null {
  const fragments: Record<string, FragmentDefinitionNode> = {}
  const operations: OperationDefinitionNode[] = []
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition)
  }
  const operation = operationName ? operations.find((each) => each.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined
  const queryType = schema.getQueryType()
  if (!operation || operation.operation !== 'query' || operation.directives?.length || !queryType) return null
  try {
    const fields = collectFields(operation.selectionSet, queryType.name, fragments)
    const node = fields[0]
    if (!node || fields.length !== 1) throw new Unsupported()
    const root = ROOTS[node.name.value]
    const definition = queryType.getFields()[node.name.value]
    if (!root || !definition) throw new Unsupported()
    for (const argument of node.arguments ?? []) if (!root.args.includes(argument.name.value)) throw new Unsupported()
    const connectionType = getNamedType(definition.type) as GraphQLObjectType
    const row = newRow(MODELS[root.model]!)
    const compiler = new Compiler(schema, fragments)
    const connection = compiler.connection(node.selectionSet, connectionType, root.model, row)
    return { variableDefinitions: operation.variableDefinitions ?? [], rootField: node.name.value, key: responseKey(node), definition, node, row, connection, needsRows: row.slots.length > 1 }
  } catch (error) {
    if (error instanceof Unsupported) return null
    throw error
  }
}

const responseKey = (node: FieldNode) => node.alias?.value ?? node.name.value

function newRow(model: Model): RowPlan {
  return { model, slots: [{ kind: 'column', field: { kind: 'column', column: 'id', value: 'int' } }], columnSlots: new Map([['id', 0]]) }
}

/**
 * The fields of a selection set on an object type, fragments spread in. Anything the ordinary
 * executor would treat specially (a directive, a field asked twice under one name, a fragment
 * on another type) makes the document unsupported rather than risk a different answer.
 */
function collectFields(selectionSet: SelectionSetNode, typeName: string, fragments: Record<string, FragmentDefinitionNode>, into: FieldNode[] = [], keys = new Set<string>()): FieldNode[] {
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) throw new Unsupported()
    if (selection.kind === Kind.FIELD) {
      const key = responseKey(selection)
      if (keys.has(key)) throw new Unsupported()
      keys.add(key)
      into.push(selection)
      continue
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value]
    if (!fragment || fragment.directives?.length) throw new Unsupported()
    if (fragment.typeCondition && fragment.typeCondition.name.value !== typeName) throw new Unsupported()
    collectFields(fragment.selectionSet, typeName, fragments, into, keys)
  }
  return into
}

class Compiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
  ) {}

  private fields(selectionSet: SelectionSetNode | undefined, typeName: string): FieldNode[] {
    if (!selectionSet) throw new Unsupported()
    return collectFields(selectionSet, typeName, this.fragments)
  }

  private objectType(name: string): GraphQLObjectType {
    const type = this.schema.getType(name)
    if (!type || !('getFields' in type) || !('getInterfaces' in type)) throw new Unsupported()
    return type as GraphQLObjectType
  }

  /** The fields of a row of `modelName`, adding what they need to `row`. */
  shape(selectionSet: SelectionSetNode | undefined, typeName: string, row: RowPlan): Output[] {
    const model = MODELS[typeName]
    if (!model || model !== row.model) throw new Unsupported()
    const type = this.objectType(typeName)
    return this.fields(selectionSet, typeName).map((node): Output => {
      const key = responseKey(node)
      const name = node.name.value
      if (name === '__typename') return { key, kind: 'typename', value: typeName }
      const field = model.fields[name]
      const definition = type.getFields()[name]
      if (!field || !definition) throw new Unsupported()
      if (field.kind !== 'connection' && node.arguments?.length) throw new Unsupported()
      switch (field.kind) {
        case 'globalId':
          return { key, kind: 'globalId', typeName }
        case 'column': {
          if (node.selectionSet) throw new Unsupported()
          return { key, kind: 'value', slot: columnSlot(row, field), field }
        }
        case 'toOne': {
          const child = newRow(MODELS[field.model]!)
          const shape = this.shape(node.selectionSet, field.model, child)
          row.slots.push({ kind: 'toOne', parentKey: field.parentKey, row: child })
          return { key, kind: 'object', slot: row.slots.length - 1, shape }
        }
        case 'connection': {
          for (const argument of node.arguments ?? []) if (!NESTED_CONNECTION_ARGS.has(argument.name.value)) throw new Unsupported()
          const child = newRow(MODELS[field.model]!)
          row.slots.push({ kind: 'connection', field, definition, node, row: child })
          const slot = row.slots.length - 1
          const connection = this.connection(node.selectionSet, getNamedType(definition.type) as GraphQLObjectType, field.model, child)
          const countSlot = connection.some((output) => output.kind === 'totalCount') ? row.slots.push({ kind: 'count', field }) - 1 : undefined
          return { key, kind: 'connection', slot, connection, countSlot }
        }
      }
    })
  }

  /** A connection's own fields: totalCount, nodes, edges and pageInfo. */
  connection(selectionSet: SelectionSetNode | undefined, type: GraphQLObjectType, nodeType: string, row: RowPlan): ConnectionOutput[] {
    return this.fields(selectionSet, type.name).map((node): ConnectionOutput => {
      const key = responseKey(node)
      const name = node.name.value
      if (node.arguments?.length) throw new Unsupported()
      switch (name) {
        case '__typename':
          return { key, kind: 'typename', value: type.name }
        case 'totalCount':
          return { key, kind: 'totalCount' }
        case 'nodes':
          return { key, kind: 'nodes', shape: this.shape(node.selectionSet, nodeType, row) }
        case 'edges': {
          const edgeType = getNamedType(type.getFields().edges!.type) as GraphQLObjectType
          const edge = this.fields(node.selectionSet, edgeType.name).map((edgeNode): EdgeOutput => {
            const edgeKey = responseKey(edgeNode)
            if (edgeNode.arguments?.length) throw new Unsupported()
            if (edgeNode.name.value === '__typename') return { key: edgeKey, kind: 'typename', value: edgeType.name }
            if (edgeNode.name.value === 'cursor') return { key: edgeKey, kind: 'cursor' }
            if (edgeNode.name.value === 'node') return { key: edgeKey, kind: 'node', shape: this.shape(edgeNode.selectionSet, nodeType, row) }
            throw new Unsupported()
          })
          return { key, kind: 'edges', edge }
        }
        case 'pageInfo': {
          const info = this.fields(node.selectionSet, 'PageInfo').map((infoNode) => {
            const infoKey = responseKey(infoNode)
            if (infoNode.arguments?.length) throw new Unsupported()
            if (infoNode.name.value === '__typename') return { key: infoKey, kind: 'typename' as const, value: 'PageInfo' }
            if (!PAGE_INFO_FIELDS.has(infoNode.name.value)) throw new Unsupported()
            return { key: infoKey, kind: infoNode.name.value as PageInfoField }
          })
          return { key, kind: 'pageInfo', info }
        }
        default:
          throw new Unsupported()
      }
    })
  }
}

function columnSlot(row: RowPlan, field: ColumnField): number {
  const known = row.columnSlots.get(field.column)
  if (known !== undefined) return known
  row.slots.push({ kind: 'column', field })
  row.columnSlots.set(field.column, row.slots.length - 1)
  return row.slots.length - 1
}
