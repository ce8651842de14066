// GraphQL multipart requests (file uploads) through yoga.fetch.
import type { TypedDocumentString } from '../gql/graphql.js'
import { ADMIN_TOKEN, type GraphQLResponse, type World } from './world.js'

/** Sends `document` with `file` at `filePath` (e.g. "variables.input.source"). */
export async function sendWithFile<R, V>(
  world: World,
  document: TypedDocumentString<R, V>,
  variables: V,
  filePath: string,
  file: File,
  token: string | null = ADMIN_TOKEN,
): Promise<GraphQLResponse<R>> {
  const form = new FormData()
  form.set('operations', JSON.stringify({ query: document.toString(), variables }))
  form.set('map', JSON.stringify({ 0: [filePath] }))
  form.set('0', file)
  const response = await world.post(form, token ? { authorization: `Bearer ${token}` } : {})
  return { status: response.status, ...((await response.json()) as object) }
}
