// Every connection here pages by an integer id, and Pothos accepts any well-formed cursor:
// one holding a string or a fraction would reach Prisma and fail there as a server fault,
// or silently page from nowhere. This checks every `after`/`before` before anything runs.
import { GraphQLError, Kind, visit, type ValueNode } from 'graphql'
import type { Plugin } from 'graphql-yoga'

const ID_CURSOR = /^GPC:N:([1-9][0-9]{0,15})$/

function isIdCursor(cursor: string): boolean {
  const decoded = Buffer.from(cursor, 'base64')
  if (decoded.toString('base64') !== cursor) return false
  const match = ID_CURSOR.exec(decoded.toString('utf8'))
  return match !== null && Number.isSafeInteger(Number(match[1]))
}

export function guardCursors(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>
      const invalid: string[] = []
      const check = (node: ValueNode) => {
        const value = node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.STRING ? node.value : null
        if (typeof value === 'string' && !isIdCursor(value)) invalid.push(value)
      }
      visit(args.document, {
        Argument(node) {
          if (node.name.value === 'after' || node.name.value === 'before') check(node.value)
        },
      })
      if (invalid.length > 0) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`Invalid cursor: ${invalid[0]}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } })],
        })
      }
    },
  }
}
