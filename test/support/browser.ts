// Headless Chromium from Debian's package, driven by playwright-core (which cannot
// download a browser of its own here).
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { aptInstall } from './apt.js'

const CHROMIUM = '/usr/bin/chromium'

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) aptInstall(['chromium'], 'The browser test')
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}
