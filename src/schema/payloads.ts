// The shape every mutation shares: one `input`, a payload with the object and `userErrors`.
import { USER_ERROR_CODES, UserInputError, type UserErrorShape } from '../errors.js'
import { builder } from './builder.js'
import { decodeGlobalIdOn, notTheIdOf, parseRowId } from './nodes.js'

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why an input was refused. Stable: clients may switch on it.',
  values: USER_ERROR_CODES,
})

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  description: 'A problem with the input that the caller can fix. Nothing was written.',
  fields: (t) => ({
    field: t.exposeStringList('field', { description: 'Path to the input field, e.g. ["input", "name"].' }),
    message: t.exposeString('message'),
    code: t.field({ type: UserErrorCode, resolve: (error) => error.code }),
  }),
})

export type Payload<T> = Partial<T> & { userErrors: UserErrorShape[] }

/** Runs a mutation; input problems become userErrors, anything else stays an error. */
export async function withUserErrors<T extends object>(run: () => Promise<T>): Promise<Payload<T>> {
  try {
    return { ...(await run()), userErrors: [] }
  } catch (error) {
    if (error instanceof UserInputError) return { userErrors: error.userErrors } as Payload<T>
    throw error
  }
}

/** The database id inside a global ID of the expected type, or an INVALID_ID error on `field`. */
export function decodeId(globalId: string | number, typename: string, field: string[]): number {
  const decoded = decodeGlobalIdOn(String(globalId), field)
  const id = decoded.typename === typename ? parseRowId(decoded.id) : null
  if (id === null) throw notTheIdOf(typename, String(globalId), field)
  return id
}

export const optionalId = (globalId: string | number | null | undefined, typename: string, field: string[]) =>
  globalId == null ? globalId : decodeId(globalId, typename, field)

export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never
export type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>

/** A mutation payload: the given fields plus `userErrors`. */
export function payloadType<Shape extends object>(
  name: string,
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Payload<Shape>>) => Record<string, unknown>,
) {
  return builder.objectRef<Payload<Shape>>(name).implement({
    fields: (t) => ({
      ...(fields(t) as {}),
      userErrors: t.field({ type: [UserError], resolve: (payload) => payload.userErrors }),
    }),
  })
}
