// Writes the SDL that the code-first schema produces to schema/schema.graphql.
// A test fails when the checked-in file differs, so the file always tells the truth.
import { writeFileSync } from 'node:fs'
import { printedSchema, SCHEMA_FILE } from '../src/schema/print.js'

writeFileSync(SCHEMA_FILE, printedSchema())
console.log(`wrote ${SCHEMA_FILE}`)
