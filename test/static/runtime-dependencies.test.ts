// Dependencies say what runs: every package the service's own code imports (as dist/ is built
// from it) or requires by name at run time is in `dependencies`, so that `npm ci --omit=dev`
// installs it. test/engine/dockerfile.test.ts runs such an install.
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return null
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/** What src/ imports, statically or dynamically, as the bundle for dist/ resolves it. */
async function importedBySources(): Promise<Set<string>> {
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: ['src/server.ts'],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const packages = new Set<string>()
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    if (!input.startsWith('src/')) continue
    for (const { path: specifier, external } of imports) {
      const name = external ? packageOf(specifier) : null
      if (name) packages.add(name)
    }
  }
  return packages
}

/** Packages src/ loads by name outside import statements: createRequire(...)('x') and require.resolve('x/...'). */
function requiredByName(): Set<string> {
  const packages = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'generated') walk(file)
      } else if (file.endsWith('.ts')) {
        for (const match of readFileSync(file, 'utf8').matchAll(/createRequire\(import\.meta\.url\)(?:\.resolve)?\('([^']+)'\)/g)) {
          packages.add(packageOf(match[1]!)!)
        }
      }
    }
  }
  walk(path.join(root, 'src'))
  return packages
}

describe('runtime dependencies', () => {
  it('lists every package the service loads in dependencies, none of them only in devDependencies', async () => {
    const needed = new Set([...(await importedBySources()), ...requiredByName()])
    // The test must see the packages it is about, or it proves nothing.
    expect([...needed]).toEqual(expect.arrayContaining(['@pothos/plugin-prisma', 'graphql-yoga', 'dockerode', '@graphql-yoga/graphiql', '@prisma/schema-engine-wasm']))
    const missing = [...needed].filter((name) => !(name in manifest.dependencies)).sort()
    expect(missing).toEqual([])
  })

  it('keeps the build and test tooling out of dependencies', () => {
    for (const tool of ['prisma', 'tsx', 'esbuild', 'typescript', 'vitest']) {
      expect(manifest.dependencies).not.toHaveProperty(tool)
      expect(manifest.devDependencies).toHaveProperty(tool)
    }
  })
})
