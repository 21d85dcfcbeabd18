import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Book } from "../core/Book.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";

/** What the bot sends: message fields as Discord's API takes them. */
export interface ReplyMessage {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** A handler's answer: a new private reply, or an update of the message whose button was pressed. */
export interface Reply {
  readonly mode: "reply" | "update";
  readonly message: ReplyMessage;
}

/** Everything a handler may use, built once in app.ts. */
export interface Services {
  readonly book: Book;
  readonly store: Store;
  readonly authorIds: ReadonlySet<string>;
  readonly log: Logger;
  /** When the next part drops in this server, if a schedule is set. */
  nextDropAt(guildId: string): Date | undefined;
}

/** Who asked, where, when, and with which options: plain data, no discord.js objects. */
export interface CommandContext {
  readonly guildId: string;
  readonly userId: string;
  /** The member has Manage Server in this server. */
  readonly canManageGuild: boolean;
  readonly now: Date;
  readonly subcommand?: string;
  readonly options: ReadonlyMap<string, string | number | boolean>;
}

export interface ChatCommand {
  readonly data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(services: Services, context: CommandContext): Reply | Promise<Reply>;
  autocomplete?(
    services: Services,
    context: CommandContext,
    focused: string,
  ): APIApplicationCommandOptionChoice<string>[];
}

/** Handles buttons whose custom_id starts with `${prefix}:`; `args` is the rest, split at ':'. */
export interface ButtonHandler {
  readonly prefix: string;
  execute(
    services: Services,
    context: CommandContext,
    args: readonly string[],
  ): Reply | Promise<Reply>;
}
