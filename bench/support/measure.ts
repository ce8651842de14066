// What the benchmarks read off the processes they start, and how they sum up samples: one copy for all of them.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))

/** A positive whole number from the environment, or the default: the benchmarks' scale knobs. */
export function positiveEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${process.env[name]}`)
  return value
}

/** CPU time (user + system) the process has used so far, in ms. */
export function cpuMsOf(pid: number): number {
  // After the command name (which may hold spaces), utime and stime are the 12th and 13th fields.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}

/** The process's resident memory now (VmRSS), in bytes. */
export function rssBytesOf(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024
}

/** The value below which a fraction `p` of the samples lie; `sorted` is in ascending order. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

/** Lines (or anything) per second, rounded, as the benchmarks print it with its target. */
export function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000)
}
