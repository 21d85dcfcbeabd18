import { Status } from "discord.js";

/** discord.js's connection statuses, as /healthz names them. */
const STATUS_NAMES = {
  [Status.Ready]: "ready",
  [Status.Connecting]: "connecting",
  [Status.Reconnecting]: "reconnecting",
  [Status.Idle]: "idle",
  [Status.Nearly]: "nearly",
  [Status.Disconnected]: "disconnected",
  [Status.WaitingForGuilds]: "waiting-for-guilds",
  [Status.Identifying]: "identifying",
  [Status.Resuming]: "resuming",
} satisfies Record<Status, string>;

/**
 * How this process's client stands with Discord's gateway, from its status and its shards'
 * (`client.ws.status`, and `status` of each of `client.ws.shards`): "ready" once the client and
 * every one of its shards are (connected, their servers received), else the status of the first
 * shard that is not ("connecting" while it reconnects), or the client's own ("idle" before it
 * logs in, when it has no shards yet).
 */
export function discordHealth(client: Status, shards: readonly Status[]): string {
  const waiting = shards.find((status) => status !== Status.Ready);
  if (waiting !== undefined) return STATUS_NAMES[waiting];
  if (shards.length === 0 && client === Status.Ready) return STATUS_NAMES[Status.Idle];
  return STATUS_NAMES[client];
}
