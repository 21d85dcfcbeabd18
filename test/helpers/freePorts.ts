import { once } from "node:events";
import { createServer, type Server } from "node:net";

async function listen(port: number): Promise<Server | undefined> {
  const server = createServer();
  server.listen(port, "127.0.0.1");
  try {
    await once(server, "listening");
    return server;
  } catch {
    return undefined;
  }
}

async function close(servers: readonly (Server | undefined)[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) =>
          server === undefined ? resolve() : server.close(() => resolve()),
        ),
    ),
  );
}

/**
 * The first of `count` consecutive ports free on 127.0.0.1 now (as HEALTH_PORT for that many
 * shards): the system picks the first, the others are checked, and it tries again when one is
 * taken. Another process may still take one before the bot does; the system's pick makes it rare.
 */
export async function freePorts(count = 1): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const first = await listen(0);
    const address = first?.address();
    if (first === undefined || address === null || typeof address !== "object") continue;
    const port = address.port;
    const others = await Promise.all(
      Array.from({ length: count - 1 }, (_, index) => listen(port + index + 1)),
    );
    await close([first, ...others]);
    if (others.every((server) => server !== undefined) && port + count - 1 <= 65_535) return port;
  }
  throw new Error(`No ${count} consecutive free ports found on 127.0.0.1.`);
}
