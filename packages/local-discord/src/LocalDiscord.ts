/**
 * The local Discord: one HTTP server on 127.0.0.1 for the REST API and the gateway, and what
 * tests do with it: build the world, act as members, and look at what the bot did. The
 * package's index shows a tour.
 */
import type { APIApplicationCommandOptionChoice, APIUser } from "discord-api-types/v10";
import type { FaultInjection, InjectedFault } from "./FaultPlan.js";
import type { InteractionOutcome } from "./InteractionOutcome.js";
import type {
  CommandRun,
  ComponentUse,
  ModalSubmission,
} from "./interactions/MemberInteractions.js";
import { LocalDiscordInspection } from "./LocalDiscordInspection.js";
import type { LocalDiscordOptions } from "./LocalDiscordOptions.js";
import type { StoredMessage } from "./StoredMessage.js";
import type { SpecViolation } from "./spec/SpecViolation.js";
import type { NewGuild } from "./state/DiscordState.js";
import { type LocalDiscordParts, wireLocalDiscord } from "./wireLocalDiscord.js";
import type { MemberMessage } from "./world/MemberActions.js";
import type {
  ChannelInput,
  CreatedChannel,
  CreatedGuild,
  CreatedMember,
  MemberInput,
  PermissionName,
} from "./world/WorldAdmin.js";

/** An interaction the bot acknowledged (see `LocalDiscord.onInteractionAnswered`). */
export interface InteractionAnswer {
  readonly interactionId: string;
  /** The message the answer is on: the reply, or the clicked message it updated. */
  readonly messageId: string | null;
}

export class LocalDiscord extends LocalDiscordInspection {
  /** The bot token the server accepts, for `client.login()`. */
  readonly token: string;
  readonly #parts: LocalDiscordParts;
  readonly #origin: string;
  static readonly #specListeners = new Set<(violation: SpecViolation) => void>();

  /**
   * Calls `listener` with every request any local Discord in this process answers 400 because
   * Discord's OpenAPI spec rejects its body (a test setup fails the test that sent it); returns
   * the function that stops it.
   */
  static onSpecViolation(listener: (violation: SpecViolation) => void): () => void {
    LocalDiscord.#specListeners.add(listener);
    return () => LocalDiscord.#specListeners.delete(listener);
  }

  private constructor(parts: LocalDiscordParts, origin: string) {
    super(parts);
    this.#parts = parts;
    this.#origin = origin;
    this.token = parts.token;
  }

  /** Starts a server on 127.0.0.1 (a free port unless `port` is given). */
  static async start(options: LocalDiscordOptions = {}): Promise<LocalDiscord> {
    let origin = "";
    const parts = wireLocalDiscord(options, {
      origin: () => origin,
      onSpecViolation: (violation) => {
        for (const listener of LocalDiscord.#specListeners) listener(violation);
      },
    });
    origin = await parts.http.listen(options.port ?? 0);
    parts.gateway.listenOn(origin);
    return new LocalDiscord(parts, origin);
  }

  /** For `new Client({ rest: { api } })`: "http://127.0.0.1:PORT/api" (discord.js adds /v10). */
  get apiUrl(): string {
    return `${this.#origin}/api`;
  }

  get gatewayUrl(): string {
    return this.#parts.gateway.url;
  }

  get application(): { readonly id: string } {
    return { id: this.#parts.state.applicationId };
  }

  get botUser(): APIUser {
    return this.#parts.state.botUser;
  }

  // ---- The world ---------------------------------------------------------------------------

  /** A guild with #general, an owner, @everyone and the bot (with its role); dispatched if connected. */
  createGuild(input: NewGuild): CreatedGuild {
    return this.#parts.admin.createGuild(input);
  }

  /** A text channel; `denyBot` takes permissions away from the bot there. */
  createChannel(guildId: string, input: ChannelInput): CreatedChannel {
    return this.#parts.admin.createChannel(guildId, input);
  }

  /**
   * Deletes a guild text channel with its messages and threads (CHANNEL_DELETE); requests to it
   * then get 10003 Unknown Channel. The guild's system channel cannot be deleted here.
   */
  deleteChannel(channelId: string): void {
    this.#parts.admin.deleteChannel(channelId);
  }

  /** Changes what the bot is denied in a channel (a member overwrite). */
  denyBot(channelId: string, permissions: readonly PermissionName[]): void {
    this.#parts.admin.denyBot(channelId, permissions);
  }

  /** A role in a guild; give it to members with `addMember({ roleIds })`. */
  createRole(
    guildId: string,
    input: { readonly name: string; readonly permissions: bigint },
  ): string {
    return this.#parts.admin.createRole(guildId, input);
  }

  /**
   * A new user who joins the guild. `permissions` gives them a role with exactly those (on top
   * of @everyone); without it they have @everyone's.
   */
  addMember(guildId: string, input: MemberInput): CreatedMember {
    return this.#parts.admin.addMember(guildId, input);
  }

  /** A user in no guild (e.g. to DM the bot). */
  createUser(username: string): APIUser {
    return this.#parts.admin.createUser(username);
  }

  /** The id of the DM channel between the bot and this user. */
  dmChannel(userId: string): string {
    return this.#parts.admin.dmChannel(userId);
  }

  /**
   * The user stops accepting DMs from the bot (privacy settings, or blocked it): the bot can
   * still open the DM channel, but its messages there get 403 50007 "Cannot send messages to
   * this user". The user can still write to the bot.
   */
  closeDms(userId: string): void {
    this.#parts.admin.closeDms(userId);
  }

  /** The user accepts the bot's DMs again. */
  openDms(userId: string): void {
    this.#parts.admin.openDms(userId);
  }

  // ---- The bot joining and leaving guilds --------------------------------------------------

  /** Whether the bot is in the guild: false after `removeBot` or the bot leaving it itself. */
  botIsIn(guildId: string): boolean {
    return this.#parts.admin.botIsIn(guildId);
  }

  /**
   * A moderator kicks the bot, as when it leaves (DELETE /users/@me/guilds/:guild): its session
   * for the guild's shard gets GUILD_DELETE `{ id }` without `unavailable`; after that no event
   * of the guild reaches it, its requests there get 50001 Missing Access, READY leaves the guild
   * out, and members cannot use its commands or components there. Members still talk and react.
   */
  removeBot(guildId: string): void {
    this.#parts.admin.removeBot(guildId);
  }

  /**
   * The bot is invited back, with its role as it was: GUILD_CREATE to its session for the
   * guild's shard, as at login. The guild's commands it had registered are there again.
   */
  addBot(guildId: string): void {
    this.#parts.admin.addBot(guildId);
  }

  // ---- Members acting ----------------------------------------------------------------------

  /** A member posts a message (MESSAGE_CREATE to the bot, subject to intents). */
  sendMessage(input: MemberMessage): StoredMessage {
    return this.#parts.members.sendMessage(input);
  }

  /** A member reacts (MESSAGE_REACTION_ADD with member). Throws for ephemeral or unknown messages. */
  react(userId: string, channelId: string, messageId: string, emoji: string): void {
    this.#parts.members.react(userId, channelId, messageId, emoji);
  }

  unreact(userId: string, channelId: string, messageId: string, emoji: string): void {
    this.#parts.members.unreact(userId, channelId, messageId, emoji);
  }

  /**
   * A moderator clears a message's reactions: those with `emoji` (MESSAGE_REACTION_REMOVE_EMOJI),
   * or all of them (MESSAGE_REACTION_REMOVE_ALL). Nothing is dispatched when there were none.
   */
  clearReactions(channelId: string, messageId: string, emoji?: string): void {
    this.#parts.members.clearReactions(channelId, messageId, emoji);
  }

  /**
   * A member runs a slash command: INTERACTION_CREATE (type 2) with the options tree; resolves
   * with the bot's finished answer. Rejects when the command or options are not what the bot
   * registered, when the bot does not acknowledge within `interactionTimeoutMs`, or when the
   * answer is not complete within `timeoutMs`.
   */
  runCommand(run: CommandRun): Promise<InteractionOutcome> {
    return this.#parts.memberInteractions.runCommand(run);
  }

  /** A member types in an autocomplete option (`focused`); resolves with the bot's choices. */
  autocomplete(
    run: CommandRun & { readonly focused: string },
  ): Promise<readonly APIApplicationCommandOptionChoice[]> {
    return this.#parts.memberInteractions.autocomplete(run);
  }

  /** A member clicks a button; resolves with the updated (7, 6) or new (4, 5) message. */
  clickButton(use: ComponentUse): Promise<InteractionOutcome> {
    return this.#parts.memberInteractions.clickButton(use);
  }

  /** A member picks options of a string select menu. */
  selectMenu(
    use: ComponentUse & { readonly values: readonly string[] },
  ): Promise<InteractionOutcome> {
    return this.#parts.memberInteractions.selectMenu(use);
  }

  /** A member submits a modal the bot showed (text inputs by custom_id). */
  submitModal(submission: ModalSubmission): Promise<InteractionOutcome> {
    return this.#parts.memberInteractions.submitModal(submission);
  }

  // ---- Load tests --------------------------------------------------------------------------

  /**
   * For load tests: runs a slash command like `runCommand`, but returns the interaction's id as
   * soon as INTERACTION_CREATE is dispatched, without waiting for (or watching) the answer;
   * `onInteractionAnswered` reports it.
   */
  dispatchCommand(run: CommandRun): string {
    return this.#parts.memberInteractions.dispatchCommand(run).id;
  }

  /** For load tests: clicks a button like `clickButton`, returning at once with the interaction's id. */
  dispatchButtonClick(use: ComponentUse): string {
    return this.#parts.memberInteractions.dispatchButtonClick(use).id;
  }

  /**
   * Calls `listener` as the bot's first answer to each interaction is accepted, with the message
   * that answer is on (the reply, or the clicked message it updated; null for other answers).
   * Returns a function that removes the listener.
   */
  onInteractionAnswered(listener: (answer: InteractionAnswer) => void): () => void {
    return this.#parts.interactions.onAnswered((record) =>
      listener({ interactionId: record.id, messageId: record.originalMessageId }),
    );
  }

  /**
   * Makes the next `times` (default 1) requests that match `method`, `route` and `path` fail
   * with `fault` before anything else is checked, so nothing is created: a 5xx, a 429 with
   * Retry-After (scope "user", or "global" with X-RateLimit-Global; these are not
   * `rateLimitViolations`), or a hang (no answer; the connection stays open until the client
   * aborts or `close()`). Faulted requests are in `requests` with `fault` set (status 0 for a
   * hang). Earlier injections come first when several match.
   *
   * ```ts
   * const outage = discord.injectFault({ route: "POST /channels/:channel/messages",
   *   times: Infinity, fault: { status: 503 } });
   * outage.hits;  outage.clear();
   * ```
   */
  injectFault(injection: FaultInjection): InjectedFault {
    return this.#parts.faults.add(injection);
  }

  /** Asks every connected client to reconnect (op 7); discord.js resumes. */
  requestReconnect(): void {
    this.#parts.gateway.requestReconnect();
  }

  /** Drops every gateway connection (close 4000); discord.js reconnects and resumes. */
  disconnectAll(): void {
    this.#parts.gateway.disconnectAll();
  }

  /** Holds back HELLO from new gateway connections until `release()`: a client stays connecting. */
  holdGateway(): { release(): void } {
    return this.#parts.gateway.hold();
  }

  async close(): Promise<void> {
    this.#parts.changes.failAll("LocalDiscord was closed");
    await this.#parts.gateway.close();
    await this.#parts.http.close();
  }
}
