import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

/** CPU time used so far, in milliseconds. */
export interface CpuTimes {
  /** This process, every thread (the importer's reader thread, zlib's and the garbage collector's included). */
  nodeMs: number
  /** Every PostgreSQL process on this machine, from /proc; null where there is none to read (a remote server). */
  postgresMs: number | null
}

let ticksPerSecond: number | null = null

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

function postgresMs(): number | null {
  let entries: string[]
  try {
    entries = fs.readdirSync('/proc')
  } catch {
    return null
  }
  let ticks = 0
  let found = false
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // the process ended meanwhile
    }
    const nameEnd = stat.lastIndexOf(')')
    if (stat.slice(stat.indexOf('(') + 1, nameEnd) !== 'postgres') continue
    // Fields after the name: state is the first; utime and stime are the 12th and 13th.
    const fields = stat.slice(nameEnd + 2).split(' ')
    ticks += Number(fields[11]) + Number(fields[12])
    found = true
  }
  return found ? (ticks * 1000) / clockTicks() : null
}

export function cpuTimes(): CpuTimes {
  const usage = process.cpuUsage()
  return { nodeMs: (usage.user + usage.system) / 1000, postgresMs: postgresMs() }
}

/** CPU used between two readings. */
export function cpuSince(start: CpuTimes): CpuTimes {
  const now = cpuTimes()
  return {
    nodeMs: now.nodeMs - start.nodeMs,
    postgresMs: now.postgresMs === null || start.postgresMs === null ? null : now.postgresMs - start.postgresMs,
  }
}
