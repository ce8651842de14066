// The checked-in SDL and the generated typed documents must match the code.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { generate } from '@graphql-codegen/cli'
import { describe, expect, it } from 'vitest'
import codegenConfig from '../../codegen.js'
import { printedSchema, SCHEMA_FILE } from '../../src/schema/print.js'

const root = path.resolve(import.meta.dirname, '../..')

describe('checked-in schema artifacts', () => {
  it('schema/schema.graphql is what the code prints (run `npm run schema:print`)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema())
  })

  it('test/gql/ is what codegen generates (run `npm run codegen`)', async () => {
    const outputs = await generate({ ...codegenConfig, cwd: root, silent: true }, false)
    expect(outputs.length).toBeGreaterThan(0)
    for (const output of outputs) {
      expect(readFileSync(path.resolve(root, output.filename), 'utf8'), output.filename).toBe(output.content)
    }
  })
})
