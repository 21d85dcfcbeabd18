import { PermissionFlagsBits } from "discord-api-types/v10";
import { parseEmoji } from "./parseEmoji.js";
import { queryNumber } from "./queryNumber.js";
import { NO_CONTENT, ok, type RestRequest, type RouteHandler } from "./RouteHandler.js";
import { channelOf, messageOf } from "./routeTargets.js";
import type { Services } from "./Services.js";

/** A message's reactions: the bot's own, a moderator's clearing, and who reacted. */
export function reactionRoutes({ state, reactions }: Services) {
  const channel = (request: RestRequest) => channelOf(state, request);
  const message = (request: RestRequest) => messageOf(state, request);

  return {
    "PUT /channels/:channel/messages/:message/reactions/:emoji/@me": (request) => {
      const record = message(request);
      const emoji = parseEmoji(request.params.get("emoji"));
      state.requireBotPermission(
        channel(request),
        PermissionFlagsBits.ReadMessageHistory |
          (reactions.has(record, emoji) ? 0n : PermissionFlagsBits.AddReactions),
      );
      reactions.add(record, state.botUser.id, emoji);
      return NO_CONTENT;
    },

    "DELETE /channels/:channel/messages/:message/reactions/:emoji/@me": (request) => {
      reactions.remove(message(request), state.botUser.id, parseEmoji(request.params.get("emoji")));
      return NO_CONTENT;
    },

    "DELETE /channels/:channel/messages/:message/reactions": (request) => {
      const record = message(request);
      state.requireBotPermission(channel(request), PermissionFlagsBits.ManageMessages);
      reactions.clear(record);
      return NO_CONTENT;
    },

    "DELETE /channels/:channel/messages/:message/reactions/:emoji": (request) => {
      const record = message(request);
      const emoji = parseEmoji(request.params.get("emoji"));
      state.requireBotPermission(channel(request), PermissionFlagsBits.ManageMessages);
      reactions.clearEmoji(record, emoji);
      return NO_CONTENT;
    },

    "GET /channels/:channel/messages/:message/reactions/:emoji": (request) => {
      const record = message(request);
      const emoji = parseEmoji(request.params.get("emoji"));
      const limit = queryNumber(request.query, "limit", { min: 1, max: 100, fallback: 25 });
      const after = request.query.get("after") ?? undefined;
      return ok(reactions.users(record, emoji, limit, after).map((id) => state.users.get(id)));
    },
  } satisfies Record<string, RouteHandler>;
}
