import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import { FormErrors } from "../FormErrors.js";
import { isRecord, numberField, stringField } from "../isRecord.js";
import { parseMessagePayload } from "../parseMessagePayload.js";
import type { ChannelRecord, ThreadType } from "../records.js";
import { parseEmoji } from "./parseEmoji.js";
import { queryNumber } from "./queryNumber.js";
import { NO_CONTENT, ok, type RestRequest, type RouteHandler } from "./RouteHandler.js";
import type { Services } from "./Services.js";

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080] as const;

/**
 * Channels, messages, reactions, threads and typing, as the bot may use them: not in a guild it
 * is not in (50001), nor in the DM of a user whose DMs are closed (50007 when it sends).
 */
export function channelRoutes({ state, messages }: Services) {
  const channelOf = (request: RestRequest) => state.botChannel(request.params.get("channel"));
  const messageOf = (request: RestRequest) =>
    state.message(channelOf(request).id, request.params.get("message"));
  const requireOpenDms = (channel: ChannelRecord) => {
    if (channel.recipientId !== null && state.closedDms.has(channel.recipientId)) {
      throw DiscordApiError.cannotMessageUser();
    }
  };
  const sendPermission = (channel: ChannelRecord) =>
    PermissionFlagsBits.ViewChannel |
    (channel.parentId === null
      ? PermissionFlagsBits.SendMessages
      : PermissionFlagsBits.SendMessagesInThreads);

  return {
    "GET /channels/:channel": (request) => ok(state.channelJson(channelOf(request))),

    "POST /channels/:channel/typing": (request) => {
      state.requireBotPermission(channelOf(request), PermissionFlagsBits.SendMessages);
      return NO_CONTENT;
    },

    "GET /channels/:channel/messages": (request) => {
      const channel = channelOf(request);
      state.requireBotPermission(
        channel,
        PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory,
      );
      const { query } = request;
      const limit = queryNumber(query, "limit", { min: 1, max: 100, fallback: 50 });
      const list = messages.list(channel, {
        limit,
        ...(query.get("before") === null ? {} : { before: query.get("before") ?? "" }),
        ...(query.get("after") === null ? {} : { after: query.get("after") ?? "" }),
        ...(query.get("around") === null ? {} : { around: query.get("around") ?? "" }),
      });
      return ok(list.map((record) => state.messageJson(record)));
    },

    "POST /channels/:channel/messages": (request) => {
      const channel = channelOf(request);
      state.requireBotPermission(channel, sendPermission(channel));
      requireOpenDms(channel);
      const payload = parseMessagePayload(request.body, "create");
      if (payload.files.length > 0) {
        state.requireBotPermission(channel, PermissionFlagsBits.AttachFiles);
      }
      if (payload.enforceNonce && payload.nonce !== undefined) {
        const earlier = messages.findByNonce(channel, state.botUser.id, payload.nonce);
        if (earlier !== undefined) {
          return ok(state.messageJson(earlier));
        }
      }
      const record = messages.create({ channel, authorId: state.botUser.id, payload });
      return ok(state.messageJson(record));
    },

    "GET /channels/:channel/messages/:message": (request) =>
      ok(state.messageJson(messageOf(request))),

    "PATCH /channels/:channel/messages/:message": (request) => {
      const record = messageOf(request);
      if (record.message.author.id !== state.botUser.id) {
        throw DiscordApiError.cannotEditOthersMessage();
      }
      const edited = messages.edit(record, parseMessagePayload(request.body, "edit"));
      return ok(state.messageJson(edited));
    },

    "DELETE /channels/:channel/messages/:message": (request) => {
      const record = messageOf(request);
      if (record.message.author.id !== state.botUser.id) {
        state.requireBotPermission(channelOf(request), PermissionFlagsBits.ManageMessages);
      }
      messages.delete(record);
      return NO_CONTENT;
    },

    "PUT /channels/:channel/messages/:message/reactions/:emoji/@me": (request) => {
      const record = messageOf(request);
      const emoji = parseEmoji(request.params.get("emoji"));
      const channel = channelOf(request);
      state.requireBotPermission(
        channel,
        PermissionFlagsBits.ReadMessageHistory |
          (messages.hasReaction(record, emoji) ? 0n : PermissionFlagsBits.AddReactions),
      );
      messages.addReaction(record, state.botUser.id, emoji);
      return NO_CONTENT;
    },

    "DELETE /channels/:channel/messages/:message/reactions/:emoji/@me": (request) => {
      messages.removeReaction(
        messageOf(request),
        state.botUser.id,
        parseEmoji(request.params.get("emoji")),
      );
      return NO_CONTENT;
    },

    "DELETE /channels/:channel/messages/:message/reactions": (request) => {
      const record = messageOf(request);
      state.requireBotPermission(channelOf(request), PermissionFlagsBits.ManageMessages);
      messages.clearReactions(record);
      return NO_CONTENT;
    },

    "DELETE /channels/:channel/messages/:message/reactions/:emoji": (request) => {
      const record = messageOf(request);
      const emoji = parseEmoji(request.params.get("emoji"));
      state.requireBotPermission(channelOf(request), PermissionFlagsBits.ManageMessages);
      messages.clearReactionEmoji(record, emoji);
      return NO_CONTENT;
    },

    "GET /channels/:channel/messages/:message/reactions/:emoji": (request) => {
      const record = messageOf(request);
      const emoji = parseEmoji(request.params.get("emoji"));
      const limit = queryNumber(request.query, "limit", { min: 1, max: 100, fallback: 25 });
      const after = request.query.get("after") ?? undefined;
      return ok(messages.reactionUsers(record, emoji, limit, after).map((id) => state.user(id)));
    },

    "POST /channels/:channel/messages/:message/threads": (request) => {
      const record = messageOf(request);
      state.requireBotPermission(channelOf(request), PermissionFlagsBits.CreatePublicThreads);
      const { name, autoArchiveDuration } = parseThreadBody(request.body.json);
      const thread = messages.startThreadFromMessage(
        record,
        name,
        state.botUser.id,
        autoArchiveDuration,
      );
      return ok(state.channelJson(thread), 201);
    },

    "POST /channels/:channel/threads": (request) => {
      const channel = channelOf(request);
      const { name, autoArchiveDuration, type } = parseThreadBody(request.body.json);
      state.requireBotPermission(
        channel,
        type === ChannelType.PublicThread
          ? PermissionFlagsBits.CreatePublicThreads
          : PermissionFlagsBits.CreatePrivateThreads,
      );
      const thread = messages.startThread(
        channel,
        name,
        type,
        state.botUser.id,
        autoArchiveDuration,
      );
      return ok(state.channelJson(thread), 201);
    },
  } satisfies Record<string, RouteHandler>;
}

interface ThreadBody {
  readonly name: string;
  readonly autoArchiveDuration: ChannelRecord["autoArchiveDuration"];
  readonly type: ThreadType;
}

function parseThreadBody(json: unknown): ThreadBody {
  const body = isRecord(json) ? json : {};
  const errors = new FormErrors();
  const name = stringField(body, "name");
  errors.lengthBetween(["name"], name, 1, 100);
  const duration = numberField(body, "auto_archive_duration") ?? 1440;
  const autoArchiveDuration = ARCHIVE_DURATIONS.find((allowed) => allowed === duration);
  if (autoArchiveDuration === undefined) {
    errors.add(
      ["auto_archive_duration"],
      "BASE_TYPE_CHOICES",
      `Value must be one of {${ARCHIVE_DURATIONS.join(", ")}}.`,
    );
  }
  errors.throwIfAny();
  return {
    name: name ?? "",
    autoArchiveDuration: autoArchiveDuration ?? 1440,
    type:
      body.type === ChannelType.PublicThread ? ChannelType.PublicThread : ChannelType.PrivateThread,
  };
}
