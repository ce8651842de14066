// No input text may hold a NUL character: PostgreSQL refuses it in every text and JSON column
// (and so in every lookup by one), which would surface as a server fault on one database and
// not the other. This checks every string of a request, in its variables and in the document
// itself, before anything runs.
import { GraphQLError, visit } from 'graphql'
import type { Plugin } from 'graphql-yoga'

const NUL = '\u0000'

/** The path of the first variable string holding NUL (keys of objects included), walked without recursion. */
function nulPath(variables: Record<string, unknown>): string | null {
  const pending: [unknown, string][] = Object.entries(variables).map(([name, value]) => [value, `$${name}`])
  while (pending.length > 0) {
    const [item, path] = pending.pop()!
    if (typeof item === 'string') {
      if (item.includes(NUL)) return path
    } else if (Array.isArray(item)) {
      item.forEach((each, i) => pending.push([each, `${path}[${i}]`]))
    } else if (typeof item === 'object' && item !== null && Object.getPrototypeOf(item) === Object.prototype) {
      // Plain objects only: an upload is a File, whose content is not text.
      for (const [key, each] of Object.entries(item)) {
        if (key.includes(NUL)) return `${path} (a key)`
        pending.push([each, `${path}.${key}`])
      }
    }
  }
  return null
}

export function guardInputText(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let where = nulPath((args.variableValues ?? {}) as Record<string, unknown>)
      if (where === null) {
        visit(args.document, {
          Argument(argument) {
            if (where !== null) return false
            visit(argument.value, {
              StringValue(node) {
                if (node.value.includes(NUL)) where = `argument "${argument.name.value}"`
              },
            })
            return false
          },
        })
      }
      if (where !== null) {
        setResultAndStopExecution({
          errors: [new GraphQLError(`Text must not contain NUL (\\u0000) characters: ${where}`, { extensions: { code: 'BAD_USER_INPUT' } })],
        })
      }
    },
  }
}
