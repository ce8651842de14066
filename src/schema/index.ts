// Importing each domain file registers its types on the builder; order does not matter.
import { builder } from './builder.js'
import './scalars.js'
import './payloads.js'
import './user.js'
import './registry.js'
import './category.js'
import './image.js'
import './tag.js'
import './version.js'
import './build.js'
import './docker.js'
import './local-image.js'
import './pull.js'
import './remote.js'
import './push.js'

export const schema = builder.toSchema({ sortSchema: true })
