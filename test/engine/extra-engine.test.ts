// A second private engine next to the run's own (startExtraEngine): both build at once, each
// keeps what it built, and a killed one stops answering and is cleaned up all the same.
import { existsSync } from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { pack } from 'tar-stream'
import { dockerFromHost } from '../../src/docker/engine.js'
import { BASE_IMAGE, followToEnd, startExtraEngine, type ExtraEngine } from '../support/engine-setup.js'

// Same name on both engines: each holds its own image under it.
const BUILT = 'icat-test/extra-engine:built'

async function build(docker: Docker): Promise<string> {
  const context = pack()
  context.entry({ name: 'Dockerfile' }, `FROM ${BASE_IMAGE}\nRUN echo hi > /x\n`)
  context.finalize()
  const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: BUILT, networkmode: 'none', rm: true, forcerm: true })
  await followToEnd(docker, stream)
  return (await docker.getImage(BUILT).inspect()).Id
}

const idsOf = async (docker: Docker) => (await docker.listImages()).map((image) => image.Id)

describe('an extra private engine', () => {
  let first: Docker
  let extra: ExtraEngine
  beforeAll(async () => {
    first = dockerFromHost(inject('dockerHost'))
    extra = await startExtraEngine({ dockerHost: inject('dockerHost') })
  })
  afterAll(async () => {
    await extra?.stop()
    await first?.getImage(BUILT).remove().catch(() => {})
  })

  it('builds at the same time as the first engine, each keeping its own image; killed, it no longer answers and stop cleans up', async () => {
    const docker = dockerFromHost(extra.dockerHost)
    // The base image came over from the first engine as it was: same id.
    expect((await docker.getImage(BASE_IMAGE).inspect()).Id).toBe((await first.getImage(BASE_IMAGE).inspect()).Id)

    const [onFirst, onExtra] = await Promise.all([build(first), build(docker)])
    expect(onFirst).not.toBe(onExtra)
    const [firstIds, extraIds] = await Promise.all([idsOf(first), idsOf(docker)])
    expect(firstIds).toContain(onFirst)
    expect(firstIds).not.toContain(onExtra)
    expect(extraIds).toContain(onExtra)
    expect(extraIds).not.toContain(onFirst)

    extra.kill('SIGKILL')
    expect(await extra.exited).toEqual({ code: null, signal: 'SIGKILL' })
    await expect(docker.ping()).rejects.toThrow(/ECONNREFUSED/)
    // The first engine is untouched.
    expect((await first.ping()).toString()).toBe('OK')

    const folder = path.dirname(extra.dockerHost.replace(/^unix:\/\//, ''))
    expect(existsSync(folder)).toBe(true)
    await extra.stop()
    expect(existsSync(folder)).toBe(false)
  })
})
