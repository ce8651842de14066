// Live views of a build. Its log as a stream: the stored lines from `fromLine`, then live lines, then the end.
// Lines are stored before they are published, so any gap in what arrives live can be read
// back from the database: a late or reconnecting client misses nothing and sees nothing twice.
import type { Viewer } from '../auth/viewer.js'
import type { Db } from '../db/client.js'
import type { EventBus, LogLineEvent } from '../events/bus.js'
import { BuildManager } from './builds.js'

export interface LogLine {
  lineNo: number
  stream: string
  text: string
  createdAt: Date
}

const PAGE = 500

export async function* followBuildLog(db: Db, bus: EventBus, buildId: number, fromLine: number): AsyncGenerator<LogLine> {
  const live = bus.subscribe(`build/${buildId}/log`)
  let next = fromLine
  async function* stored(): AsyncGenerator<LogLine> {
    for (;;) {
      const rows = await db.buildLogLine.findMany({
        where: { buildId, lineNo: { gte: next } },
        orderBy: { lineNo: 'asc' },
        take: PAGE,
        select: { lineNo: true, stream: true, text: true, createdAt: true },
      })
      for (const row of rows) {
        next = row.lineNo + 1
        yield row
      }
      if (rows.length < PAGE) return
    }
  }
  try {
    yield* stored()
    const build = await db.build.findUnique({ where: { id: buildId }, select: { state: true } })
    if (!build || BuildManager.isOver(build.state)) {
      yield* stored()
      return
    }
    for await (const event of live) {
      if ('end' in event) {
        yield* stored()
        return
      }
      if (event.line.lineNo < next) continue
      if (event.line.lineNo > next) yield* stored()
      else {
        next += 1
        yield fromEvent(event.line)
      }
    }
  } finally {
    live.close()
  }
}

const fromEvent = (line: LogLineEvent): LogLine => ({ ...line, createdAt: new Date(line.createdAt) })

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
