// Input rules shared by every entry point (GraphQL, hooks, tests). Each check names the
// field and the rule it broke, so a client can show the message next to the input.
import { UserInputError } from '../errors.js'
import { hasCredentials } from '../url-credentials.js'

export type FieldPath = string[]

function invalid(field: FieldPath, message: string): never {
  throw new UserInputError('INVALID', field, message)
}

// Docker's reference grammar, path part: lowercase components joined by '/'.
const IMAGE_NAME_COMPONENT = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/
export const IMAGE_NAME_MAX = 255
const TAG_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const USER_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/

export function checkImageName(name: string, field: FieldPath): string {
  if (name.length === 0) invalid(field, 'Image name must not be empty')
  if (name.length > IMAGE_NAME_MAX) invalid(field, `Image name must be at most ${IMAGE_NAME_MAX} characters`)
  for (const component of name.split('/')) {
    if (!IMAGE_NAME_COMPONENT.test(component)) {
      invalid(
        field,
        `Image name "${name}" is not a repository path: lowercase components of [a-z0-9] separated by one of "._-", joined by "/"`,
      )
    }
  }
  return name
}

export function checkTagName(name: string, field: FieldPath, what = 'Tag'): string {
  if (!TAG_NAME.test(name)) {
    invalid(field, `${what} "${name}" must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`)
  }
  return name
}

export function checkUserName(name: string, field: FieldPath, what = 'User name'): string {
  if (!USER_NAME.test(name)) invalid(field, `${what} "${name.slice(0, 64)}" must match [a-z0-9][a-z0-9_.-]{0,63}`)
  return name
}

/** Free text with a length bound; returns it trimmed. */
export function checkText(value: string, field: FieldPath, { min = 0, max }: { min?: number; max: number }): string {
  const text = value.trim()
  if (text.length < min) invalid(field, min === 1 ? 'Must not be empty' : `Must be at least ${min} characters`)
  if (text.length > max) invalid(field, `Must be at most ${max} characters`)
  return text
}

/**
 * An http(s) URL without credentials: whoever reads it back would read them too.
 * `credentialsGoTo` says where they belong instead, e.g. the username and password fields.
 */
export function checkHttpUrl(value: string, field: FieldPath, { credentialsGoTo }: { credentialsGoTo?: string } = {}): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    // Not echoed when it may hold credentials the parser could not find.
    invalid(field, value.includes('@') ? 'Not a URL' : `"${value.slice(0, 2048)}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') invalid(field, 'URL must use http or https')
  if (value.length > 2048) invalid(field, 'URL must be at most 2048 characters')
  if (hasCredentials(value)) {
    invalid(field, `A URL must not hold a user name or password (user:password@): ${credentialsGoTo ?? 'it would be shown to everyone who reads it'}`)
  }
  return value
}

export function checkNonNegativeInt(value: number, field: FieldPath): number {
  if (!Number.isInteger(value) || value < 0) invalid(field, 'Must be a whole number, 0 or more')
  return value
}

export const JSON_MAX_DEPTH = 32
export const JSON_MAX_BYTES = 64 * 1024

/**
 * A JSON input that broke the bounds every JSON input has. The JSON scalar hands this on instead
 * of failing the whole request, so that the input's own check can name its field.
 */
export class JsonOutOfBounds {
  constructor(readonly rule: string) {}
}

/**
 * The bound `value` breaks, if any. Walked without recursion and stopped at the first excess,
 * since every reader after this one (JSON.stringify, the database driver) recurses and would
 * overflow the stack on deep enough input. The size is that of the value written as JSON.
 */
export function jsonBoundBroken(value: unknown): string | null {
  const pending: [unknown, number][] = [[value, 1]]
  let bytes = 0
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!
    if (typeof item === 'string') bytes += Buffer.byteLength(JSON.stringify(item))
    else if (typeof item !== 'object' || item === null) bytes += String(item).length
    else {
      if (depth > JSON_MAX_DEPTH) return `JSON must be nested at most ${JSON_MAX_DEPTH} levels deep`
      if (Array.isArray(item)) {
        bytes += 1 + Math.max(item.length, 1)
        for (const each of item) pending.push([each, depth + 1])
      } else {
        const entries = Object.entries(item)
        bytes += 1 + Math.max(entries.length, 1)
        for (const [key, each] of entries) {
          bytes += Buffer.byteLength(JSON.stringify(key)) + 1
          pending.push([each, depth + 1])
        }
      }
    }
    if (bytes > JSON_MAX_BYTES) return `JSON must be at most ${JSON_MAX_BYTES} bytes`
  }
  return null
}

/** Every JSON-valued input passes here first: within the bounds, or a TOO_LARGE error on `field`. */
export function checkJson(value: unknown, field: FieldPath): unknown {
  const broken = value instanceof JsonOutOfBounds ? value.rule : jsonBoundBroken(value)
  if (broken) throw new UserInputError('TOO_LARGE', field, broken)
  return value
}

const METADATA_MAX_BYTES = 16 * 1024

export function checkMetadata(value: unknown, field: FieldPath): Record<string, unknown> {
  checkJson(value, field)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, 'Metadata must be a JSON object')
  if (Buffer.byteLength(JSON.stringify(value)) > METADATA_MAX_BYTES) invalid(field, `Metadata must be at most ${METADATA_MAX_BYTES} bytes of JSON`)
  return value as Record<string, unknown>
}

/** Lists given in one mutation: bounded, and without the same entry twice. */
export function checkList<T>(values: readonly T[], field: FieldPath, max: number): T[] {
  if (values.length > max) throw new UserInputError('TOO_MANY', field, `At most ${max} entries per request`)
  return [...new Set(values)]
}
