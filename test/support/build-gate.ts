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
 * Lets the build step waiting at `name` go on: finds the step's running container (the
 * classic builder runs each RUN in one) and creates the gate's file inside it.
 */
export async function openGate(docker: Docker, name: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const running = await docker.listContainers({ filters: { status: ['running'] } })
    const step = running.find((container) => container.Command.includes(gatePath(name)))
    if (step) {
      const exec = await docker.getContainer(step.Id).exec({ Cmd: ['touch', gatePath(name)], AttachStdout: true, AttachStderr: true })
      const output = await exec.start({})
      await new Promise((resolve) => output.once('end', resolve).once('close', resolve).resume())
      const { ExitCode } = await exec.inspect()
      if (ExitCode !== 0) throw new Error(`Opening gate "${name}" failed: touch exited ${ExitCode}`)
      return
    }
    if (Date.now() > deadline) throw new Error(`No build step waits at gate "${name}" after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
