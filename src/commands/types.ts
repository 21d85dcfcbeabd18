import type { APIApplicationCommandOptionChoice } from "discord.js";
import type { Drop, DropAttempt, DropReason, EffectiveSettings } from "../core/drop.js";
import type { Library } from "../core/Library.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import type { StoryProblem } from "../core/story.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";
import type { ReloadOutcome } from "../story/LiveLibrary.js";
import type { Reply } from "../views/ReplyMessage.js";
import type { CommandData, Invocation, SubcommandName } from "./commandData.js";

/** Everything a handler may use, built once in app.ts. */
export interface Services {
  /** The stories served now: a reload swaps the whole library between two interactions. */
  readonly library: () => Library;
  readonly store: Store;
  readonly authorIds: ReadonlySet<string>;
  readonly log: Logger;
  /** The drops of one story of the library, in every server. */
  readonly drops: (storyId: string) => DropControl;
  /** Reads the story folder again, swapping it in when valid (see LiveLibrary). */
  readonly reload: () => Promise<ReloadOutcome>;
  /** What the last reload found wrong in the story folder; empty while it is valid. */
  readonly libraryProblems: () => readonly StoryProblem[];
  /** The story folder's name, as problems shown to authors name their files from it. */
  readonly storyDir: string;
}

/** What the commands may ask of one story's drop scheduler. */
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
  channelProblem(guildId: string, channelId: string): Promise<string | undefined>;
  /** The authors chose a reading channel: lets a drop waiting for them go when it can. */
  useChannel(
    guildId: string,
    channelId: string,
    now: Date,
  ): { readonly waiting: Drop | undefined; readonly retried: boolean };
}

/** Who asked, where and when: plain data, no discord.js objects. */
export interface MemberContext {
  readonly guildId: string;
  readonly userId: string;
  /** The member has Manage Server in this server. */
  readonly canManageGuild: boolean;
  /** The member's roles here, as the interaction carries them (no members intent needed). */
  readonly roleIds: ReadonlySet<string>;
  readonly now: Date;
}

/** Who asked, where, when, and with which subcommand and options, as the data `D` types them. */
export type CommandContext<D extends CommandData> = MemberContext & Invocation<D>;

/** Who may run a command: every member, or the authors (AUTHOR_IDS and members with Manage Server). */
export type Access = "member" | "author";

/**
 * A slash command. The dispatcher checks `access` before `execute` and `autocomplete`, and reads
 * the options against `data` before `execute`, which is what makes the context's types true. A
 * command typed by its own data still fits `ChatCommand` (as the registry holds them all), since
 * TypeScript compares the parameters of methods both ways.
 */
export interface ChatCommand<D extends CommandData = CommandData> {
  readonly data: D;
  readonly access: Access;
  /** Subcommands whose access differs from the command's. */
  readonly subcommandAccess?: { readonly [S in SubcommandName<D>]?: Access };
  execute(services: Services, context: CommandContext<D>): Reply | Promise<Reply>;
  autocomplete?(
    services: Services,
    context: MemberContext,
    focused: Focused,
  ): APIApplicationCommandOptionChoice<string>[];
}

/** The option a member is typing in, and what they have given the others so far (unchecked). */
export interface Focused {
  readonly subcommand: string | undefined;
  readonly option: string;
  readonly typed: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Handles buttons whose custom_id starts with `${prefix}:`; `args` is the rest, split at ':'.
 * Buttons declare no access: any member may press one, so a button acts only on what is the
 * presser's own (their reading, their data). What only the authors may do is a command.
 */
export interface ButtonHandler {
  readonly prefix: string;
  execute(
    services: Services,
    context: MemberContext,
    args: readonly string[],
  ): Reply | Promise<Reply>;
}
