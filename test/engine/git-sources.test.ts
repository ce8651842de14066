// Build sources from git (Tutum): real git, a bare repository on local disk (file://), the
// real engine. triggerBuild, the signed webhook (bad signature, replayed delivery), and
// autotests that must pass before the tag moves.
import { execFileSync, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decodeGlobalID } from '@pothos/plugin-relay'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { loadSecretKey, SecretBox } from '../../src/registries/secret-box.js'
import { freePort } from '../support/processes.js'
import { graphql } from '../gql/index.js'
import { openFilesMatching } from '../support/processes.js'
import { createWorld, gid, type World } from '../support/world.js'

const GitDeliveries = graphql(`
  query GitDeliveries($id: ID!, $first: Int) {
    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId event state attempt error builds { id targetTag } } } }
  }
`)
const GitCreateImage = graphql(`
  mutation GitCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }
`)
const GitSetSource = graphql(`
  mutation GitSetSource($input: SetBuildSourceInput!) {
    setBuildSource(input: $input) {
      webhookSecret
      image { buildSource { repositoryUrl autotests testCommand webhookPath buildSettings { branch tag dockerfilePath autobuild } } }
      userErrors { field message code }
    }
  }
`)
const GitTrigger = graphql(`
  mutation GitTrigger($input: TriggerBuildInput!) {
    triggerBuild(input: $input) { builds { id targetTag branch commitSha commitMessage trigger state } userErrors { field message code } }
  }
`)
const GitBuild = graphql(`
  query GitBuild($id: ID!) {
    build(id: $id) { state errorMessage trigger commitSha testsPassed pullRequest targetTag logLines(first: 100) { nodes { stream text } } }
  }
`)
const GitTags = graphql(`
  query GitTags($id: ID!) { node(id: $id) { ... on Image { tags { nodes { name digest } } } } }
`)
const GitRemoveSource = graphql(`
  mutation GitRemoveSource($input: BuildSourceImageInput!) { removeBuildSource(input: $input) { image { buildSource { repositoryUrl } } userErrors { field code } } }
`)
const GitProtect = graphql(`
  mutation GitProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { protected } userErrors { code } } }
`)

const GitSourceOf = graphql(`
  query GitSourceOf($id: ID!) { node(id: $id) { ... on Image { buildSource { repositoryUrl } } } }
`)

const GitImageState = graphql(`
  query GitImageState($id: ID!) { node(id: $id) { ... on Image { state } } }
`)

let world: World
let docker: Docker
let dir: string
let repositoryUrl: string
const engineRefs: string[] = []
let sequence = 0

const dbId = (globalId: string) => Number(decodeGlobalID(globalId).id)

function git(args: string[], cwd: string): string {
  return execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.test', ...args], { cwd, encoding: 'utf8' }).trim()
}

/** Commits `files` on `branch` of the working copy and pushes it to the bare repository; returns the sha. */
async function commit(branch: string, message: string, files: Record<string, string>): Promise<string> {
  const work = path.join(dir, 'work')
  git(['checkout', '-q', '-B', branch, `origin/${branch}`], work).toString()
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(work, name), text)
  git(['add', '-A'], work)
  git(['commit', '-q', '-m', message], work)
  git(['push', '-q', 'origin', branch], work)
  git(['fetch', '-q', 'origin'], work)
  return git(['rev-parse', 'HEAD'], work)
}

const DOCKERFILE = 'FROM icat-test/busybox:latest\nCOPY hello.txt /hello.txt\nCMD ["cat", "/hello.txt"]\n'

async function newImage(): Promise<{ id: string; name: string }> {
  const { createImage } = await world.ok(GitCreateImage, { input: { name: `git/app${++sequence}` } })
  expect(createImage.userErrors).toEqual([])
  engineRefs.push(...['latest', 'stable', 'staging'].map((tag) => `${createImage.image!.name}:${tag}`))
  return createImage.image!
}

async function setSource(imageId: string, extra: Record<string, unknown> = {}) {
  const { setBuildSource } = await world.ok(GitSetSource, {
    input: {
      imageId,
      repositoryUrl,
      buildSettings: [
        { branch: 'main', tag: 'latest' },
        { branch: 'main', tag: 'stable', dockerfilePath: '/Dockerfile' },
        { branch: 'staging', tag: 'staging', autobuild: true },
      ],
      ...extra,
    },
  })
  expect(setBuildSource.userErrors).toEqual([])
  return setBuildSource
}

async function settled(buildId: string) {
  const deadline = Date.now() + 90_000
  for (;;) {
    const { build } = await world.ok(GitBuild, { id: buildId })
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(build!.state)) return build!
    if (Date.now() > deadline) throw new Error(`build ${buildId} did not finish`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

function hook(name: string, body: string, headers: Record<string, string>) {
  return world.app.yoga.fetch(`http://localhost/hooks/git/${name}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
}
const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

/** A webhook answer for an event that needs a clone: 202 at once, the builds left to the clone job. */
async function queuedAnswer(response: Response): Promise<number> {
  expect(response.status).toBe(202)
  const answer = (await response.json()) as { queued?: boolean; delivery?: number; builds?: unknown }
  expect(answer).toEqual({ queued: true, delivery: expect.any(Number) })
  return answer.delivery!
}

/** The delivery once its clone job is done with it: DONE with the builds it queued, or FAILED with why. */
async function settledDelivery(imageName: string, deliveryId: string) {
  const read = () => world.app.services.buildSources.delivery(imageName, deliveryId)
  await expect.poll(async () => (await read())?.state, { timeout: 60_000, interval: 50 }).toMatch(/^(DONE|FAILED)$/)
  return (await read())!
}

interface GitOverHttp {
  port: number
  /** The Authorization header of every request, in order. */
  seen: string[]
  /** Requests that arrived, served or not. */
  arrivals(): number
  /** Holds every request from now on until the returned function is called. */
  hold(): () => void
  close(): Promise<void>
}

/**
 * git's own smart HTTP server (git http-backend, as CGI) for the repositories in `dir`, on
 * loopback; behind basic auth as user ci when given a password.
 */
async function serveGitOverHttp(options: { password?: string } = {}): Promise<GitOverHttp> {
  const expected = options.password === undefined ? null : `Basic ${Buffer.from(`ci:${options.password}`).toString('base64')}`
  const seen: string[] = []
  let arrivals = 0
  let gate: Promise<void> = Promise.resolve()
  const server = createServer(async (req, res) => {
    arrivals++
    seen.push(req.headers.authorization ?? '')
    await gate
    if (expected !== null && req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end()
    const url = new URL(req.url!, 'http://127.0.0.1')
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: dir,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method!,
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: 'ci',
        REMOTE_ADDR: '127.0.0.1',
      },
    })
    req.pipe(cgi.stdin)
    let head: Buffer | null = Buffer.alloc(0)
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (head === null) return void res.write(chunk)
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end < 0) return
      const headers: Record<string, string> = {}
      let status = 200
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const colon = line.indexOf(':')
        const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()]
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10)
        else headers[name] = value
      }
      res.writeHead(status, headers)
      res.write(head.subarray(end + 4))
      head = null
    })
    cgi.stdout.on('end', () => res.end())
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    port,
    seen,
    arrivals: () => arrivals,
    hold() {
      let release!: () => void
      gate = new Promise<void>((resolve) => (release = resolve))
      return release
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  dir = await mkdtemp(path.join(tmpdir(), 'icat-git-test-'))
  git(['init', '-q', '--bare', '-b', 'main', path.join(dir, 'repo.git')], dir)
  repositoryUrl = `file://${path.join(dir, 'repo.git')}`
  git(['clone', '-q', repositoryUrl, 'work'], dir)
  const work = path.join(dir, 'work')
  await writeFile(path.join(work, 'Dockerfile'), DOCKERFILE)
  await writeFile(path.join(work, 'hello.txt'), 'hello from main\n')
  git(['add', '-A'], work)
  git(['commit', '-q', '-m', 'First commit'], work)
  git(['push', '-q', 'origin', 'main'], work)
  git(['push', '-q', 'origin', 'main:staging'], work)
  git(['fetch', '-q', 'origin'], work)
}, 60_000)

afterAll(async () => {
  await world?.dispose()
  for (const ref of engineRefs) await docker.getImage(ref).remove({ force: true }).catch(() => {})
  await rm(dir, { recursive: true, force: true })
})

describe('setBuildSource', () => {
  it('stores the source, shows the webhook secret once, and rotates it on request', async () => {
    const image = await newImage()
    const first = await setSource(image.id)
    expect(first.webhookSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(first.image!.buildSource).toEqual({
      repositoryUrl,
      autotests: 'OFF',
      testCommand: null,
      webhookPath: `/hooks/git/${image.name}`,
      buildSettings: [
        { branch: 'main', tag: 'latest', dockerfilePath: 'Dockerfile', autobuild: false },
        { branch: 'main', tag: 'stable', dockerfilePath: 'Dockerfile', autobuild: false },
        { branch: 'staging', tag: 'staging', dockerfilePath: 'Dockerfile', autobuild: true },
      ],
    })
    expect((await setSource(image.id)).webhookSecret).toBeNull()
    const rotated = (await setSource(image.id, { rotateSecret: true })).webhookSecret
    expect(rotated).toMatch(/^[0-9a-f]{64}$/)
    expect(rotated).not.toBe(first.webhookSecret)
    // Stored sealed, never as written.
    const row = await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })
    expect(row.secretCiphertext).not.toContain(rotated)

    const { removeBuildSource } = await world.ok(GitRemoveSource, { input: { imageId: image.id } })
    expect(removeBuildSource).toEqual({ image: { buildSource: null }, userErrors: [] })
    expect((await world.ok(GitRemoveSource, { input: { imageId: image.id } })).removeBuildSource.userErrors).toEqual([{ field: ['input', 'imageId'], code: 'NOT_FOUND' }])
  })

  it('is shown to the image\'s owner and administrators only, with any password in its URL masked', async () => {
    const image = await newImage()
    await setSource(image.id, { repositoryUrl: 'https://ci:s3cret@git.example.test/app.git' })
    expect((await world.ok(GitSourceOf, { id: image.id })).node).toEqual({ buildSource: { repositoryUrl: 'https://ci:***@git.example.test/app.git' } })
    const member = await world.createUser(`git-owner${++sequence}`)
    const { createImage } = await world.ok(GitCreateImage, { input: { name: `git-owner${sequence}/owned` } }, { token: member.token })
    await world.ok(GitSetSource, { input: { imageId: createImage.image!.id, repositoryUrl: 'https://example.test/r.git', buildSettings: [] } }, { token: member.token })
    expect((await world.ok(GitSourceOf, { id: createImage.image!.id }, { token: member.token })).node).toEqual({ buildSource: { repositoryUrl: 'https://example.test/r.git' } })
    const reader = await world.createUser(`git-other${++sequence}`)
    expect((await world.ok(GitSourceOf, { id: image.id }, { token: reader.token })).node).toEqual({ buildSource: null })
    expect((await world.ok(GitSourceOf, { id: image.id }, { token: null })).node).toEqual({ buildSource: null })
  })

  it('refuses bad settings, file:// for members, and other people\'s images, writing nothing', async () => {
    const image = await newImage()
    const errors = async (input: Record<string, unknown>, token?: string) =>
      (await world.ok(GitSetSource, { input: { imageId: image.id, repositoryUrl, buildSettings: [{ branch: 'main', tag: 'latest' }], ...input } }, token ? { token } : {}))
        .setBuildSource.userErrors
    expect(await errors({ repositoryUrl: 'ftp://example.test/repo.git' })).toMatchObject([{ field: ['input', 'repositoryUrl'], code: 'INVALID' }])
    expect(await errors({ buildSettings: [{ branch: '--upload-pack=evil', tag: 'latest' }] })).toMatchObject([{ field: ['input', 'buildSettings', '0', 'branch'], code: 'INVALID' }])
    expect(await errors({ buildSettings: [{ branch: 'main', tag: 'bad tag' }] })).toMatchObject([{ field: ['input', 'buildSettings', '0', 'tag'], code: 'INVALID' }])
    expect(await errors({ buildSettings: [{ branch: 'main', tag: 'x' }, { branch: 'dev', tag: 'x' }] })).toMatchObject([{ field: ['input', 'buildSettings', '1', 'tag'], code: 'INVALID' }])
    expect(await world.app.db.buildSource.count({ where: { imageId: dbId(image.id) } })).toBe(0)

    const member = await world.createUser(`git-member${++sequence}`)
    const { createImage } = await world.ok(GitCreateImage, { input: { name: `git-member${sequence}/members` } }, { token: member.token })
    const own = await world.ok(GitSetSource, { input: { imageId: createImage.image!.id, repositoryUrl, buildSettings: [] } }, { token: member.token })
    expect(own.setBuildSource.userErrors).toMatchObject([{ field: ['input', 'repositoryUrl'], code: 'INVALID', message: expect.stringContaining('administrators') }])
    const foreign = await world.run(GitSetSource, { input: { imageId: image.id, repositoryUrl: 'https://example.test/r.git', buildSettings: [] } }, { token: member.token })
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})

describe('a password in the repository URL', () => {
  const PASSWORD = 'p@rt:do-not-leak'
  const box = () => new SecretBox(loadSecretKey(undefined, world.dataDir))

  it('is split off with the WHATWG parser, stored sealed, shown as ***, and kept when *** is given back', async () => {
    const image = await newImage()
    // Written as people write it, an "@" in the password and all; the parser reads up to the last "@".
    const { setBuildSource } = await world.ok(GitSetSource, {
      input: { imageId: image.id, repositoryUrl: `https://ci:${PASSWORD}@git.example.test/app.git`, buildSettings: [{ branch: 'main', tag: 'latest' }] },
    })
    expect(setBuildSource.userErrors).toEqual([])
    expect(setBuildSource.image!.buildSource!.repositoryUrl).toBe('https://ci:***@git.example.test/app.git')
    expect(JSON.stringify(setBuildSource)).not.toMatch(/do-not-leak|rt:do/)
    const row = await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })
    expect(row.repositoryUrl).toBe('https://ci@git.example.test/app.git')
    expect(row.repositoryPasswordCiphertext).not.toContain('leak')
    expect(box().open(row.repositoryPasswordCiphertext!)).toBe(PASSWORD)

    // Percent-encoded, it is the same password.
    await setSource(image.id, { repositoryUrl: `https://ci:${encodeURIComponent(PASSWORD)}@git.example.test/app.git` })
    const encoded = await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })
    expect(box().open(encoded.repositoryPasswordCiphertext!)).toBe(PASSWORD)
    // The URL as shown, given back with other settings, keeps the stored password.
    await setSource(image.id, { repositoryUrl: 'https://ci:***@git.example.test/app.git', autotests: 'SOURCE_ONLY' })
    const kept = await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })
    expect(box().open(kept.repositoryPasswordCiphertext!)).toBe(PASSWORD)
    // *** for another URL is a password like any other; a URL without one forgets it.
    await setSource(image.id, { repositoryUrl: 'https://ci:***@elsewhere.example.test/app.git' })
    expect(box().open((await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })).repositoryPasswordCiphertext!)).toBe('***')
    await setSource(image.id, { repositoryUrl: 'https://ci@git.example.test/app.git' })
    const forgotten = await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })
    expect(forgotten).toMatchObject({ repositoryUrl: 'https://ci@git.example.test/app.git', repositoryPasswordCiphertext: null })
    expect((await world.ok(GitSourceOf, { id: image.id })).node).toEqual({ buildSource: { repositoryUrl: 'https://ci@git.example.test/app.git' } })
    // With no password stored to keep, *** is the password given.
    await setSource(image.id, { repositoryUrl: 'https://ci:***@git.example.test/app.git' })
    expect(box().open((await world.app.db.buildSource.findUniqueOrThrow({ where: { imageId: dbId(image.id) } })).repositoryPasswordCiphertext!)).toBe('***')
  })

  it('refuses a URL the parser cannot read without echoing it', async () => {
    const image = await newImage()
    const { setBuildSource } = await world.ok(GitSetSource, { input: { imageId: image.id, repositoryUrl: 'https://ci:a/b-do-not-leak@git.example.test/app.git', buildSettings: [] } })
    expect(setBuildSource.userErrors).toMatchObject([{ field: ['input', 'repositoryUrl'], code: 'INVALID' }])
    expect(JSON.stringify(setBuildSource)).not.toContain('do-not-leak')
  })

  it("never reaches triggerBuild's error, the webhook's answer or git's stderr for an unreachable host", async () => {
    const image = await newImage()
    const { webhookSecret } = await setSource(image.id, {
      repositoryUrl: `https://ci:${PASSWORD}@127.0.0.1:1/app.git`,
      buildSettings: [{ branch: 'main', tag: 'latest', autobuild: true }],
    })
    const { triggerBuild } = await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'main' } })
    expect(triggerBuild.userErrors).toMatchObject([
      { field: ['repositoryUrl'], code: 'INVALID', message: expect.stringContaining('git could not read https://ci:***@127.0.0.1:1/app.git: ') },
    ])
    // git's own line (its stderr) is in the message, and the password is not.
    expect(triggerBuild.userErrors[0]!.message).toMatch(/127\.0\.0\.1/)
    expect(JSON.stringify(triggerBuild)).not.toMatch(/do-not-leak|rt:do/)
    const body = JSON.stringify({ ref: 'refs/heads/main' })
    const deliveryId = `leak-${sequence}`
    const response = await hook(image.name, body, { 'x-github-event': 'push', 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(webhookSecret!, body) })
    await queuedAnswer(response)
    // The clone fails in the job; its error is what the webhook's sender would have read.
    const delivery = await settledDelivery(image.name, deliveryId)
    expect(delivery).toEqual({ state: 'FAILED', error: expect.stringContaining('https://ci:***@127.0.0.1:1/app.git'), builds: [] })
    expect(delivery.error).not.toMatch(/do-not-leak|rt:do/)
    const row = await world.app.db.hookDelivery.findFirstOrThrow({ where: { deliveryId } })
    expect(JSON.stringify(row)).not.toMatch(/do-not-leak|rt:do/)
  })

  describe('over HTTP with basic auth', () => {
    let served: GitOverHttp
    let port: number
    let seen: string[]

    beforeAll(async () => {
      served = await serveGitOverHttp({ password: PASSWORD })
      ;({ port, seen } = served)
    })
    afterAll(() => served?.close())

    it('is handed to git apart from the URL: the clone works and the server got it', async () => {
      const image = await newImage()
      await setSource(image.id, { repositoryUrl: `http://ci:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/repo.git` })
      seen.length = 0
      const head = git(['rev-parse', 'origin/main'], path.join(dir, 'work'))
      const { triggerBuild } = await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'main' } })
      expect(triggerBuild.userErrors).toEqual([])
      expect(triggerBuild.builds!.map((b) => b.commitSha)).toEqual([head, head])
      expect(seen).toContain(`Basic ${Buffer.from(`ci:${PASSWORD}`).toString('base64')}`)
      for (const build of triggerBuild.builds!) expect(await settled(build.id)).toMatchObject({ state: 'SUCCEEDED' })
    })

    it('a wrong password is refused by the server, and the message does not hold it', async () => {
      const image = await newImage()
      await setSource(image.id, { repositoryUrl: `http://ci:wrong@rt-do-not-leak@127.0.0.1:${port}/repo.git` })
      const { triggerBuild } = await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'main' } })
      expect(triggerBuild.userErrors).toMatchObject([{ field: ['repositoryUrl'], code: 'INVALID', message: expect.stringContaining(`http://ci:***@127.0.0.1:${port}/repo.git`) }])
      expect(JSON.stringify(triggerBuild)).not.toMatch(/do-not-leak|wrong@/)
      expect(seen.some((header) => header === `Basic ${Buffer.from('ci:wrong@rt-do-not-leak').toString('base64')}`)).toBe(true)
    })
  })
})

describe('triggerBuild', () => {
  it("builds every setting of the branch from its head, recording the commit", async () => {
    const image = await newImage()
    await setSource(image.id)
    const sha = await commit('main', 'Say hello again\n\nwith a body', { 'hello.txt': 'hello again\n' })
    const { triggerBuild } = await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'main' } })
    expect(triggerBuild.userErrors).toEqual([])
    expect(triggerBuild.builds!.map((b) => [b.targetTag, b.branch, b.commitSha, b.trigger])).toEqual([
      ['latest', 'main', sha, 'MANUAL'],
      ['stable', 'main', sha, 'MANUAL'],
    ])
    expect(triggerBuild.builds![0]!.commitMessage).toBe('Say hello again\n\nwith a body')
    for (const build of triggerBuild.builds!) {
      const done = await settled(build.id)
      expect(done).toMatchObject({ state: 'SUCCEEDED', testsPassed: null, commitSha: sha })
      expect(done.logLines.nodes[0]!.text).toBe(`Building ${image.name}:${build.targetTag} from main at ${sha.slice(0, 12)}`)
    }
    const { node } = await world.ok(GitTags, { id: image.id })
    expect((node as { tags: { nodes: { name: string }[] } }).tags.nodes.map((t) => t.name).sort()).toEqual(['latest', 'stable'])
    // The built image holds the commit's file.
    const info = await docker.getImage(`${image.name}:latest`).inspect()
    expect(info.Config.Cmd).toEqual(['cat', '/hello.txt'])
  })

  it('says which branch or source is missing, and refuses a protected tag', async () => {
    const image = await newImage()
    const errors = async (branch: string) => (await world.ok(GitTrigger, { input: { imageId: image.id, branch } })).triggerBuild.userErrors
    expect(await errors('main')).toMatchObject([{ field: ['input', 'imageId'], code: 'NOT_FOUND' }])
    await world.ok(GitSetSource, { input: { imageId: image.id, repositoryUrl, buildSettings: [{ branch: 'ghost', tag: 'ghost' }, { branch: 'main', tag: 'latest' }] } })
    expect(await errors('nope')).toMatchObject([{ field: ['input', 'branch'], code: 'NOT_FOUND' }])
    expect(await errors('ghost')).toMatchObject([{ field: ['input', 'branch'], code: 'NOT_FOUND', message: expect.stringContaining('has no branch ghost') }])
    const broken = await newImage()
    await world.ok(GitSetSource, { input: { imageId: broken.id, repositoryUrl: `file://${dir}/missing.git`, buildSettings: [{ branch: 'main', tag: 'latest' }] } })
    expect((await world.ok(GitTrigger, { input: { imageId: broken.id, branch: 'main' } })).triggerBuild.userErrors).toMatchObject([
      { field: ['repositoryUrl'], code: 'INVALID', message: expect.stringContaining('git could not read') },
    ])
    // A password in the repository URL never reaches the message.
    const secretive = await newImage()
    await world.ok(GitSetSource, { input: { imageId: secretive.id, repositoryUrl: 'http://ci:s3cret@127.0.0.1:1/app.git', buildSettings: [{ branch: 'main', tag: 'latest' }] } })
    const [unreachable] = (await world.ok(GitTrigger, { input: { imageId: secretive.id, branch: 'main' } })).triggerBuild.userErrors
    expect(unreachable).toMatchObject({ field: ['repositoryUrl'], code: 'INVALID', message: expect.stringContaining('http://ci:***@127.0.0.1:1/app.git') })
    expect(unreachable!.message).not.toContain('s3cret')
    // A protected tag is not rebuilt.
    const [first] = (await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'main' } })).triggerBuild.builds!
    await settled(first!.id)
    expect((await world.ok(GitProtect, { input: { imageId: image.id, tag: 'latest' } })).protectTag.tag).toEqual({ protected: true })
    const before = await world.app.db.build.count()
    expect(await errors('main')).toMatchObject([{ code: 'PROTECTED' }])
    expect(await world.app.db.build.count()).toBe(before)
    // The checked-out context that was not queued is closed (closing takes a turn of the
    // event loop), not left open until it is garbage-collected.
    await expect.poll(() => openFilesMatching(/build-context-/)).toEqual([])
  })
})

describe('the webhook', () => {
  const pushEvent = (branch: string) => JSON.stringify({ ref: `refs/heads/${branch}`, after: 'x', repository: { full_name: 'ci/app' } })

  it('builds the autobuild settings of the pushed branch, once per delivery', async () => {
    const image = await newImage()
    const { webhookSecret } = await setSource(image.id)
    const sha = await commit('staging', 'Staging change', { 'hello.txt': 'hello from staging\n' })
    const body = pushEvent('staging')
    const deliveryId = `delivery-${sequence}`
    const headers = { 'x-github-event': 'push', 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(webhookSecret!, body) }
    const first = await hook(image.name, body, headers)
    await queuedAnswer(first)
    const delivery = await settledDelivery(image.name, deliveryId)
    expect(delivery).toMatchObject({ state: 'DONE', error: null })
    const { builds } = delivery
    expect(builds).toHaveLength(1)
    // The event is not kept once acted on.
    expect(await world.app.db.hookDelivery.findFirstOrThrow({ where: { deliveryId } })).toMatchObject({ payload: null, buildIds: builds })
    const done = await settled(gid('Build', builds[0]!))
    expect(done).toMatchObject({ state: 'SUCCEEDED', trigger: 'WEBHOOK', commitSha: sha })

    // The same delivery again: acknowledged, nothing built.
    const count = await world.app.db.build.count()
    const replay = await hook(image.name, body, headers)
    expect(replay.status).toBe(200)
    expect(await replay.json()).toEqual({ duplicate: true, builds: [] })
    // A push to a branch without autobuild builds nothing either.
    const main = pushEvent('main')
    const quiet = await hook(image.name, main, { ...headers, 'x-github-delivery': `other-${sequence}`, 'x-hub-signature-256': sign(webhookSecret!, main) })
    expect(quiet.status).toBe(202)
    expect(await quiet.json()).toEqual({ builds: [], ignored: 'no autobuild setting builds main' })
    expect(await world.app.db.build.count()).toBe(count)

    // The owner sees the delivery and what it built.
    const { image: shown } = await world.ok(GitDeliveries, { id: image.id })
    expect(shown!.buildSource!.deliveries).toEqual([
      { deliveryId, event: 'push', state: 'DONE', attempt: 1, error: null, builds: [{ id: gid('Build', builds[0]!), targetTag: 'staging' }] },
    ])
    const tooMany = await world.run(GitDeliveries, { id: image.id, first: 101 })
    expect(tooMany.errors?.[0]).toMatchObject({ message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT' } })
  })

  it('fails a delivery whose build could not start, and queues it again when it is delivered again', async () => {
    const image = await newImage()
    const { setBuildSource } = await world.ok(GitSetSource, {
      input: { imageId: image.id, repositoryUrl, buildSettings: [{ branch: 'ghost', tag: 'ghost', autobuild: true }] },
    })
    const body = pushEvent('ghost')
    const deliveryId = `ghost-${sequence}`
    const headers = { 'x-github-event': 'push', 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(setBuildSource.webhookSecret!, body) }
    const count = await world.app.db.build.count()
    const rows: number[] = []
    for (let attempt = 1; attempt <= 2; attempt++) {
      rows.push(await queuedAnswer(await hook(image.name, body, headers)))
      expect(await settledDelivery(image.name, deliveryId)).toEqual({ state: 'FAILED', error: expect.stringContaining('has no branch ghost'), builds: [] })
      expect(await world.app.db.hookDelivery.findFirstOrThrow({ where: { deliveryId } })).toMatchObject({ attempt })
    }
    // The same delivery, tried again: one row, and nothing built.
    expect(rows[1]).toBe(rows[0])
    expect(await world.app.db.hookDelivery.count({ where: { deliveryId } })).toBe(1)
    expect(await world.app.db.build.count()).toBe(count)
    const { image: shown } = await world.ok(GitDeliveries, { id: image.id, first: 5 })
    expect(shown!.buildSource!.deliveries).toEqual([
      { deliveryId, event: 'push', state: 'FAILED', attempt: 2, error: expect.stringContaining('has no branch ghost'), builds: [] },
    ])
  })

  it('answers before the clone is done, and the clone job queues the builds', async () => {
    // The repository over HTTP, held by the server: the clone cannot finish until it is let go.
    const served = await serveGitOverHttp()
    try {
      const image = await newImage()
      const { webhookSecret } = await setSource(image.id, { repositoryUrl: `http://127.0.0.1:${served.port}/repo.git` })
      const sha = git(['rev-parse', 'origin/staging'], path.join(dir, 'work'))
      const body = pushEvent('staging')
      const deliveryId = `slow-${sequence}`
      const headers = { 'x-github-event': 'push', 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(webhookSecret!, body) }
      const release = served.hold()
      try {
        const row = await queuedAnswer(await hook(image.name, body, headers))
        expect(await world.app.db.hookDelivery.findUniqueOrThrow({ where: { id: row } })).toMatchObject({ deliveryId, state: expect.stringMatching(/^(QUEUED|RUNNING)$/) })
        // The clone job has reached the repository and waits for it.
        await expect.poll(() => served.arrivals(), { timeout: 30_000 }).toBeGreaterThan(0)
        expect(await world.app.services.buildSources.delivery(image.name, deliveryId)).toEqual({ state: 'RUNNING', error: null, builds: [] })
        // Delivered again meanwhile: already in hand.
        const replay = await hook(image.name, body, headers)
        expect(replay.status).toBe(200)
        expect(await replay.json()).toEqual({ duplicate: true, builds: [] })
        expect(await world.app.db.build.count({ where: { imageId: dbId(image.id) } })).toBe(0)
      } finally {
        release()
      }
      const delivery = await settledDelivery(image.name, deliveryId)
      expect(delivery).toMatchObject({ state: 'DONE', error: null, builds: [expect.any(Number)] })
      const done = await settled(gid('Build', delivery.builds[0]!))
      expect(done).toMatchObject({ state: 'SUCCEEDED', trigger: 'WEBHOOK', commitSha: sha, targetTag: 'staging' })
    } finally {
      await served.close()
    }
  })

  it('answers 401 to a bad or missing signature and to an image without a source, and builds nothing', async () => {
    const image = await newImage()
    const { webhookSecret } = await setSource(image.id)
    const body = pushEvent('staging')
    const count = await world.app.db.build.count()
    const cases: [string, Record<string, string>][] = [
      [image.name, { 'x-github-delivery': 'a', 'x-hub-signature-256': sign('not-the-secret', body) }],
      [image.name, { 'x-github-delivery': 'b' }],
      [image.name, { 'x-github-delivery': 'c', 'x-hub-signature-256': sign(webhookSecret!, `${body} `) }],
      ['git/no-such-image', { 'x-github-delivery': 'd', 'x-hub-signature-256': sign(webhookSecret!, body) }],
    ]
    for (const [name, headers] of cases) {
      const response = await hook(name, body, { 'x-github-event': 'push', ...headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: expect.stringContaining('signature') })
    }
    expect(await world.app.db.build.count()).toBe(count)
    expect(await world.app.db.hookDelivery.count({ where: { deliveryId: { in: ['a', 'b', 'c', 'd'] } } })).toBe(0)
    const ping = JSON.stringify({ zen: 'hi' })
    expect((await hook(image.name, ping, { 'x-github-event': 'ping', 'x-hub-signature-256': sign(webhookSecret!, ping) })).status).toBe(200)
    const get = await world.app.yoga.fetch(`http://localhost/hooks/git/${image.name}`)
    expect(get.status).toBe(405)
    // Too large to be an event, whatever its content type claims; refused before it is read.
    const huge = 'x'.repeat(2 * 1024 * 1024)
    for (const type of ['application/json', 'multipart/form-data; boundary=x']) {
      const response = await hook(image.name, huge, { 'content-type': type, 'content-length': String(huge.length), 'x-github-event': 'push' })
      expect(response.status).toBe(413)
    }
  })
})

describe('autotests', () => {
  it('runs the test command in the built image and moves the tag only when it passes', async () => {
    const image = await newImage()
    await setSource(image.id, { autotests: 'SOURCE_ONLY', testCommand: 'echo checking; grep -q hello /hello.txt' })
    const [build] = (await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'staging' } })).triggerBuild.builds!
    const done = await settled(build!.id)
    expect(done).toMatchObject({ state: 'SUCCEEDED', testsPassed: true })
    const lines = done.logLines.nodes
    expect(lines).toContainEqual({ stream: 'system', text: "Testing with the build source's test command" })
    expect(lines).toContainEqual({ stream: 'test', text: 'checking' })
    expect(lines).toContainEqual({ stream: 'system', text: 'Autotest passed' })
    expect(await docker.getImage(`${image.name}:staging`).inspect().then(() => true)).toBe(true)
    expect(await docker.getImage(`${image.name}:icat-build-${dbId(build!.id)}-1`).inspect().then(() => true, () => false)).toBe(false)
  })

  it("fails the build on a failing sut service and leaves the tag where it was", async () => {
    const image = await newImage()
    await setSource(image.id, { autotests: 'SOURCE_ONLY' })
    const [good] = (await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'staging' } })).triggerBuild.builds!
    expect(await settled(good!.id)).toMatchObject({ state: 'SUCCEEDED', testsPassed: null })
    const tagBefore = await world.app.db.tag.findUniqueOrThrow({ where: { imageId_name: { imageId: dbId(image.id), name: 'staging' } } })

    await commit('staging', 'Break the tests', {
      'hello.txt': 'broken\n',
      'docker-compose.test.yml': 'services:\n  sut:\n    build: .\n    command: echo failing test && cat /hello.txt && exit 3\n',
    })
    const [bad] = (await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'staging' } })).triggerBuild.builds!
    const done = await settled(bad!.id)
    expect(done).toMatchObject({ state: 'FAILED', testsPassed: false, errorMessage: expect.stringContaining('exit code 3') })
    expect(done.logLines.nodes).toContainEqual({ stream: 'system', text: 'Testing with docker-compose.test.yml, service sut' })
    expect(done.logLines.nodes).toContainEqual({ stream: 'test', text: 'failing test' })
    expect(done.logLines.nodes).toContainEqual({ stream: 'test', text: 'broken' })
    const tagAfter = await world.app.db.tag.findUniqueOrThrow({ where: { imageId_name: { imageId: dbId(image.id), name: 'staging' } } })
    expect(tagAfter).toMatchObject({ engineImageId: tagBefore.engineImageId, digest: tagBefore.digest, buildId: tagBefore.buildId })
    expect((await docker.getImage(`${image.name}:staging`).inspect()).Id).toBe(tagBefore.engineImageId)

    // A sut that needs other services is refused before anything is queued.
    await commit('staging', 'Needs a database', { 'docker-compose.test.yml': 'services:\n  sut:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres\n' })
    const refused = await world.ok(GitTrigger, { input: { imageId: image.id, branch: 'staging' } })
    expect(refused.triggerBuild.userErrors).toMatchObject([{ field: ['docker-compose.test.yml'], code: 'INVALID', message: expect.stringContaining('depends on other services') }])
  })
})

describe('pull requests', () => {
  /** A fork: another bare repository with a feature branch off main. */
  async function fork(name: string, hello: string): Promise<{ url: string; sha: string }> {
    const bare = path.join(dir, `${name}.git`)
    git(['clone', '-q', '--bare', repositoryUrl, bare], dir)
    const work = path.join(dir, `${name}-work`)
    git(['clone', '-q', `file://${bare}`, work], dir)
    git(['checkout', '-q', '-b', 'feature'], work)
    await writeFile(path.join(work, 'hello.txt'), hello)
    git(['commit', '-q', '-am', 'Feature'], work)
    git(['push', '-q', 'origin', 'feature'], work)
    return { url: `file://${bare}`, sha: git(['rev-parse', 'HEAD'], work) }
  }
  const event = (url: string, headRepo: string, number: number) =>
    JSON.stringify({
      action: 'opened',
      number,
      pull_request: { number, head: { ref: 'feature', repo: { clone_url: url, full_name: headRepo } }, base: { ref: 'main', repo: { full_name: 'ci/app' } } },
    })

  it("tests a fork's pull request with SOURCE_AND_FORKS, and moves no tag", async () => {
    const image = await newImage()
    const { webhookSecret } = await setSource(image.id, { autotests: 'SOURCE_AND_FORKS', testCommand: 'grep -q feature /hello.txt' })
    const { url, sha } = await fork(`fork${sequence}`, 'feature\n')
    const body = event(url, 'someone/app', 7)
    const deliveryId = `pr-${sequence}`
    const response = await hook(image.name, body, { 'x-github-event': 'pull_request', 'x-github-delivery': deliveryId, 'x-hub-signature-256': sign(webhookSecret!, body) })
    await queuedAnswer(response)
    const delivery = await settledDelivery(image.name, deliveryId)
    expect(delivery).toMatchObject({ state: 'DONE', error: null })
    const { builds } = delivery
    expect(builds).toHaveLength(2) // main builds latest and stable
    for (const id of builds) {
      const done = await settled(gid('Build', id))
      expect(done, JSON.stringify(done.logLines.nodes.slice(-5))).toMatchObject({ state: 'SUCCEEDED', testsPassed: true, commitSha: sha, pullRequest: '#7 from someone/app:feature' })
      expect(done.logLines.nodes[0]!.text).toContain('no tag moves')
    }
    expect(await world.app.db.tag.count({ where: { imageId: dbId(image.id) } })).toBe(0)
    const state = await world.ok(GitImageState, { id: image.id })
    expect(state.node).toEqual({ state: 'EMPTY' })
  })

  it('leaves forks alone with SOURCE_ONLY, and everything with autotests OFF', async () => {
    const image = await newImage()
    const { webhookSecret } = await setSource(image.id, { autotests: 'SOURCE_ONLY', testCommand: 'true' })
    const { url } = await fork(`fork${sequence}`, 'feature\n')
    const send = async (body: string, delivery: string) =>
      hook(image.name, body, { 'x-github-event': 'pull_request', 'x-github-delivery': delivery, 'x-hub-signature-256': sign(webhookSecret!, body) })
    const fromFork = await send(event(url, 'someone/app', 8), `fork-${sequence}`)
    expect(await fromFork.json()).toEqual({ builds: [], ignored: expect.stringContaining('forks are not tested') })
    // The same repository's own branch is tested under SOURCE_ONLY.
    const own = await send(event(url, 'ci/app', 9), `own-${sequence}`)
    await queuedAnswer(own)
    expect((await settledDelivery(image.name, `own-${sequence}`)).builds).toHaveLength(2)
    await setSource(image.id, { autotests: 'OFF' })
    const off = await send(event(url, 'ci/app', 10), `off-${sequence}`)
    expect(await off.json()).toEqual({ builds: [], ignored: 'autotests are off' })
  })
})
