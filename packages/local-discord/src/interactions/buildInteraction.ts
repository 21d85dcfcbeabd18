import type {
  APIApplicationCommandAutocompleteInteraction,
  APIBaseInteraction,
  APIChatInputApplicationCommandInteraction,
  APIMessageComponentInteraction,
  APIMessageComponentInteractionData,
  APIModalSubmitInteraction,
  APIModalSubmitTextInputComponent,
} from "discord-api-types/v10";
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
} from "discord-api-types/v10";
import type { BuiltCommandOptions } from "../buildCommandOptions.js";
import { toApiChannel } from "../serialize/toApiChannel.js";
import { toApiInteractionMember } from "../serialize/toApiMember.js";
import { toApiMessage } from "../serialize/toApiMessage.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { InteractionRecord } from "../state/records.js";

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

type InteractionBase = Omit<
  APIBaseInteraction<InteractionType, never>,
  "type" | "data" | "message"
> &
  Required<Pick<APIBaseInteraction<InteractionType, never>, "channel" | "channel_id">>;

/** The fields every interaction has, for this record (member in guilds, user in DMs). */
function base(state: DiscordState, record: InteractionRecord): InteractionBase {
  const channel = state.channels.get(record.channelId);
  const { guildId } = record;
  return {
    id: record.id,
    application_id: state.applicationId,
    token: record.token,
    version: 1,
    locale: Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    app_permissions: String(state.botPermissionsIn(channel)),
    channel_id: channel.id,
    channel: toApiChannel(state, channel),
    ...(guildId === null
      ? {
          user: state.users.get(record.userId),
          context: InteractionContextType.BotDM,
          authorizing_integration_owners: {
            [ApplicationIntegrationType.UserInstall]: record.userId,
          },
        }
      : {
          guild_id: guildId,
          guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
          guild_locale: Locale.EnglishUS,
          member: toApiInteractionMember(state, guildId, record.userId, channel.id),
          context: InteractionContextType.Guild,
          authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
        }),
  };
}

export function chatInputInteraction(
  state: DiscordState,
  record: InteractionRecord,
  built: BuiltCommandOptions,
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(state, record),
    type: InteractionType.ApplicationCommand,
    data: {
      id: built.command.id,
      name: built.command.name,
      type: ApplicationCommandType.ChatInput,
      options: built.options,
      ...(built.resolved === undefined ? {} : { resolved: built.resolved }),
      ...(built.command.guild_id === undefined ? {} : { guild_id: built.command.guild_id }),
    },
  };
}

export function autocompleteInteraction(
  state: DiscordState,
  record: InteractionRecord,
  built: BuiltCommandOptions,
): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(state, record),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: built.command.id,
      name: built.command.name,
      type: ApplicationCommandType.ChatInput,
      options: built.options,
      ...(built.command.guild_id === undefined ? {} : { guild_id: built.command.guild_id }),
    },
  };
}

export function componentInteraction(
  state: DiscordState,
  record: InteractionRecord,
  data: APIMessageComponentInteractionData,
): APIMessageComponentInteraction {
  const source = state.messages.find(record.sourceMessageId ?? "");
  if (source === undefined) {
    throw new Error(`${record.label}: the message is gone`);
  }
  return {
    ...base(state, record),
    type: InteractionType.MessageComponent,
    message: toApiMessage(state, source),
    data,
  };
}

export function modalSubmitInteraction(
  state: DiscordState,
  record: InteractionRecord,
  customId: string,
  components: APIModalSubmitTextInputComponent[],
): APIModalSubmitInteraction {
  const source =
    record.sourceMessageId === null ? undefined : state.messages.find(record.sourceMessageId);
  return {
    ...base(state, record),
    type: InteractionType.ModalSubmit,
    data: {
      custom_id: customId,
      components: [{ type: ComponentType.ActionRow, components }],
    },
    ...(source === undefined ? {} : { message: toApiMessage(state, source) }),
  };
}
