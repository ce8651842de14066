// A build step that waits until the test lets it go. A test that needs a build to be running
// at a given moment (a subscriber attached, a tag protected meanwhile) holds it at a gate
// instead of hoping that a `sleep` in the Dockerfile outlasts whatever a busy machine does.
import type Docker from 'dockerode'

// At the root: the test base image is busybox on scratch, without /tmp.
const gatePath = (name: string) => `/icat-gate-${name}`

/** A shell command for a RUN step: it returns once openGate(name) has been called. */
export function waitAtGate(name: string): string {
  return `until [ -e ${gatePath(name)} ]; do sleep 0.2; done`
}

/**
 * Lets the build step waiting at `name` go on: finds the step's running containers (the
 * classic builder runs each RUN in one) and creates the gate's file inside each. Every one: a
 * build restarted after its instance died may still have its first attempt's step running.
 */
export async function openGate(docker: Docker, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const running = await docker.listContainers({ filters: { status: ['running'] } })
    const steps = running.filter((container) => container.Command.includes(gatePath(name)))
    for (const step of steps) {
      const opened = await touchIn(docker.getContainer(step.Id), gatePath(name)).catch((error: Error) => error)
      // A step that ended meanwhile (a dead attempt's, say) has nothing left to open.
      const stillRunning = () => docker.getContainer(step.Id).inspect().then((container) => container.State.Running, () => false)
      if (opened !== true && (await stillRunning())) throw new Error(`Opening gate "${name}" failed: ${opened === false ? 'touch failed' : opened.message}`)
    }
    if (steps.length > 0) return
    if (Date.now() > deadline) throw new Error(`No build step waits at gate "${name}" after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function touchIn(container: Docker.Container, file: string): Promise<boolean> {
  const exec = await container.exec({ Cmd: ['touch', file], AttachStdout: true, AttachStderr: true })
  const output = await exec.start({})
  await new Promise((resolve) => output.once('end', resolve).once('close', resolve).resume())
  return (await exec.inspect()).ExitCode === 0
}
