import { arrayField, numberField, stringField } from "../isRecord.js";
import { toApiMember } from "../serialize/toApiMember.js";
import type { DiscordState } from "../state/DiscordState.js";

/**
 * The answer to op 8 Request Guild Members, in one chunk: the members asked for by id, or
 * those whose username starts with `query` (up to `limit`), with the request's nonce. None
 * for a guild the bot is not in.
 */
export function toMembersChunk(state: DiscordState, request: Record<string, unknown>) {
  const guild = state.guilds.find(stringField(request, "guild_id") ?? "");
  if (guild === undefined || !state.botIsIn(guild.id)) {
    return undefined;
  }
  const wanted = arrayField(request, "user_ids")?.map(String);
  const query = (stringField(request, "query") ?? "").toLowerCase();
  const limit = numberField(request, "limit") ?? 0;
  const members = state.guilds
    .memberIds(guild.id)
    .filter((userId) =>
      wanted === undefined
        ? state.users.get(userId).username.toLowerCase().startsWith(query)
        : wanted.includes(userId),
    )
    .slice(0, limit > 0 ? limit : undefined)
    .map((userId) => toApiMember(state, guild.id, userId));
  return {
    guild_id: guild.id,
    members,
    chunk_index: 0,
    chunk_count: 1,
    not_found: wanted?.filter((id) => !state.guilds.isMember(guild.id, id)) ?? [],
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  };
}
