// Turns the engine's pull or push progress stream into per-layer states and one overall fraction.
import type { TransferProgressEvent } from '../events/bus.js'

export interface DockerProgressEvent {
  id?: string
  status?: string
  progressDetail?: { current?: number; total?: number }
  error?: string
  errorDetail?: { message?: string }
  /** A push ends with the registry's answer: the tag, the manifest digest and its size. */
  aux?: { Tag?: string; Digest?: string; Size?: number }
}

export interface LayerState {
  layer: string
  status: string
  current: number | null
  total: number | null
}

// Statuses that mean a layer's download, or all of its work, is done. A push has one step
// (upload), counted as both halves so pulls and pushes share one fraction.
const DOWNLOADED = new Set(['Verifying Checksum', 'Download complete', 'Extracting'])
const COMPLETE = new Set(['Pull complete', 'Pushed'])
const TRANSFERRING = new Set(['Downloading', 'Pushing'])

export class ProgressTracker {
  readonly layers = new Map<string, LayerState>()
  /** Per layer: its compressed size and how much of it was downloaded and extracted. */
  private readonly work = new Map<string, { size: number; downloaded: number; extracted: number }>()
  private best = 0
  /** The registry's manifest digest: a pull's "Digest:" line, a push's final aux record. */
  digest: string | null = null

  /**
   * Folds one engine event in and returns what to publish, or null for events that carry
   * nothing for a client (errors are reported as the pull's outcome instead).
   */
  apply(event: DockerProgressEvent): TransferProgressEvent | null {
    if (event.aux?.Digest) this.digest = event.aux.Digest
    if (!event.status) return null
    const digest = /^Digest: (\S+)$/.exec(event.status)?.[1] ?? /: digest: (sha256:[0-9a-f]{64}) size: \d+$/.exec(event.status)?.[1]
    if (digest) this.digest = digest
    // The engine tags its "Pulling from <repo>" line with the tag as id; only layer lines carry progressDetail.
    if (!event.id || event.progressDetail === undefined) {
      return { layer: null, status: event.status, current: null, total: null, fraction: this.fraction }
    }
    const current = atLeast(0, event.progressDetail.current)
    // The engine sends 0 or -1 when it does not know a size.
    const total = atLeast(1, event.progressDetail.total)
    const state: LayerState = { layer: event.id, status: event.status, current, total }
    this.layers.set(event.id, state)
    this.account(event.id, event.status, current, total)
    return { ...state, fraction: this.fraction }
  }

  /**
   * Downloaded plus extracted bytes over twice the known sizes, so the fraction only grows
   * and reaches 1 when every layer with a known size is in place. Layers the engine already
   * had ("Already exists") have no known size and do not count.
   */
  get fraction(): number {
    let done = 0
    let total = 0
    for (const work of this.work.values()) {
      done += Math.min(work.downloaded, work.size) + Math.min(work.extracted, work.size)
      total += 2 * work.size
    }
    this.best = Math.max(this.best, total > 0 ? done / total : 0)
    return this.best
  }

  private account(layer: string, status: string, current: number | null, total: number | null) {
    let work = this.work.get(layer)
    if (!work && total !== null && TRANSFERRING.has(status)) {
      work = { size: total, downloaded: 0, extracted: 0 }
      this.work.set(layer, work)
    }
    if (!work) return
    if (status === 'Downloading' && current !== null) work.downloaded = current
    if (status === 'Pushing' && current !== null) {
      work.downloaded = current
      work.extracted = current
    }
    if (DOWNLOADED.has(status)) work.downloaded = work.size
    if (status === 'Extracting' && current !== null) work.extracted = current
    if (COMPLETE.has(status)) {
      work.downloaded = work.size
      work.extracted = work.size
    }
  }
}

const atLeast = (min: number, value: number | undefined) => (typeof value === 'number' && value >= min ? value : null)
