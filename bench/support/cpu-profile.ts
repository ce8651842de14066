// Reads a V8 CPU profile (node --cpu-prof) and says where the busy time went: by package, and
// the functions with the most self time. Idle time (the event loop waiting) is left out.
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** The package a script belongs to, or a V8 pseudo-frame's name. */
function categoryOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection'
    if (functionName === '(program)') return 'V8 and native code (SQLite, JSON, crypto)'
    return functionName || '(native)'
  }
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (inModules) return inModules[1]!
  if (url.startsWith('node:')) return 'Node.js internals'
  if (url.includes('/src/')) return `image-catalog ${/\/src\/([^/]+)/.exec(url)?.[1] ?? ''}`.trim()
  return url
}

export function summariseProfile(file: string, top = 15): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const categories = new Map<string, number>()
  const functions = new Map<string, number>()
  let busy = 0
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame
    if (frame.functionName === '(idle)') continue
    busy += micros
    const category = categoryOf(frame)
    categories.set(category, (categories.get(category) ?? 0) + micros)
    const name = `${frame.functionName || '(anonymous)'} (${category}${frame.url ? `:${frame.lineNumber + 1}` : ''})`
    functions.set(name, (functions.get(name) ?? 0) + micros)
  }
  const share = (micros: number) => `${((100 * micros) / busy).toFixed(1).padStart(5)}%`
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1])
  return [
    `  busy ${(busy / 1000).toFixed(0)} ms of CPU, by package (self time):`,
    ...sorted(categories).slice(0, 14).map(([name, micros]) => `    ${share(micros)}  ${name}`),
    `  functions with the most self time:`,
    ...sorted(functions).slice(0, top).map(([name, micros]) => `    ${share(micros)}  ${name}`),
  ].join('\n')
}
