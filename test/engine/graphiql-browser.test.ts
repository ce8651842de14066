// A person's view: GraphiQL in headless Chromium runs a buildLogs subscription and the
// build's lines appear in the result pane, and a buildProgress subscription shows the steps'
// states change. The screenshots are kept in test/artifacts/.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { launchChromium } from '../support/browser.js'
import { openGate, waitAtGate } from '../support/build-gate.js'
import { createWorld, type World } from '../support/world.js'

const BrowserCreateImage = graphql(`
  mutation BrowserCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)
const BrowserBuild = graphql(`
  mutation BrowserBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { message } }
  }
`)

const artifacts = path.resolve(import.meta.dirname, '../artifacts')

describe('GraphiQL in a browser', () => {
  let world: World
  let browser: Browser
  let url: string
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost'), PORT: '0' })
    url = await world.app.start()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await world?.dispose()
  })

  it("shows a build's log lines as a buildLogs subscription streams them", async () => {
    const { createImage } = await world.ok(BrowserCreateImage, { input: { name: 'browser/demo' } })
    const { buildImage } = await world.ok(BrowserBuild, {
      input: {
        imageId: createImage.image!.id,
        dockerfile: `FROM icat-test/busybox:latest\nRUN echo browser-line-one && ${waitAtGate('browser')} && echo browser-line-two\n`,
      },
    })
    const query = `subscription { buildLogs(buildId: "${buildImage.build!.id}", fromLine: 0) { lineNo text } }`

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const failed: string[] = []
    page.on('requestfailed', (request) => failed.push(request.url()))
    await page.goto(`${url}?query=${encodeURIComponent(query)}`)
    await page.locator('.graphiql-execute-button').click()
    // GraphiQL shows the latest event of a subscription: the first line while the build
    // waits at its gate (replayed, if it came before the page subscribed), then the second,
    // which the build prints only once the page has shown the first.
    const response = page.locator('.graphiql-response')
    await expect.poll(() => response.innerText(), { timeout: 60_000, interval: 50 }).toContain('browser-line-one')
    expect(await response.innerText()).not.toContain('browser-line-two')
    await openGate(world.app.services.engine.docker, 'browser')
    await expect.poll(() => response.innerText(), { timeout: 60_000 }).toContain('browser-line-two')

    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: path.join(artifacts, 'graphiql-build-logs.png') })
    // Every asset came from this service: nothing was fetched from elsewhere, and nothing failed.
    expect(failed).toEqual([])
  })

  it("shows a BuildKit build's steps changing state as a buildProgress subscription streams them", async () => {
    const { createImage } = await world.ok(BrowserCreateImage, { input: { name: 'browser/steps' } })
    const { buildImage } = await world.ok(BrowserBuild, {
      input: {
        imageId: createImage.image!.id,
        dockerfile: `FROM icat-test/busybox:latest\nRUN echo first-step\nRUN ${waitAtGate('browser-steps')} && echo second-step\nRUN echo third-step\n`,
      },
    })
    const query = `subscription { buildProgress(buildId: "${buildImage.build!.id}", fromEvent: 0) { eventNo kind stepNumber stepName text } }`

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${url}?query=${encodeURIComponent(query)}`)
    await page.locator('.graphiql-execute-button').click()
    // GraphiQL shows the latest event: the second step RUNNING (STARTED) while it waits at its
    // gate, then, once it is let go, the end of the build. (Its editor shows spaces as no-break
    // spaces: the patterns match any space.)
    const response = page.locator('.graphiql-response')
    await expect.poll(() => response.innerText(), { timeout: 60_000, interval: 50 }).toMatch(/"kind":\s"STARTED"[\s\S]*"stepName":\s"\[3\/4\]\sRUN\suntil/)
    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: path.join(artifacts, 'graphiql-build-progress-running.png') })
    await openGate(world.app.services.engine.docker, 'browser-steps')
    // The last event: the engine's own line once the image is written.
    await expect.poll(() => response.innerText(), { timeout: 60_000 }).toMatch(/"kind":\s"LOG"[\s\S]*"text":\s"Successfully\stagged/)
    await page.screenshot({ path: path.join(artifacts, 'graphiql-build-progress-done.png') })
  })
})
