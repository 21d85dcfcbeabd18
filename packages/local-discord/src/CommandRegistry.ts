import type { APIApplicationCommand, APIApplicationCommandOption } from "discord-api-types/v10";
import { ApplicationCommandOptionType, ApplicationCommandType } from "discord-api-types/v10";
import type { ChangeFeed } from "./ChangeFeed.js";
import { DiscordApiError } from "./DiscordApiError.js";
import { FormErrors } from "./FormErrors.js";
import { arrayField, isRecord, numberField, stringField } from "./isRecord.js";
import type { SnowflakeGenerator } from "./SnowflakeGenerator.js";

type Path = readonly (string | number)[];

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_CHAT_INPUT_COMMANDS = 100;

/**
 * Application commands, global and per guild, as the bot registers them (PUT bulk overwrite,
 * POST upsert by name, PATCH, DELETE), validated like Discord does.
 */
export class CommandRegistry {
  readonly #applicationId: string;
  readonly #snowflakes: SnowflakeGenerator;
  readonly #changes: ChangeFeed;
  /** Keyed by guild id, "global" for global commands. */
  readonly #scopes = new Map<string, APIApplicationCommand[]>();

  constructor(applicationId: string, snowflakes: SnowflakeGenerator, changes: ChangeFeed) {
    this.#applicationId = applicationId;
    this.#snowflakes = snowflakes;
    this.#changes = changes;
  }

  list(guildId: string | null): APIApplicationCommand[] {
    return [...(this.#scopes.get(guildId ?? "global") ?? [])];
  }

  /** The chat input command a member would run by this name in this guild (guild ones first). */
  find(name: string, guildId: string | null): APIApplicationCommand | undefined {
    const isIt = (command: APIApplicationCommand) =>
      command.name === name && command.type === ApplicationCommandType.ChatInput;
    return (
      (guildId === null ? undefined : this.list(guildId).find(isIt)) ?? this.list(null).find(isIt)
    );
  }

  overwrite(guildId: string | null, body: unknown): APIApplicationCommand[] {
    const errors = new FormErrors();
    if (!Array.isArray(body)) {
      errors.add([], "BASE_TYPE_LIST", "Must be a list.");
      throw errors.toError();
    }
    const existing = this.list(guildId);
    const commands = body.map((entry, index) => {
      const command = this.#parse(errors, [index], entry, guildId);
      const previous = existing.find(
        (old) => old.name === command.name && old.type === command.type,
      );
      return previous === undefined ? command : { ...command, id: previous.id };
    });
    commands.forEach((command, index) => {
      const duplicate = commands.findIndex(
        (other) => other.name === command.name && other.type === command.type,
      );
      if (duplicate !== index) {
        errors.add(
          [index, "name"],
          "APPLICATION_COMMANDS_DUPLICATE_NAME",
          "Application command names must be unique",
        );
      }
    });
    const chatInput = commands.filter(
      (command) => command.type === ApplicationCommandType.ChatInput,
    );
    if (chatInput.length > MAX_CHAT_INPUT_COMMANDS) {
      errors.add(
        [],
        "BASE_TYPE_MAX_LENGTH",
        `Must be ${MAX_CHAT_INPUT_COMMANDS} or fewer in length.`,
      );
    }
    errors.throwIfAny();
    this.#scopes.set(guildId ?? "global", commands);
    this.#changes.notify();
    return commands;
  }

  /** POST: creates, or replaces the command of the same name and type (201 vs 200). */
  upsert(
    guildId: string | null,
    body: unknown,
  ): { command: APIApplicationCommand; created: boolean } {
    const errors = new FormErrors();
    const parsed = this.#parse(errors, [], body, guildId);
    errors.throwIfAny();
    const commands = this.list(guildId);
    const index = commands.findIndex((old) => old.name === parsed.name && old.type === parsed.type);
    const previous = commands[index];
    const command = previous === undefined ? parsed : { ...parsed, id: previous.id };
    if (index >= 0) {
      commands[index] = command;
    } else {
      commands.push(command);
    }
    this.#scopes.set(guildId ?? "global", commands);
    this.#changes.notify();
    return { command, created: previous === undefined };
  }

  get(guildId: string | null, id: string): APIApplicationCommand {
    const command = this.list(guildId).find((candidate) => candidate.id === id);
    if (command === undefined) {
      throw DiscordApiError.unknownApplicationCommand();
    }
    return command;
  }

  edit(guildId: string | null, id: string, body: unknown): APIApplicationCommand {
    const current = this.get(guildId, id);
    const errors = new FormErrors();
    const merged = isRecord(body) ? { ...current, ...body } : current;
    const parsed = { ...this.#parse(errors, [], merged, guildId), id };
    errors.throwIfAny();
    this.#scopes.set(
      guildId ?? "global",
      this.list(guildId).map((command) => (command.id === id ? parsed : command)),
    );
    this.#changes.notify();
    return parsed;
  }

  delete(guildId: string | null, id: string): void {
    this.get(guildId, id);
    this.#scopes.set(
      guildId ?? "global",
      this.list(guildId).filter((command) => command.id !== id),
    );
    this.#changes.notify();
  }

  #parse(
    errors: FormErrors,
    path: Path,
    body: unknown,
    guildId: string | null,
  ): APIApplicationCommand {
    const record = isRecord(body) ? body : {};
    const type = numberField(record, "type") ?? ApplicationCommandType.ChatInput;
    const name = stringField(record, "name") ?? "";
    const description = stringField(record, "description") ?? "";
    const isChatInput = type === ApplicationCommandType.ChatInput;
    if (
      isChatInput
        ? !NAME.test(name) || name !== name.toLowerCase()
        : name.length < 1 || name.length > 32
    ) {
      errors.add([...path, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    if (isChatInput) {
      errors.lengthBetween([...path, "description"], description, 1, 100);
    } else if (description !== "") {
      errors.add(
        [...path, "description"],
        "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
        "Context menu commands cannot have description",
      );
    }
    const options = (arrayField(record, "options") ?? []).filter(isOption);
    validateOptions(errors, [...path, "options"], options, 0);
    const permissions = record.default_member_permissions;
    return {
      id: this.#snowflakes.next(),
      application_id: this.#applicationId,
      version: this.#snowflakes.next(),
      type: isChatInput
        ? ApplicationCommandType.ChatInput
        : type === ApplicationCommandType.User
          ? ApplicationCommandType.User
          : ApplicationCommandType.Message,
      name,
      description,
      options,
      default_member_permissions: typeof permissions === "string" ? permissions : null,
      nsfw: record.nsfw === true,
      ...(guildId === null ? {} : { guild_id: guildId }),
      ...(Array.isArray(record.contexts) ? { contexts: record.contexts.filter(isNumber) } : {}),
      ...(Array.isArray(record.integration_types)
        ? { integration_types: record.integration_types.filter(isNumber) }
        : {}),
      dm_permission: record.dm_permission !== false,
    };
  }
}

/** Option names, descriptions, choices, nesting, and required-before-optional. */
function validateOptions(
  errors: FormErrors,
  path: Path,
  options: readonly APIApplicationCommandOption[],
  depth: number,
): void {
  errors.maxItems(path, options, 25);
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option, index) => {
    const at = [...path, index];
    if (!NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
      errors.add([...at, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    if (names.has(option.name)) {
      errors.add(
        [...at, "name"],
        "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
        "Option names must be unique",
      );
    }
    names.add(option.name);
    errors.lengthBetween([...at, "description"], option.description, 1, 100);
    const isGroup =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (isGroup) {
      const allowedDepth = option.type === ApplicationCommandOptionType.SubcommandGroup ? 0 : 1;
      if (depth > allowedDepth) {
        errors.add(
          [...at, "type"],
          "APPLICATION_COMMAND_OPTION_TYPE_INVALID",
          "Subcommands cannot be nested this deep",
        );
      }
      validateOptions(
        errors,
        [...at, "options"],
        (option.options ?? []).filter(isOption),
        depth + 1,
      );
      return;
    }
    const required = "required" in option && option.required === true;
    if (required && optionalSeen) {
      errors.add(
        [...at, "required"],
        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        "Required options must be placed before non-required options",
      );
    }
    optionalSeen ||= !required;
    if ("choices" in option && option.choices !== undefined) {
      errors.maxItems([...at, "choices"], option.choices, 25);
      if ("autocomplete" in option && option.autocomplete === true) {
        errors.add(
          [...at, "autocomplete"],
          "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES",
          "Autocomplete cannot be used with choices",
        );
      }
    }
  });
}

function isOption(value: unknown): value is APIApplicationCommandOption {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    typeof value.type === "number" &&
    typeof value.description === "string"
  );
}

function isNumber(value: unknown): value is number {
  return typeof value === "number";
}
