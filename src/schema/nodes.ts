// What a global ID means, for node(id:), nodes(ids:) and every argument that takes one.
// Relay's rules: an id that names nothing (missing, hidden from the viewer, of a type that has
// no nodes) resolves to null, exactly like one that never existed; an id that cannot name
// anything (not a global ID, or a row id that is not one) is the caller's mistake, reported on
// the argument. In a list each id stands alone.
import { decodeGlobalID, resolveNodes } from '@pothos/plugin-relay'
import { isObjectType, type GraphQLResolveInfo } from 'graphql'
import { UserInputError, isRecordMissing } from '../errors.js'
import { builder } from './builder.js'

// Every node is a table row keyed by an autoincrement integer, written the way it is encoded.
const ROW_ID = /^[1-9][0-9]{0,15}$/

/** The row id a decoded global ID holds, or null when it cannot be one. */
export function parseRowId(raw: string): number | null {
  if (!ROW_ID.test(raw)) return null
  const id = Number(raw)
  return Number.isSafeInteger(id) ? id : null
}

/** The type name and raw id inside a global ID, or an INVALID_ID error on `field`. */
export function decodeGlobalIdOn(globalId: string, field: string[]): { typename: string; id: string } {
  try {
    return decodeGlobalID(globalId)
  } catch {
    throw new UserInputError('INVALID_ID', field, `"${globalId}" given as "${field.join('.')}" is not an ID`)
  }
}

export const notTheIdOf = (typename: string, globalId: string, field: string[]) =>
  new UserInputError('INVALID_ID', field, `"${globalId}" given as "${field.join('.')}" is not the ID of a ${typename}`)

const isNodeType = (info: GraphQLResolveInfo, typename: string) => {
  const type = info.schema.getType(typename)
  return isObjectType(type) && type.getInterfaces().some((each) => each.name === 'Node')
}

/** One id of node(id:) or nodes(ids:): the node, null, or (rejected) an error naming `field`. */
async function resolveNodeId(context: object, info: GraphQLResolveInfo, globalId: string, field: string[]) {
  const { typename, id } = decodeGlobalIdOn(globalId, field)
  if (!isNodeType(info, typename)) return null
  if (parseRowId(id) === null) throw notTheIdOf(typename, globalId, field)
  try {
    const [node] = await resolveNodes(builder, context, info, [{ typename, id }])
    return node ?? null
  } catch (error) {
    // Nodes whose lookup has no visibility rule load with findUniqueOrThrow.
    if (isRecordMissing(error)) return null
    throw error
  }
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context, info) => resolveNodeId(context, info, String(args.id), ['id']),
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    args: { ids: t.arg.idList({ required: true }) },
    // A list of promises: graphql-js places each rejection at its own index, as null.
    resolve: (_root, args, context, info) => args.ids.map((id, index) => resolveNodeId(context, info, String(id), ['ids', String(index)])),
  }),
}))
