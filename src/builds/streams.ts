// Live views of a build: its state as it changes (its log is followed in build-log.ts).
import type { Viewer } from '../auth/viewer.js'
import type { EventBus } from '../events/bus.js'
import { BuildManager } from './builds.js'

/**
 * The build's id now and after every change of state, until it is over. Subscribes before
 * reading, so a change between the two cannot be missed.
 */
export async function* followBuildState(builds: BuildManager, bus: EventBus, viewer: Viewer | null, buildId: number): AsyncGenerator<number> {
  const changes = bus.subscribe(`build/${buildId}`)
  try {
    let build = await builds.findVisible(viewer, buildId)
    while (build) {
      yield build.id
      if (BuildManager.isOver(build.state)) return
      const { done } = await changes.next()
      if (done) return
      build = await builds.findVisible(viewer, buildId)
    }
  } finally {
    changes.close()
  }
}
