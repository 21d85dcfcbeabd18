import type {
  APIApplicationCommandOptionChoice,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Book } from "../core/Book.js";
import type { Drop, DropAttempt, DropReason, EffectiveSettings } from "../core/drop.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import type { Reply } from "../views/ReplyMessage.js";

/** Everything a handler may use, built once in app.ts. */
export interface Services {
  readonly book: Book;
  readonly store: Store;
  readonly authorIds: ReadonlySet<string>;
  readonly log: Logger;
  readonly drops: DropControl;
}

/** What the commands may ask of the drop scheduler. */
export interface DropControl {
  /** The next `count` drop times of a server after `now`; empty with no usable schedule or when paused. */
  nextDrops(guildId: string, now: Date, count: number): Date[];
  /** Why a server's stored schedule cannot be used, or undefined. */
  scheduleProblem(guildId: string): string | undefined;
  /** Judges a schedule the authors want to set. */
  checkSchedule(expression: string, timezone: string, now: Date): ScheduleVerdict;
  settingsFor(guildId: string): EffectiveSettings;
  /** Drops the next part now (or finishes an interrupted drop). */
  drop(guildId: string, reason: DropReason): Promise<DropAttempt>;
  /** Gives up the server's unfinished drop, releasing its part; the drop, or undefined if none. */
  skip(guildId: string, now: Date): Promise<Drop | undefined>;
  /** Applies a server's changed settings to the running schedule. */
  reschedule(guildId: string): void;
  /** Why the bot cannot post drops in a channel, or undefined when it can. */
  channelProblem(guildId: string, channelId: string): string | undefined;
  /** The authors chose a reading channel: lets a drop waiting for them go when it can. */
  useChannel(
    guildId: string,
    channelId: string,
    now: Date,
  ): { readonly waiting: Drop | undefined; readonly retried: boolean };
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
