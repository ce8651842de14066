// What buildImage may ask of the builder beyond the Dockerfile: a stage, no cache, a
// platform, labels and secrets. Each is checked here, once, and named in its error.
import type { Builder } from '../config.js'
import { UserInputError } from '../errors.js'
import type { SecretBox } from '../registries/secret-box.js'
import { checkList } from '../catalog/rules.js'

export interface BuildOptionsInput {
  target?: string | null
  noCache?: boolean | null
  platform?: string | null
  labels?: readonly { name: string; value: string }[] | null
  secrets?: readonly { id: string; value: string }[] | null
}

/** A Dockerfile stage name (`FROM ... AS name`), as BuildKit's parser accepts it. */
const STAGE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/
/** os/arch[/variant], as in linux/amd64 or linux/arm/v7. */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/
const SECRET_ID = /^[A-Za-z0-9_.-]{1,128}$/
/** BuildKit refuses a secret over 500 KiB. */
const MAX_SECRET_BYTES = 500 * 1024
const MAX_LABELS = 100
const MAX_SECRETS = 50
const MAX_LABEL_CHARS = 4096

const at = (...path: string[]) => ['input', ...path]

/** The build row's fields for these options; secrets sealed, their ids in the clear. */
export function checkBuildOptions(input: BuildOptionsInput, builder: Builder, box: SecretBox) {
  const target = input.target ?? null
  if (target !== null && !STAGE.test(target)) throw new UserInputError('INVALID', at('target'), `Stage "${target.slice(0, 64)}" must match [A-Za-z][A-Za-z0-9_.-]{0,127}`)
  const platform = input.platform ?? null
  if (platform !== null && !PLATFORM.test(platform)) {
    throw new UserInputError('INVALID', at('platform'), `Platform "${platform.slice(0, 64)}" must be os/arch or os/arch/variant, e.g. linux/arm64`)
  }
  const labels: Record<string, string> = {}
  for (const [i, label] of checkList(input.labels ?? [], at('labels'), MAX_LABELS).entries()) {
    const field = at('labels', String(i), 'name')
    if (label.name.trim() === '' || label.name.length > MAX_LABEL_CHARS || /[\s=]/.test(label.name)) {
      throw new UserInputError('INVALID', field, 'A label name must be 1 to 4096 characters, without spaces or =')
    }
    if (label.value.length > MAX_LABEL_CHARS) throw new UserInputError('INVALID', at('labels', String(i), 'value'), `Must be at most ${MAX_LABEL_CHARS} characters`)
    if (label.name in labels) throw new UserInputError('INVALID', field, `Label "${label.name}" is given twice`)
    labels[label.name] = label.value
  }
  const secrets: Record<string, string> = {}
  for (const [i, secret] of checkList(input.secrets ?? [], at('secrets'), MAX_SECRETS).entries()) {
    const field = at('secrets', String(i), 'id')
    if (!SECRET_ID.test(secret.id)) throw new UserInputError('INVALID', field, `Secret id "${secret.id.slice(0, 64)}" must match [A-Za-z0-9_.-]{1,128}`)
    if (secret.id in secrets) throw new UserInputError('INVALID', field, `Secret "${secret.id}" is given twice`)
    if (Buffer.byteLength(secret.value) > MAX_SECRET_BYTES) throw new UserInputError('INVALID', at('secrets', String(i), 'value'), 'A secret must be at most 500 KiB')
    secrets[secret.id] = secret.value
  }
  const secretIds = Object.keys(secrets)
  if (secretIds.length > 0 && builder === 'CLASSIC') {
    throw new UserInputError('INVALID', at('secrets'), 'Secrets need BuildKit, and this service builds with the classic builder (BUILDER=classic)')
  }
  return {
    target,
    platform,
    noCache: input.noCache ?? false,
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    secretIds: secretIds.length > 0 ? secretIds : undefined,
    secretsCiphertext: secretIds.length > 0 ? box.seal(JSON.stringify(secrets)) : null,
  }
}
