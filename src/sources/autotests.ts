// What an autotest runs: Docker Hub's convention, the `sut` service of the repository's
// docker-compose.test.yml, or else the build source's test command. Either runs in a
// container of the image just built, with no network, before its tag moves.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'yaml'
import { UserInputError } from '../errors.js'

export interface TestPlan {
  /** Where the test comes from, for the build log. */
  origin: string
  cmd: string[] | null
  entrypoint: string[] | null
  env: string[]
}

const COMPOSE_FILES = ['docker-compose.test.yml', 'docker-compose.test.yaml']

/** The test to run for a build of `dockerfilePath`, or null when there is nothing to run. */
export async function testPlanFrom(checkout: string, dockerfilePath: string, testCommand: string | null): Promise<TestPlan | null> {
  const file = COMPOSE_FILES.find((name) => existsSync(path.join(checkout, name)))
  if (file) return composePlan(file, await readFile(path.join(checkout, file), 'utf8'), dockerfilePath)
  if (testCommand) return { origin: 'the build source\'s test command', cmd: ['sh', '-c', testCommand], entrypoint: null, env: [] }
  return null
}

function composePlan(file: string, text: string, dockerfilePath: string): TestPlan {
  const field = [file]
  const refuse = (message: string): never => {
    throw new UserInputError('INVALID', field, `${file}: ${message}`)
  }
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    refuse(`not YAML (${(error as Error).message.split('\n')[0]})`)
  }
  const sut = (document as { services?: Record<string, unknown> } | null)?.services?.sut as Record<string, unknown> | undefined
  if (!sut || typeof sut !== 'object') refuse('it has no `sut` service')
  // Only the image being built is run: a sut built some other way, or one that needs other
  // services, would need Compose itself.
  if (sut!.depends_on || sut!.links || sut!.volumes_from) refuse('the sut service depends on other services, which autotests do not start')
  if (sut!.image !== undefined && sut!.build === undefined) refuse('the sut service names another image; it must build from this repository')
  if (sut!.build !== undefined) {
    const build = typeof sut!.build === 'string' ? { context: sut!.build } : (sut!.build as { context?: unknown; dockerfile?: unknown })
    const context = String(build.context ?? '.').replace(/\/+$/, '') || '.'
    const dockerfile = String(build.dockerfile ?? 'Dockerfile')
    if (context !== '.' || path.posix.normalize(dockerfile) !== path.posix.normalize(dockerfilePath)) {
      refuse(`the sut service builds ${context}/${dockerfile}, but this setting builds ./${dockerfilePath}; autotests run the image this setting builds`)
    }
  }
  return { origin: `${file}, service sut`, cmd: words(sut!.command, 'command', refuse), entrypoint: words(sut!.entrypoint, 'entrypoint', refuse), env: environment(sut!.environment, refuse) }
}

/** Compose's string form runs through a shell here; its list form is used as it is. */
function words(value: unknown, name: string, refuse: (message: string) => never): string[] | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string') return ['sh', '-c', value]
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.map(String)
  return refuse(`the sut service's ${name} is neither a string nor a list of strings`)
}

function environment(value: unknown, refuse: (message: string) => never): string[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value.map(String)
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${v ?? ''}`)
  return refuse("the sut service's environment is neither a map nor a list")
}
