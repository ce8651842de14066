// Debian packages the test command needs. As root it installs what is missing; otherwise
// it says exactly what to install.
import { execFileSync } from 'node:child_process'

let listsFresh = false

export function aptInstall(packages: string[], purpose: string): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${purpose} needs Debian's ${packages.join(', ')}. Install them: sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`)
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!listsFresh) {
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env })
    listsFresh = true
  }
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env })
}
