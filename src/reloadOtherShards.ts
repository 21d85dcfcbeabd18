import type { Client } from "discord.js";
import type { Logger } from "./logger.js";

/** The event a shard's client gets when another shard was asked to reload the story folder. */
export const RELOAD_EVENT = "storyFolderReload";

/**
 * Asks the other shards of a sharded bot to reload the story folder too (they watch it, but a
 * change a watcher cannot see, on a network drive say, is what /serial reload is for). The
 * function runs in each shard's process, so it names the event itself rather than RELOAD_EVENT.
 */
export function reloadOtherShards(client: Client, log: Logger): void {
  const shard = client.shard;
  if (shard === null) return;
  shard
    .broadcastEval(
      (other, { from }) => {
        if (!other.shard?.ids.includes(from)) other.emit("storyFolderReload");
      },
      { context: { from: shard.ids[0] ?? 0 } },
    )
    .catch((error: unknown) =>
      log.error({ err: error }, "could not ask the other shards to reload"),
    );
}
