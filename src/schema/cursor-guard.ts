// Every table-backed connection here pages by an integer id, and Pothos accepts any well-formed cursor:
// one holding a string or a fraction would reach Prisma and fail there as a server fault,
// or silently page from nowhere. This checks every `after`/`before` before anything runs.
import { GraphQLError, Kind, visit, type ValueNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { isStringCursor } from './pages.js'

const ID_CURSOR = /^GPC:N:([1-9][0-9]{0,15})$/

// Lists that are not tables (a registry's catalog, the engine's images) page by name or offset.
const STRING_CURSOR_FIELDS = new Set(['searchImages', 'remoteTags'])

function isValidCursor(cursor: string, field: string): boolean {
  const decoded = Buffer.from(cursor, 'base64')
  if (decoded.toString('base64') !== cursor) return false
  const text = decoded.toString('utf8')
  if (STRING_CURSOR_FIELDS.has(field)) return isStringCursor(text)
  const match = ID_CURSOR.exec(text)
  return match !== null && Number.isSafeInteger(Number(match[1]))
}

export function guardCursors(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>
      const invalid: string[] = []
      const check = (node: ValueNode, field: string) => {
        const value = node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.STRING ? node.value : null
        if (typeof value === 'string' && !isValidCursor(value, field)) invalid.push(value)
      }
      visit(args.document, {
        Field(field) {
          for (const argument of field.arguments ?? []) {
            if (argument.name.value === 'after' || argument.name.value === 'before') check(argument.value, field.name.value)
          }
        },
      })
      if (invalid.length > 0) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`Invalid cursor: ${invalid[0]}`, { extensions: { code: 'BAD_USER_INPUT' } })],
        })
      }
    },
  }
}
