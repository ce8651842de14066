// Git, as builds need it: a shallow checkout of one branch's head and a tar of its tree.
// Runs the real git with no prompts, no `ext::` transport and a deadline, so a repository
// that asks for a password or never answers fails instead of hanging a request.
import { execFile } from 'node:child_process'
import { UserInputError, type UserErrorCode } from '../errors.js'

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

function git(args: string[], options: { cwd?: string; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'protocol.ext.allow=never', '-c', 'core.hooksPath=/dev/null', ...args],
      { cwd: options.cwd, timeout: options.timeoutMs, env: { ...process.env, ...GIT_ENV }, maxBuffer: 4 * 1024 * 1024 },
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
 * Clones `branch` of `url` into `dir` (which must not exist yet), one commit deep, and
 * returns that commit. A branch the repository lacks is NOT_FOUND on `branchField`; a
 * repository that cannot be read is INVALID on `urlField`.
 */
export async function checkoutBranch(
  url: string,
  branch: string,
  dir: string,
  options: { timeoutMs: number; urlField: string[]; branchField: string[] },
): Promise<Commit> {
  try {
    await git(['clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', '--branch', branch, '--', url, dir], options)
  } catch (error) {
    const { stderr = '', killed } = error as { stderr?: string; killed?: boolean }
    const shown = withoutPassword(url)
    if (killed) failure('TIMEOUT', options.urlField, `git did not finish cloning ${shown} within ${options.timeoutMs} ms`)
    if (/Remote branch .* not found|couldn't find remote ref/i.test(stderr)) failure('NOT_FOUND', options.branchField, `${shown} has no branch ${branch}`)
    failure('INVALID', options.urlField, `git could not read ${shown}: ${withoutPassword(lastLine(stderr))}`)
  }
  const [sha, ...message] = (await git(['log', '-1', '--format=%H%n%B'], { cwd: dir, timeoutMs: options.timeoutMs })).split('\n')
  return { sha: sha!.trim(), message: message.join('\n').trim() }
}

/** The checked-out tree (without .git) as a tar file, for the build context checks and the engine. */
export async function archiveTree(dir: string, out: string, timeoutMs: number): Promise<void> {
  await git(['archive', '--format=tar', '-o', out, 'HEAD'], { cwd: dir, timeoutMs })
}

/** A password in a URL (https://user:token@host) never reaches a message: errors go to callers and webhook senders. */
export const withoutPassword = (text: string) => text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/:@\s]*):[^/@\s]*@/gi, '$1:***@')

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).at(-1) ?? 'no output'
