import type Docker from 'dockerode'

export interface EngineEvent {
  error?: string
  errorDetail?: { message?: string }
}

/**
 * Reads one of the engine's progress streams (build or pull) to its end, handing each event
 * to `onEvent`. Resolves with the engine's own error message, if it reported one; rejects when
 * the stream itself breaks (the engine died), unless the job was aborted.
 */
export function followEngineStream<E extends EngineEvent>(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  signal: AbortSignal,
  onEvent: (event: E) => void,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let error: string | null = null
    const abort = () => (stream as unknown as { destroy?: () => void }).destroy?.()
    signal.addEventListener('abort', abort, { once: true })
    docker.modem.followProgress(
      stream,
      (streamError: Error | null) => {
        signal.removeEventListener('abort', abort)
        if (streamError && !signal.aborted) reject(streamError)
        else resolve(error)
      },
      (event: E) => {
        if (event.error) error = event.errorDetail?.message ?? event.error
        onEvent(event)
      },
    )
  })
}
