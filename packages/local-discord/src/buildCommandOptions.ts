import type {
  APIApplicationCommand,
  APIApplicationCommandBasicOption,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
} from "discord-api-types/v10";
import { ApplicationCommandOptionType, ChannelType } from "discord-api-types/v10";
import type { CommandRegistry } from "./CommandRegistry.js";
import { toApiThread } from "./serialize/toApiChannel.js";
import { toApiMember } from "./serialize/toApiMember.js";
import { toApiRole } from "./serialize/toApiRole.js";
import type { DiscordState } from "./state/DiscordState.js";

/** An option value as a member would enter it; users, channels and roles by id. */
export type CommandOptionValue = string | number | boolean;

/** A slash command as a member types it. */
export interface CommandInvocation {
  /** The command, optionally with its subcommand (group): "serial", "serial read". */
  readonly name: string;
  /** The subcommand, or "group subcommand", when not already in `name`. */
  readonly subcommand?: string;
  readonly options?: Readonly<Record<string, CommandOptionValue>>;
}

export interface BuiltCommandOptions {
  readonly command: APIApplicationCommand;
  readonly options: APIApplicationCommandInteractionDataOption[];
  readonly resolved: APIInteractionDataResolved | undefined;
}

interface Context {
  readonly state: DiscordState;
  readonly guildId: string | null;
  readonly channelId: string;
  readonly userId: string;
  /** Autocomplete: the option being typed (its value may be partial). */
  readonly focused: string | undefined;
  readonly label: string;
  readonly resolved: APIInteractionDataResolved;
}

/**
 * Turns what a member typed into the `data.options` tree Discord sends (subcommand group →
 * subcommand → options, in the order the command declares them, with `resolved` users,
 * members, channels and roles). Throws like Discord's client would refuse to send: unknown
 * command or option, wrong type, a choice not offered, a required option missing.
 */
export function buildCommandOptions(
  state: DiscordState,
  commands: CommandRegistry,
  invocation: CommandInvocation,
  where: { guildId: string | null; channelId: string; userId: string; focused?: string },
): BuiltCommandOptions {
  const path = [invocation.name, invocation.subcommand ?? ""].join(" ").trim().split(/\s+/);
  const [name = "", ...subPath] = path;
  const label = `/${path.join(" ")}`;
  const command = commands.find(name, where.guildId);
  if (command === undefined) {
    const known = [...commands.list(where.guildId), ...commands.list(null)].map(
      (entry) => `/${entry.name}`,
    );
    throw new Error(
      `${label}: no such command is registered (registered: ${known.join(", ") || "none"})`,
    );
  }
  const context: Context = { state, ...where, focused: where.focused, label, resolved: {} };
  const options = buildLevel(context, command.options ?? [], subPath, invocation.options ?? {});
  const used = Object.values(context.resolved).some((entries) => Object.keys(entries).length > 0);
  return { command, options, resolved: used ? context.resolved : undefined };
}

function buildLevel(
  context: Context,
  definitions: readonly APIApplicationCommandOption[],
  subPath: readonly string[],
  values: Readonly<Record<string, CommandOptionValue>>,
): APIApplicationCommandInteractionDataOption[] {
  const [next, ...rest] = subPath;
  const nested = definitions.filter(
    (option) =>
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (nested.length > 0) {
    const chosen = nested.find((option) => option.name === next);
    if (chosen === undefined) {
      const names = nested.map((option) => option.name).join(", ");
      throw new Error(`${context.label}: choose one of the subcommands ${names}`);
    }
    if (chosen.type === ApplicationCommandOptionType.SubcommandGroup) {
      return [
        {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: chosen.name,
          options: buildLevel(context, chosen.options ?? [], rest, values).filter(
            (option) => option.type === ApplicationCommandOptionType.Subcommand,
          ),
        },
      ];
    }
    if (chosen.type === ApplicationCommandOptionType.Subcommand) {
      return [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: chosen.name,
          options: buildBasic(context, chosen.options ?? [], values),
        },
      ];
    }
  }
  if (next !== undefined) {
    throw new Error(`${context.label}: "${next}" is not a subcommand`);
  }
  return buildBasic(context, definitions.filter(isBasic), values);
}

function buildBasic(
  context: Context,
  definitions: readonly APIApplicationCommandBasicOption[],
  values: Readonly<Record<string, CommandOptionValue>>,
): APIApplicationCommandInteractionDataBasicOption[] {
  for (const name of Object.keys(values)) {
    if (!definitions.some((option) => option.name === name)) {
      const known = definitions.map((option) => option.name).join(", ") || "none";
      throw new Error(`${context.label}: unknown option "${name}" (options: ${known})`);
    }
  }
  return definitions.flatMap((definition) => {
    const value = values[definition.name];
    if (value === undefined) {
      if (definition.required === true && context.focused === undefined) {
        throw new Error(`${context.label}: option "${definition.name}" is required`);
      }
      return [];
    }
    return [buildOne(context, definition, value)];
  });
}

function buildOne(
  context: Context,
  definition: APIApplicationCommandBasicOption,
  value: CommandOptionValue,
): APIApplicationCommandInteractionDataBasicOption {
  const name = definition.name;
  const focused = context.focused === name;
  const fail = (expected: string) =>
    new Error(
      `${context.label}: option "${name}" must be ${expected}, got ${JSON.stringify(value)}`,
    );
  if (focused) {
    if (!("autocomplete" in definition) || definition.autocomplete !== true) {
      throw new Error(`${context.label}: option "${name}" has no autocomplete`);
    }
    return { type: ApplicationCommandOptionType.String, name, value: String(value), focused: true };
  }
  if ("choices" in definition && definition.choices !== undefined) {
    if (!definition.choices.some((choice) => choice.value === value)) {
      throw fail(
        `one of ${definition.choices.map((choice) => JSON.stringify(choice.value)).join(", ")}`,
      );
    }
  }
  switch (definition.type) {
    case ApplicationCommandOptionType.String:
      if (typeof value !== "string") {
        throw fail("a string");
      }
      if (
        value.length < (definition.min_length ?? 0) ||
        value.length > (definition.max_length ?? 6000)
      ) {
        throw fail(`${definition.min_length ?? 0}–${definition.max_length ?? 6000} characters`);
      }
      return { type: definition.type, name, value };
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number:
      if (
        typeof value !== "number" ||
        (definition.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value))
      ) {
        throw fail(
          definition.type === ApplicationCommandOptionType.Integer ? "an integer" : "a number",
        );
      }
      if (
        value < (definition.min_value ?? -Infinity) ||
        value > (definition.max_value ?? Infinity)
      ) {
        throw fail(`between ${definition.min_value ?? "-∞"} and ${definition.max_value ?? "∞"}`);
      }
      return { type: definition.type, name, value };
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== "boolean") {
        throw fail("a boolean");
      }
      return { type: definition.type, name, value };
    case ApplicationCommandOptionType.User:
      resolveUser(context, String(value), fail);
      return { type: definition.type, name, value: String(value) };
    case ApplicationCommandOptionType.Channel:
      resolveChannel(context, String(value), fail);
      return { type: definition.type, name, value: String(value) };
    case ApplicationCommandOptionType.Role:
      resolveRole(context, String(value), fail);
      return { type: definition.type, name, value: String(value) };
    case ApplicationCommandOptionType.Mentionable:
      if (context.state.users.find(String(value)) !== undefined) {
        resolveUser(context, String(value), fail);
      } else {
        resolveRole(context, String(value), fail);
      }
      return { type: definition.type, name, value: String(value) };
    default:
      throw new Error(
        `${context.label}: option "${name}" has a type the local Discord cannot fill in`,
      );
  }
}

function resolveUser(context: Context, id: string, fail: (expected: string) => Error): void {
  const user = context.state.users.find(id);
  if (user === undefined) {
    throw fail("a user id");
  }
  context.resolved.users = { ...context.resolved.users, [id]: user };
  const { guildId } = context;
  if (guildId !== null && context.state.guilds.isMember(guildId, id)) {
    const {
      user: _user,
      deaf: _deaf,
      mute: _mute,
      ...member
    } = toApiMember(context.state, guildId, id);
    const permissions = String(context.state.permissions(guildId, id, context.channelId));
    context.resolved.members = { ...context.resolved.members, [id]: { ...member, permissions } };
  }
}

function resolveChannel(context: Context, id: string, fail: (expected: string) => Error): void {
  const channel = context.state.channels.find(id);
  if (channel === undefined || channel.guildId !== context.guildId) {
    throw fail("a channel id of this guild");
  }
  const permissions =
    channel.guildId === null
      ? "0"
      : String(context.state.permissions(channel.guildId, context.userId, id));
  const resolved: APIInteractionDataResolvedChannel =
    channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread
      ? {
          id,
          type: channel.type,
          name: channel.name,
          permissions,
          parent_id: channel.parentId ?? undefined,
          thread_metadata: toApiThread(context.state, channel).thread_metadata,
        }
      : { id, type: channel.type, name: channel.name, permissions };
  context.resolved.channels = { ...context.resolved.channels, [id]: resolved };
}

function resolveRole(context: Context, id: string, fail: (expected: string) => Error): void {
  const role = context.state.guilds.findRole(id);
  if (role === undefined || role.guildId !== context.guildId) {
    throw fail("a role id of this guild");
  }
  context.resolved.roles = { ...context.resolved.roles, [id]: toApiRole(role) };
}

function isBasic(option: APIApplicationCommandOption): option is APIApplicationCommandBasicOption {
  return (
    option.type !== ApplicationCommandOptionType.Subcommand &&
    option.type !== ApplicationCommandOptionType.SubcommandGroup
  );
}
