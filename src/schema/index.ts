// Importing each domain file registers its types on the builder; order does not matter.
import { builder } from './builder.js'
import './scalars.js'
import './payloads.js'
import './nodes.js'
import './user.js'
import './registry.js'
import './category.js'
import './organization.js'
import './image.js'
import './tag.js'
import './version.js'
import './build.js'
import './build-step.js'
import './docker.js'
import './local-image.js'
import './pull.js'
import './remote.js'
import './push.js'
import './build-source.js'
import './retention.js'
import './audit.js'

// Unsorted: sorting copies the whole schema at every start (a third of a second). The printed
// SDL in schema/ is sorted by src/schema/print.ts, and clients' tools sort what they show.
export const schema = builder.toSchema()
