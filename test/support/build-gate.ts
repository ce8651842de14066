// A build step that waits until the test lets it go. A test that needs a build to be running
// at a given moment (a subscriber attached, a tag protected meanwhile) holds it at a gate
// instead of hoping that a `sleep` in the Dockerfile outlasts whatever a busy machine does.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import type Docker from 'dockerode'

// At the root: the test base image is busybox on scratch, without /tmp.
const gatePath = (name: string) => `/icat-gate-${name}`

/** A shell command for a RUN step: it returns once openGate(name) has been called. */
export function waitAtGate(name: string): string {
  return `until [ -e ${gatePath(name)} ]; do sleep 0.2; done`
}

const readOr = (file: string) => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/** The processes of build steps waiting at the gate: their command line names its file. */
function waitingSteps(name: string): number[] {
  const file = gatePath(name)
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => readOr(`/proc/${pid}/cmdline`).split('\0').some((arg) => arg.includes(`[ -e ${file} ]`)))
    .map(Number)
}

/** Lets every build step waiting at `name` now go on; answers how many there were. */
export function openWaitingGates(name: string): number {
  const steps = waitingSteps(name)
  for (const pid of steps) {
    try {
      writeFileSync(`/proc/${pid}/root${gatePath(name)}`, '')
    } catch (error) {
      // A step that ended meanwhile (a dead attempt's, say) has nothing left to open.
      if (readOr(`/proc/${pid}/cmdline`) !== '') throw new Error(`Opening gate "${name}" failed: ${(error as Error).message}`)
    }
  }
  return steps.length
}

/**
 * Lets the build step waiting at `name` go on. BuildKit runs a RUN step in a container of its
 * own that the engine's API does not list (the classic builder's would be), so the step is
 * found as a process of this machine, and the gate's file is made in its root filesystem
 * (/proc/<pid>/root) from outside. Every waiting one: a build restarted after its instance
 * died may still have its first attempt's step running. `docker` is the engine the step runs
 * on; gate names are unique across the tests, so it only says where the test expects it.
 */
export async function openGate(_docker: Docker, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (openWaitingGates(name) > 0) return
    if (Date.now() > deadline) throw new Error(`No build step waits at gate "${name}" after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
