import { once } from "node:events";
import { readFileSync } from "node:fs";
import { WebSocket } from "ws";
import type { StartedProcess } from "../test/helpers/startProcess.js";

/** The CPU share under which a process counts as idle, and for how long it must stay so. */
const IDLE_CPU_SHARE = 0.02;
const IDLE_MS = 1000;
/** A clock tick of /proc/PID/stat (USER_HZ is 100 on Linux). */
const TICK_MS = 10;

/** RSS once idle, and again after a full garbage collection (then idle again). */
export async function measureRss(
  client: StartedProcess,
  inspector: string,
): Promise<{ readonly idle: number; readonly collected: number }> {
  const idle = await idleRss(client);
  await collectGarbage(inspector);
  return { idle, collected: await idleRss(client) };
}

/** RSS once the process has used under IDLE_CPU_SHARE of a core over IDLE_MS (within 30 s). */
async function idleRss(client: StartedProcess): Promise<number> {
  const pid = client.child.pid ?? fail("the client has no pid");
  const idleTicks = (IDLE_CPU_SHARE * IDLE_MS) / TICK_MS;
  let ticks = cpuTicks(pid);
  for (let waited = 0; waited < 30_000; waited += IDLE_MS) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const now = cpuTicks(pid);
    if (now - ticks <= idleTicks) return client.rss();
    ticks = now;
  }
  throw new Error(`${client.child.spawnargs.at(-1)} did not go idle within 30 s`);
}

/** The inspector's WebSocket address, from the "Debugger listening on ws://…" line on stderr. */
export function inspectorUrl(client: StartedProcess): Promise<string> {
  return new Promise((resolve) => {
    let stderr = "";
    const listen = (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /ws:\/\/\S+/.exec(stderr)?.[0];
      if (url === undefined) return;
      client.child.stderr?.off("data", listen);
      resolve(url);
    };
    client.child.stderr?.on("data", listen);
  });
}

/**
 * A full garbage collection in the process, through its inspector (HeapProfiler.collectGarbage),
 * so that both clients are measured holding only what they keep, not what they have yet to free.
 */
async function collectGarbage(inspector: string): Promise<void> {
  const socket = new WebSocket(inspector);
  try {
    await once(socket, "open");
    socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
    await once(socket, "message");
  } finally {
    socket.close();
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** User and system CPU time of a process so far, in clock ticks (TICK_MS each). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}
