import { ChannelType, PermissionFlagsBits } from "discord-api-types/v10";
import { FormErrors } from "../FormErrors.js";
import { isRecord, numberField, stringField } from "../isRecord.js";
import { toApiChannel } from "../serialize/toApiChannel.js";
import type { ChannelRecord, ThreadType } from "../state/records.js";
import { ok, type RouteHandler } from "./RouteHandler.js";
import { channelOf, messageOf } from "./routeTargets.js";
import type { Services } from "./Services.js";

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080] as const;

/** Starting threads, from a message or on their own. */
export function threadRoutes({ state, threads }: Services) {
  return {
    "POST /channels/:channel/messages/:message/threads": (request) => {
      const record = messageOf(state, request);
      state.requireBotPermission(
        channelOf(state, request),
        PermissionFlagsBits.CreatePublicThreads,
      );
      const { name, autoArchiveDuration } = parseThreadBody(request.body.json);
      const thread = threads.startFromMessage(record, name, state.botUser.id, autoArchiveDuration);
      return ok(toApiChannel(state, thread), 201);
    },

    "POST /channels/:channel/threads": (request) => {
      const channel = channelOf(state, request);
      const { name, autoArchiveDuration, type } = parseThreadBody(request.body.json);
      state.requireBotPermission(
        channel,
        type === ChannelType.PublicThread
          ? PermissionFlagsBits.CreatePublicThreads
          : PermissionFlagsBits.CreatePrivateThreads,
      );
      const thread = threads.start(channel, name, type, state.botUser.id, autoArchiveDuration);
      return ok(toApiChannel(state, thread), 201);
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
