// Git, as builds need it: a shallow checkout of one branch's head and a tar of its tree.
// Runs the real git with no prompts, no `ext::` transport and a deadline, so a repository
// that asks for a password or never answers fails instead of hanging a request.
// A repository's password never goes into the URL git is given (git would print it back and
// write it into the clone's config); a credential helper hands it over from the environment.
import { execFile } from 'node:child_process'
import { UserInputError, type UserErrorCode } from '../errors.js'
import { maskCredentials, shownUrl } from '../url-credentials.js'

export interface Commit {
  sha: string
  message: string
}

const GIT_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: 'true',
  SSH_ASKPASS: 'true',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new',
  GIT_CONFIG_NOSYSTEM: '1',
}

// The empty helper clears any the user's git config names (one could store the password on
// disk); ours answers `get` with the password from the environment and ignores store/erase.
const PASSWORD_HELPER = '!f() { test "$1" = get && printf "password=%s\\n" "$ICAT_GIT_PASSWORD"; }; f'

function git(args: string[], options: { cwd?: string; timeoutMs: number; password?: string | null }): Promise<string> {
  const helper = options.password ? ['-c', `credential.helper=${PASSWORD_HELPER}`] : []
  const env = { ...process.env, ...GIT_ENV, ...(options.password ? { ICAT_GIT_PASSWORD: options.password } : {}) }
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'protocol.ext.allow=never', '-c', 'core.hooksPath=/dev/null', '-c', 'credential.helper=', ...helper, ...args],
      { cwd: options.cwd, timeout: options.timeoutMs, env, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(Object.assign(error, { stderr: String(stderr) }))
        else resolve(String(stdout))
      },
    )
  })
}

function failure(code: UserErrorCode, field: string[], message: string): never {
  throw new UserInputError(code, field, message)
}

/**
 * Clones `branch` of `url` (without a password: `password` is given apart) into `dir` (which
 * must not exist yet), one commit deep, and returns that commit. A branch the repository lacks
 * is NOT_FOUND on `branchField`; a repository that cannot be read is INVALID on `urlField`.
 * What git says is masked before it goes into a message: callers and webhook senders read it.
 */
export async function checkoutBranch(
  url: string,
  branch: string,
  dir: string,
  options: { timeoutMs: number; urlField: string[]; branchField: string[]; password?: string | null },
): Promise<Commit> {
  try {
    await git(['clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--branch', branch, '--', url, dir], options)
  } catch (error) {
    const { stderr = '', killed } = error as { stderr?: string; killed?: boolean }
    const shown = shownUrl(url, Boolean(options.password))
    if (killed) failure('TIMEOUT', options.urlField, `git did not finish cloning ${shown} within ${options.timeoutMs} ms`)
    if (/Remote branch .* not found|couldn't find remote ref/i.test(stderr)) failure('NOT_FOUND', options.branchField, `${shown} has no branch ${branch}`)
    failure('INVALID', options.urlField, `git could not read ${shown}: ${maskCredentials(lastLine(stderr), [options.password])}`)
  }
  const [sha, ...message] = (await git(['log', '-1', '--format=%H%n%B'], { cwd: dir, timeoutMs: options.timeoutMs })).split('\n')
  return { sha: sha!.trim(), message: message.join('\n').trim() }
}

/** The checked-out tree (without .git) as a tar file, for the build context checks and the engine. */
export async function archiveTree(dir: string, out: string, timeoutMs: number): Promise<void> {
  await git(['archive', '--format=tar', '-o', out, 'HEAD'], { cwd: dir, timeoutMs })
}

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).at(-1) ?? 'no output'
