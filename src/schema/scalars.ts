import { GraphQLError, Kind } from 'graphql'
import { JSON_MAX_BYTES, JSON_MAX_DEPTH, JsonOutOfBounds, jsonBoundBroken } from '../catalog/rules.js'
import { builder } from './builder.js'

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO-8601 string in UTC.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null
    if (!date || Number.isNaN(date.getTime())) throw badInput('DateTime must be an ISO-8601 string')
    return date
  },
  parseLiteral: (ast) => {
    const date = ast.kind === Kind.STRING ? new Date(ast.value) : null
    if (!date || Number.isNaN(date.getTime())) throw badInput('DateTime must be an ISO-8601 string')
    return date
  },
})

builder.scalarType('BigInt', {
  description: 'A whole number that may exceed 32 bits, such as a size in bytes. Sent as a JSON number.',
  serialize: (value) => Number(value),
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badInput('BigInt must be a whole number')
    return BigInt(value)
  },
})

builder.scalarType('JSON', {
  description: `Any JSON value, nested at most ${JSON_MAX_DEPTH} levels deep and at most ${JSON_MAX_BYTES} bytes long.`,
  serialize: (value) => value,
  // The input's own check (checkJson) reports a value out of bounds, naming its field.
  parseValue: (value) => {
    const broken = jsonBoundBroken(value)
    return broken ? new JsonOutOfBounds(broken) : value
  },
})

builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request protocol.',
  serialize: () => {
    throw new Error('File is an input-only scalar')
  },
  parseValue: (value) => {
    if (!isUploadedFile(value)) throw badInput('Expected a file sent as a multipart upload')
    return value
  },
})

// Yoga parses multipart bodies with its own fetch API, whose File is not Node's global
// class, so `instanceof File` refuses every real upload: recognise a file by its shape.
function isUploadedFile(value: unknown): value is File {
  if (value instanceof File) return true
  if (typeof value !== 'object' || value === null) return false
  const file = value as Partial<File>
  return typeof file.name === 'string' && typeof file.size === 'number' && typeof file.stream === 'function'
}
