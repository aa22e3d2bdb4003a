// A server started as a child process of the bench (startup, load): a free loopback port, and stopping it for sure.
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export async function freePort(): Promise<number> {
  const server = net.createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as net.AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

/**
 * npx starts tsx, which starts node: the server runs in a process group of its own (detached), and the whole
 * group is stopped, politely first.
 */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  const exited = once(child, 'exit')
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
  }
  signalGroup('SIGTERM')
  const stopped = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)])
  if (!stopped) {
    signalGroup('SIGKILL')
    await exited
  }
  // tsx's own children may outlive the npx process that was waited on; give them the same signal.
  signalGroup('SIGKILL')
}
