// A build's lifecycle, in one place for the runner, the manager and the image's derived state.
import { ACTIVE_STATES } from '../work/leases.js'

/** Not over yet: some process owns it (see Leases), and its image is BUILDING. CANCELLING still holds the engine. */
export const BUILD_ACTIVE_STATES = [...ACTIVE_STATES, 'CANCELLING' as const]

export const BUILD_TERMINAL_STATES = ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const

export const isBuildOver = (state: string): boolean => (BUILD_TERMINAL_STATES as readonly string[]).includes(state)
