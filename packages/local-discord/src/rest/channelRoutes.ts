import { PermissionFlagsBits } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import { parseMessagePayload } from "../parseMessagePayload.js";
import { toApiChannel } from "../serialize/toApiChannel.js";
import { toApiMessage } from "../serialize/toApiMessage.js";
import type { ChannelRecord } from "../state/records.js";
import { queryNumber } from "./queryNumber.js";
import { NO_CONTENT, ok, type RestRequest, type RouteHandler } from "./RouteHandler.js";
import { channelOf, messageOf } from "./routeTargets.js";
import type { Services } from "./Services.js";

/**
 * Channels, their messages and typing, as the bot may use them: not in a guild it is not in
 * (50001), nor in the DM of a user whose DMs are closed (50007 when it sends).
 */
export function channelRoutes({ state, messages }: Services) {
  const channel = (request: RestRequest) => channelOf(state, request);
  const message = (request: RestRequest) => messageOf(state, request);
  const requireOpenDms = (target: ChannelRecord) => {
    if (target.recipientId !== null && !state.users.acceptsDms(target.recipientId)) {
      throw DiscordApiError.cannotMessageUser();
    }
  };
  const sendPermission = (target: ChannelRecord) =>
    PermissionFlagsBits.ViewChannel |
    (target.parentId === null
      ? PermissionFlagsBits.SendMessages
      : PermissionFlagsBits.SendMessagesInThreads);

  return {
    "GET /channels/:channel": (request) => {
      const target = channel(request);
      // Discord answers a channel the bot cannot view with 50001, not the channel.
      if ((state.botPermissionsIn(target) & PermissionFlagsBits.ViewChannel) === 0n) {
        throw DiscordApiError.missingAccess();
      }
      return ok(toApiChannel(state, target));
    },

    "POST /channels/:channel/typing": (request) => {
      state.requireBotPermission(channel(request), PermissionFlagsBits.SendMessages);
      return NO_CONTENT;
    },

    "GET /channels/:channel/messages": (request) => {
      const target = channel(request);
      state.requireBotPermission(
        target,
        PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory,
      );
      const { query } = request;
      const limit = queryNumber(query, "limit", { min: 1, max: 100, fallback: 50 });
      const list = messages.list(target, {
        limit,
        ...(query.get("before") === null ? {} : { before: query.get("before") ?? "" }),
        ...(query.get("after") === null ? {} : { after: query.get("after") ?? "" }),
        ...(query.get("around") === null ? {} : { around: query.get("around") ?? "" }),
      });
      return ok(list.map((record) => toApiMessage(state, record)));
    },

    "POST /channels/:channel/messages": (request) => {
      const target = channel(request);
      state.requireBotPermission(target, sendPermission(target));
      requireOpenDms(target);
      const payload = parseMessagePayload(request.body, "create");
      if (payload.files.length > 0) {
        state.requireBotPermission(target, PermissionFlagsBits.AttachFiles);
      }
      if (payload.enforceNonce && payload.nonce !== undefined) {
        const earlier = messages.findByNonce(target, state.botUser.id, payload.nonce);
        if (earlier !== undefined) {
          return ok(toApiMessage(state, earlier));
        }
      }
      const record = messages.create({ channel: target, authorId: state.botUser.id, payload });
      return ok(toApiMessage(state, record));
    },

    "GET /channels/:channel/messages/:message": (request) =>
      ok(toApiMessage(state, message(request))),

    "PATCH /channels/:channel/messages/:message": (request) => {
      const record = message(request);
      if (record.message.author.id !== state.botUser.id) {
        throw DiscordApiError.cannotEditOthersMessage();
      }
      const edited = messages.edit(record, parseMessagePayload(request.body, "edit"));
      return ok(toApiMessage(state, edited));
    },

    "DELETE /channels/:channel/messages/:message": (request) => {
      const record = message(request);
      if (record.message.author.id !== state.botUser.id) {
        state.requireBotPermission(channel(request), PermissionFlagsBits.ManageMessages);
      }
      messages.delete(record);
      return NO_CONTENT;
    },
  } satisfies Record<string, RouteHandler>;
}
