/**
 * LocalDiscord: a Discord-compatible server on 127.0.0.1 (REST v10 over node:http, gateway over
 * `ws`) for the real, unmodified discord.js Client — the bot's end-to-end tests and the terminal
 * sandbox play the members.
 *
 * ```ts
 * const discord = await LocalDiscord.start({ interactionTimeoutMs: 3000, rateLimits: false });
 * const client = new Client({ intents, partials, rest: { api: discord.apiUrl } });
 * await client.login(discord.token);               // READY + GUILD_CREATE per guild, at once
 *
 * const guild = discord.createGuild({ name: "Serial" });          // with #general, an owner
 * const channel = discord.createChannel(guild.id, { name: "reading", denyBot: ["AddReactions"] });
 * const reader = discord.addMember(guild.id, { username: "ann", permissions: 0n });
 *
 * const reply = await discord.runCommand({ channelId: channel.id, userId: reader.id,
 *   name: "serial read", options: { page: 2 } });   // "serial read" = command + subcommand
 * reply.type;  reply.message.embeds;                // the finished answer (see InteractionOutcome)
 * const next = await discord.clickButton({ userId: reader.id, message: reply.message, customId: "next" });
 * const choices = await discord.autocomplete({ channelId, userId, name: "serial read", options: { story: "dr" }, focused: "story" });
 * discord.react(reader.id, channel.id, next.message.id, "❤️");  discord.unreact(...);
 * discord.clearReactions(channel.id, messageId, "❤️");  // a moderator removes every ❤️ (no emoji: every reaction)
 * discord.sendMessage({ userId: reader.id, channelId: channel.id, content: "hi" });
 * discord.deleteChannel(channel.id);               // CHANNEL_DELETE; the API answers 10003 after
 *
 * discord.closeDms(reader.id);  discord.openDms(reader.id);  // closed: the bot may open the DM,
 *                                                  // but its messages there get 403 50007
 * discord.removeBot(guild.id);                     // kicked, like the bot's own guild.leave():
 *                                                  // GUILD_DELETE { id } (no `unavailable`), then no
 *                                                  // events of the guild, 50001 for its REST, and
 *                                                  // runCommand/clickButton there throw
 * discord.addBot(guild.id);                        // invited back: GUILD_CREATE, as at login
 * discord.botIsIn(guild.id);
 *
 * const id = discord.dispatchCommand({ channelId, userId, name: "next" });  // load tests: no wait,
 * discord.onInteractionAnswered(({ interactionId, messageId }) => ...);     // answers reported here
 *
 * const fault = discord.injectFault({ method: "POST", path: /^\/channels\/\d+\/messages$/, times: 2,
 *   fault: { status: 503 } });                     // or { status: 429, retryAfterMs: 300 }, { hang: true }
 * fault.hits;  fault.clear();
 *
 * discord.messages(channel.id)   // everything posted there, ephemeral replies included (flags 64)
 * discord.message(id); discord.files(messageId); discord.commands(guildId?); discord.followUps(interactionId)
 * discord.requests / unhandledRequests / rateLimitViolations / specViolations / dispatches / sessions
 * await discord.waitFor(() => discord.messages(channel.id).length >= 3, { description: "3 messages" });
 * discord.requestReconnect();  discord.disconnectAll();  await discord.close();
 * ```
 *
 * Discord's rules are enforced so that mistakes show up here rather than in production: message
 * and embed limits (50035 naming the field), empty messages (50006), permissions (50013), unknown
 * ids (10003, 10008, ...), interactions acknowledged once (40060) within `interactionTimeoutMs`
 * (10062), rate limits with real headers (429 recorded in `rateLimitViolations`), intents and
 * shards on the gateway, ephemeral messages that are never dispatched nor reactable, guilds the
 * bot is not in (50001), users who do not accept its DMs (50007). Every request to a route it
 * does not know gets 404 and lands in `unhandledRequests`; every body Discord's OpenAPI spec
 * rejects gets 400 and lands in `specViolations` (and `LocalDiscord.onSpecViolation`). Discord's own faults (5xx, unexpected
 * 429s, requests that never get an answer) happen only when a test injects them (`injectFault`).
 *
 * Waits are event-driven and bounded (`waitTimeoutMs`): they fail with a message saying what
 * was awaited, never sleep-and-hope.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type {
  APIApplicationCommand,
  APIApplicationCommandOptionChoice,
  APIEmbed,
  APIMessage,
  APIModalSubmitTextInputComponent,
  APIUser,
} from "discord-api-types/v10";
import {
  ButtonStyle,
  ComponentType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { BotMembership } from "./BotMembership.js";
import { buildCommandOptions, type CommandInvocation } from "./buildCommandOptions.js";
import {
  autocompleteInteraction,
  chatInputInteraction,
  componentInteraction,
  modalSubmitInteraction,
} from "./buildInteraction.js";
import { ChangeFeed, type WaitOptions } from "./ChangeFeed.js";
import { CommandRegistry } from "./CommandRegistry.js";
import { DiscordState } from "./DiscordState.js";
import { type FaultInjection, FaultPlan, type InjectedFault } from "./FaultPlan.js";
import { customIds, findComponent } from "./findComponent.js";
import { type DispatchRecord, Gateway } from "./Gateway.js";
import type { GatewaySessionInfo } from "./GatewaySession.js";
import type { InteractionOutcome } from "./InteractionOutcome.js";
import { InteractionService } from "./InteractionService.js";
import { type LocalDiscordOptions, rateLimitSettings } from "./LocalDiscordOptions.js";
import { MessageService } from "./MessageService.js";
import { emptyMessagePayload } from "./parseMessagePayload.js";
import { RateLimiter, type RateLimitViolation } from "./RateLimiter.js";
import {
  type ArrivingRequest,
  type RecordedRequest,
  RequestLog,
  type UnhandledRequest,
} from "./RequestLog.js";
import type { InteractionRecord, StoredFile } from "./records.js";
import { parseEmoji } from "./rest/parseEmoji.js";
import { RestServer } from "./rest/RestServer.js";
import { SnowflakeGenerator } from "./SnowflakeGenerator.js";
import { DiscordSpec } from "./spec/DiscordSpec.js";
import type { SpecViolation } from "./spec/SpecViolation.js";

/** A message as the API serves it (reactions included). Ephemeral ones have flags & 64. */
export type StoredMessage = APIMessage;

/** A permission by its discord.js name: "SendMessages", "AddReactions", ... */
export type PermissionName = keyof typeof PermissionFlagsBits;

export interface CreatedGuild {
  readonly id: string;
  readonly name: string;
  /** #general. */
  readonly systemChannelId: string;
  /** A member who owns the guild (all permissions). */
  readonly ownerId: string;
  /** The @everyone role (same id as the guild). */
  readonly everyoneRoleId: string;
  readonly botRoleId: string;
}

export interface CreatedChannel {
  readonly id: string;
  readonly name: string;
  readonly guildId: string;
}

export interface CreatedMember {
  readonly id: string;
  readonly username: string;
  readonly guildId: string;
}

/** Who runs a command, and where (the guild is the channel's; DMs have none). */
export interface CommandRun extends CommandInvocation {
  readonly channelId: string;
  readonly userId: string;
  /** How long to wait for the finished answer (default `waitTimeoutMs`). */
  readonly timeoutMs?: number;
}

export interface ComponentUse {
  readonly userId: string;
  /** The message the component is on, or its id. */
  readonly message: StoredMessage | string;
  readonly customId: string;
  readonly timeoutMs?: number;
}

export interface ModalSubmission {
  readonly userId: string;
  readonly channelId: string;
  readonly customId: string;
  /** Text input values by custom_id. */
  readonly fields: Readonly<Record<string, string>>;
  /** The message whose component opened the modal, if any. */
  readonly message?: StoredMessage | string;
  readonly timeoutMs?: number;
}

export interface MemberMessage {
  readonly userId: string;
  readonly channelId: string;
  readonly content?: string;
  readonly embeds?: APIEmbed[];
  /** Reply to this message. */
  readonly replyTo?: string;
}

/** An interaction the bot acknowledged (see `LocalDiscord.onInteractionAnswered`). */
export interface InteractionAnswer {
  readonly interactionId: string;
  /** The message the answer is on: the reply, or the clicked message it updated. */
  readonly messageId: string | null;
}

const ACK_GRACE_MS = 100;

export class LocalDiscord {
  /** The bot token the server accepts, for `client.login()`. */
  readonly token: string;
  readonly #server: Server;
  readonly #state: DiscordState;
  readonly #changes: ChangeFeed;
  readonly #gateway: Gateway;
  readonly #messages: MessageService;
  readonly #interactions: InteractionService;
  readonly #commands: CommandRegistry;
  readonly #membership: BotMembership;
  readonly #log = new RequestLog();
  readonly #faults = new FaultPlan();
  readonly #dispatches: DispatchRecord[] = [];
  #origin = "";
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

  private constructor(options: LocalDiscordOptions) {
    const snowflakes = new SnowflakeGenerator();
    this.#changes = new ChangeFeed(options.waitTimeoutMs ?? 5000);
    this.#state = new DiscordState(
      snowflakes,
      options.botUsername ?? "Serial Bot",
      () => this.#origin,
    );
    this.token =
      options.token ??
      `${Buffer.from(this.#state.botUser.id).toString("base64url")}.local.${randomBytes(12).toString("base64url")}`;
    this.#gateway = new Gateway({
      state: this.#state,
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
      changes: this.#changes,
      onDispatch: (record) => this.#dispatches.push(record),
    });
    this.#messages = new MessageService(
      this.#state,
      this.#gateway,
      this.#changes,
      options.nonceWindowMs ?? 300_000,
    );
    this.#interactions = new InteractionService(
      this.#state,
      this.#messages,
      this.#gateway,
      this.#changes,
      {
        acknowledgeMs: options.interactionTimeoutMs ?? 3000,
        tokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
      },
    );
    this.#commands = new CommandRegistry(this.#state.applicationId, snowflakes, this.#changes);
    this.#membership = new BotMembership(this.#state, this.#gateway, this.#changes);
    const settings = rateLimitSettings(options.rateLimits);
    const rest = new RestServer({
      services: {
        state: this.#state,
        messages: this.#messages,
        interactions: this.#interactions,
        commands: this.#commands,
        gateway: this.#gateway,
        membership: this.#membership,
      },
      token: this.token,
      rateLimiter: settings === null ? null : new RateLimiter(settings),
      log: this.#log,
      changes: this.#changes,
      faults: this.#faults,
      spec: DiscordSpec.load(),
      onSpecViolation: (violation) => {
        for (const listener of LocalDiscord.#specListeners) listener(violation);
      },
    });
    this.#server = createServer((request, response) => {
      void rest.handle(request, response);
    });
    this.#server.on("upgrade", (request, socket, head: Buffer) => {
      if (!this.#gateway.handleUpgrade(request, socket, head)) {
        socket.destroy();
      }
    });
  }

  /** Starts a server on 127.0.0.1 (a free port unless `port` is given). */
  static async start(options: LocalDiscordOptions = {}): Promise<LocalDiscord> {
    const discord = new LocalDiscord(options);
    await new Promise<void>((resolve, reject) => {
      discord.#server.once("error", reject);
      discord.#server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    const address = discord.#server.address();
    if (address === null || typeof address === "string") {
      throw new Error("LocalDiscord: the server has no TCP address");
    }
    discord.#origin = `http://127.0.0.1:${address.port}`;
    discord.#gateway.listenOn(discord.#origin);
    return discord;
  }

  /** For `new Client({ rest: { api } })`: "http://127.0.0.1:PORT/api" (discord.js adds /v10). */
  get apiUrl(): string {
    return `${this.#origin}/api`;
  }

  get gatewayUrl(): string {
    return this.#gateway.url;
  }

  get application(): { readonly id: string } {
    return { id: this.#state.applicationId };
  }

  get botUser(): APIUser {
    return this.#state.botUser;
  }

  // ---- The world ---------------------------------------------------------------------------

  /** A guild with #general, an owner, @everyone and the bot (with its role); dispatched if connected. */
  createGuild(input: {
    readonly name: string;
    /** Give it an id on this shard: [shardId, shardCount]. */
    readonly shard?: readonly [number, number];
    readonly botPermissions?: bigint;
    readonly everyonePermissions?: bigint;
  }): CreatedGuild {
    const guild = this.#state.addGuild(input);
    this.#gateway.dispatch(GatewayDispatchEvents.GuildCreate, this.#state.guildCreateJson(guild), {
      guildId: guild.id,
    });
    this.#changes.notify();
    return {
      id: guild.id,
      name: guild.name,
      systemChannelId: guild.systemChannelId,
      ownerId: guild.ownerId,
      everyoneRoleId: guild.id,
      botRoleId: guild.botRoleId,
    };
  }

  /** A text channel; `denyBot` takes permissions away from the bot there. */
  createChannel(
    guildId: string,
    input: {
      readonly name: string;
      readonly topic?: string;
      readonly denyBot?: readonly PermissionName[];
    },
  ): CreatedChannel {
    const channel = this.#state.addChannel(guildId, {
      name: input.name,
      ...(input.topic === undefined ? {} : { topic: input.topic }),
      denyBot: permissionBits(input.denyBot ?? []),
    });
    this.#gateway.dispatch(
      GatewayDispatchEvents.ChannelCreate,
      { ...this.#state.textChannelJson(channel), guild_id: guildId },
      { guildId },
    );
    this.#changes.notify();
    return { id: channel.id, name: channel.name, guildId };
  }

  /**
   * Deletes a guild text channel with its messages and threads (CHANNEL_DELETE); requests to it
   * then get 10003 Unknown Channel. The guild's system channel cannot be deleted here.
   */
  deleteChannel(channelId: string): void {
    const channel = this.#state.channel(channelId);
    const guildId = channel.guildId;
    if (guildId === null || channel.parentId !== null) {
      throw new Error(`deleteChannel: ${channelId} is not a guild text channel`);
    }
    const guild = this.#state.guild(guildId);
    if (guild.systemChannelId === channelId) {
      throw new Error(`deleteChannel: ${channelId} is the guild's system channel`);
    }
    const json = { ...this.#state.textChannelJson(channel), guild_id: guildId };
    const removed = [...this.#state.channels.values()].filter(
      (candidate) => candidate.id === channelId || candidate.parentId === channelId,
    );
    for (const gone of removed) {
      for (const messageId of gone.messageIds) this.#state.messages.delete(messageId);
      this.#state.channels.delete(gone.id);
    }
    const remaining = guild.channelIds.filter((id) => this.#state.channels.has(id));
    guild.channelIds.splice(0, guild.channelIds.length, ...remaining);
    this.#gateway.dispatch(GatewayDispatchEvents.ChannelDelete, json, { guildId });
    this.#changes.notify();
  }

  /** Changes what the bot is denied in a channel (a member overwrite). */
  denyBot(channelId: string, permissions: readonly PermissionName[]): void {
    this.#state.channel(channelId).denyBot = permissionBits(permissions);
    this.#changes.notify();
  }

  /** A role in a guild; give it to members with `addMember({ roleIds })`. */
  createRole(
    guildId: string,
    input: { readonly name: string; readonly permissions: bigint },
  ): string {
    const role = this.#state.addRole(
      guildId,
      this.#state.snowflakes.next(),
      input.name,
      input.permissions,
      null,
    );
    this.#gateway.dispatch(
      GatewayDispatchEvents.GuildRoleCreate,
      { guild_id: guildId, role: this.#state.roleJson(role) },
      { guildId },
    );
    this.#changes.notify();
    return role.id;
  }

  /**
   * A new user who joins the guild. `permissions` gives them a role with exactly those (on top
   * of @everyone); without it they have @everyone's.
   */
  addMember(
    guildId: string,
    input: {
      readonly username: string;
      readonly permissions?: bigint;
      readonly roleIds?: readonly string[];
    },
  ): CreatedMember {
    const user = this.#state.addUser(input.username);
    const roleIds = [...(input.roleIds ?? [])];
    if (input.permissions !== undefined) {
      roleIds.push(
        this.createRole(guildId, {
          name: `${input.username}'s permissions`,
          permissions: input.permissions,
        }),
      );
    }
    this.#state.addMember(guildId, user.id, roleIds);
    this.#gateway.dispatch(
      GatewayDispatchEvents.GuildMemberAdd,
      { ...this.#state.memberJson(guildId, user.id), guild_id: guildId },
      { guildId },
    );
    this.#changes.notify();
    return { id: user.id, username: user.username, guildId };
  }

  /** A user in no guild (e.g. to DM the bot). */
  createUser(username: string): APIUser {
    return this.#state.addUser(username);
  }

  /** The id of the DM channel between the bot and this user. */
  dmChannel(userId: string): string {
    return this.#state.dmChannel(userId).id;
  }

  /**
   * The user stops accepting DMs from the bot (privacy settings, or blocked it): the bot can
   * still open the DM channel, but its messages there get 403 50007 "Cannot send messages to
   * this user". The user can still write to the bot.
   */
  closeDms(userId: string): void {
    this.#state.user(userId);
    this.#state.closedDms.add(userId);
    this.#changes.notify();
  }

  /** The user accepts the bot's DMs again. */
  openDms(userId: string): void {
    this.#state.user(userId);
    this.#state.closedDms.delete(userId);
    this.#changes.notify();
  }

  // ---- The bot joining and leaving guilds --------------------------------------------------

  /** Whether the bot is in the guild: false after `removeBot` or the bot leaving it itself. */
  botIsIn(guildId: string): boolean {
    return this.#state.botIsIn(this.#state.guild(guildId).id);
  }

  /**
   * A moderator kicks the bot, as when it leaves (DELETE /users/@me/guilds/:guild): its session
   * for the guild's shard gets GUILD_DELETE `{ id }` without `unavailable`; after that no event
   * of the guild reaches it, its requests there get 50001 Missing Access, READY leaves the guild
   * out, and members cannot use its commands or components there. Members still talk and react.
   */
  removeBot(guildId: string): void {
    if (!this.botIsIn(guildId)) {
      throw new Error(`removeBot: the bot is not in server ${guildId}`);
    }
    this.#membership.remove(guildId);
  }

  /**
   * The bot is invited back, with its role as it was: GUILD_CREATE to its session for the
   * guild's shard, as at login. The guild's commands it had registered are there again.
   */
  addBot(guildId: string): void {
    if (this.botIsIn(guildId)) {
      throw new Error(`addBot: the bot is already in server ${guildId}`);
    }
    this.#membership.add(guildId);
  }

  // ---- Members acting ----------------------------------------------------------------------

  /** A member posts a message (MESSAGE_CREATE to the bot, subject to intents). */
  sendMessage(input: MemberMessage): StoredMessage {
    const channel = this.#state.channel(input.channelId);
    this.#requireAccess(input.userId, channel.id);
    const record = this.#messages.create({
      channel,
      authorId: input.userId,
      payload: {
        ...emptyMessagePayload(),
        content: input.content,
        embeds: input.embeds,
        messageReference:
          input.replyTo === undefined
            ? undefined
            : { messageId: input.replyTo, failIfNotExists: true },
      },
    });
    return this.#state.messageJson(record);
  }

  /** A member reacts (MESSAGE_REACTION_ADD with member). Throws for ephemeral or unknown messages. */
  react(userId: string, channelId: string, messageId: string, emoji: string): void {
    this.#requireAccess(userId, channelId);
    this.#messages.addReaction(
      this.#state.message(channelId, messageId),
      userId,
      parseEmoji(emoji),
    );
  }

  unreact(userId: string, channelId: string, messageId: string, emoji: string): void {
    this.#messages.removeReaction(
      this.#state.message(channelId, messageId),
      userId,
      parseEmoji(emoji),
    );
  }

  /**
   * A moderator clears a message's reactions: those with `emoji` (MESSAGE_REACTION_REMOVE_EMOJI),
   * or all of them (MESSAGE_REACTION_REMOVE_ALL). Nothing is dispatched when there were none.
   */
  clearReactions(channelId: string, messageId: string, emoji?: string): void {
    const record = this.#state.message(channelId, messageId);
    if (emoji === undefined) {
      this.#messages.clearReactions(record);
    } else {
      this.#messages.clearReactionEmoji(record, parseEmoji(emoji));
    }
  }

  /**
   * A member runs a slash command: INTERACTION_CREATE (type 2) with the options tree; resolves
   * with the bot's finished answer. Rejects when the command or options are not what the bot
   * registered, when the bot does not acknowledge within `interactionTimeoutMs`, or when the
   * answer is not complete within `timeoutMs`.
   */
  async runCommand(run: CommandRun): Promise<InteractionOutcome> {
    const { record, payload } = this.#commandInteraction(run, InteractionType.ApplicationCommand);
    this.#interactions.dispatch(record, payload);
    return this.#awaitOutcome(record, run.timeoutMs);
  }

  /** A member types in an autocomplete option (`focused`); resolves with the bot's choices. */
  async autocomplete(
    run: CommandRun & { readonly focused: string },
  ): Promise<readonly APIApplicationCommandOptionChoice[]> {
    const { record, payload } = this.#commandInteraction(
      run,
      InteractionType.ApplicationCommandAutocomplete,
    );
    this.#interactions.dispatch(record, payload);
    const outcome = await this.#awaitOutcome(record, run.timeoutMs);
    if (outcome.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
      throw new Error(`${record.label}: the bot answered autocomplete with type ${outcome.type}`);
    }
    return outcome.choices;
  }

  /** A member clicks a button; resolves with the updated (7, 6) or new (4, 5) message. */
  async clickButton(use: ComponentUse): Promise<InteractionOutcome> {
    const { message, component } = this.#component(use, "button");
    if (
      component.type !== ComponentType.Button ||
      component.style === ButtonStyle.Link ||
      component.style === ButtonStyle.Premium
    ) {
      throw new Error(`button "${use.customId}": that component is not a clickable button`);
    }
    return this.#useComponent(use, message, {
      custom_id: use.customId,
      component_type: ComponentType.Button,
    });
  }

  /** A member picks options of a string select menu. */
  async selectMenu(
    use: ComponentUse & { readonly values: readonly string[] },
  ): Promise<InteractionOutcome> {
    const { message, component } = this.#component(use, "select menu");
    if (component.type !== ComponentType.StringSelect) {
      throw new Error(`select menu "${use.customId}": only string select menus are supported`);
    }
    const offered = Array.isArray(component.options)
      ? component.options.map((option: unknown) =>
          typeof option === "object" && option !== null && "value" in option
            ? option.value
            : undefined,
        )
      : [];
    const unknown = use.values.filter((value) => !offered.includes(value));
    if (unknown.length > 0) {
      throw new Error(`select menu "${use.customId}": ${unknown.join(", ")} not among its options`);
    }
    return this.#useComponent(use, message, {
      custom_id: use.customId,
      component_type: ComponentType.StringSelect,
      values: [...use.values],
    });
  }

  /** A member submits a modal the bot showed (text inputs by custom_id). */
  async submitModal(submission: ModalSubmission): Promise<InteractionOutcome> {
    const channel = this.#state.channel(submission.channelId);
    this.#requireBotIn(channel.guildId, `modal "${submission.customId}"`);
    this.#requireAccess(submission.userId, channel.id);
    const source =
      submission.message === undefined
        ? undefined
        : typeof submission.message === "string"
          ? submission.message
          : submission.message.id;
    const record = this.#newInteraction({
      type: InteractionType.ModalSubmit,
      label: `modal "${submission.customId}"`,
      channelId: channel.id,
      guildId: channel.guildId,
      userId: submission.userId,
      sourceMessageId: source ?? null,
    });
    const components = Object.entries(submission.fields).map(
      ([customId, value]): APIModalSubmitTextInputComponent => ({
        type: ComponentType.TextInput,
        custom_id: customId,
        value,
      }),
    );
    this.#interactions.dispatch(
      record,
      modalSubmitInteraction(this.#state, record, submission.customId, components),
    );
    return this.#awaitOutcome(record, submission.timeoutMs);
  }

  // ---- Load tests --------------------------------------------------------------------------

  /**
   * For load tests: runs a slash command like `runCommand`, but returns the interaction's id as
   * soon as INTERACTION_CREATE is dispatched, without waiting for (or watching) the answer;
   * `onInteractionAnswered` reports it.
   */
  dispatchCommand(run: CommandRun): string {
    const { record, payload } = this.#commandInteraction(run, InteractionType.ApplicationCommand);
    this.#interactions.dispatch(record, payload);
    return record.id;
  }

  /** For load tests: clicks a button like `clickButton`, returning at once with the interaction's id. */
  dispatchButtonClick(use: ComponentUse): string {
    const { message, component } = this.#component(use, "button");
    if (component.type !== ComponentType.Button) {
      throw new Error(`button "${use.customId}": that component is not a button`);
    }
    const channelId = message.message.channel_id;
    this.#requireBotIn(message.guildId, `button "${use.customId}"`);
    this.#requireAccess(use.userId, channelId);
    const record = this.#newInteraction({
      type: InteractionType.MessageComponent,
      label: `button "${use.customId}"`,
      channelId,
      guildId: message.guildId,
      userId: use.userId,
      sourceMessageId: message.message.id,
    });
    this.#interactions.dispatch(
      record,
      componentInteraction(this.#state, record, {
        custom_id: use.customId,
        component_type: ComponentType.Button,
      }),
    );
    return record.id;
  }

  /**
   * Calls `listener` as the bot's first answer to each interaction is accepted, with the message
   * that answer is on (the reply, or the clicked message it updated; null for other answers).
   * Returns a function that removes the listener.
   */
  onInteractionAnswered(listener: (answer: InteractionAnswer) => void): () => void {
    const onRecord = (record: InteractionRecord) =>
      listener({ interactionId: record.id, messageId: record.originalMessageId });
    this.#interactions.answerListeners.add(onRecord);
    return () => this.#interactions.answerListeners.delete(onRecord);
  }

  // ---- Looking -----------------------------------------------------------------------------

  /** Everything posted in a channel, oldest first, ephemeral messages included. */
  messages(channelId: string): StoredMessage[] {
    return this.#state.channel(channelId).messageIds.flatMap((id) => {
      const record = this.#state.messages.get(id);
      return record === undefined ? [] : [this.#state.messageJson(record)];
    });
  }

  /** What every member sees in a channel: its messages less the ephemeral ones, oldest first. */
  posts(channelId: string): StoredMessage[] {
    return this.messages(channelId).filter((message) => ((message.flags ?? 0) & 64) === 0);
  }

  message(id: string): StoredMessage | undefined {
    const record = this.#state.messages.get(id);
    return record === undefined ? undefined : this.#state.messageJson(record);
  }

  /** The files uploaded with a message (name, content type, bytes). */
  files(messageId: string): readonly StoredFile[] {
    return this.#state.messages.get(messageId)?.files ?? [];
  }

  /** Follow-up messages the bot sent for an interaction. */
  followUps(interactionId: string): StoredMessage[] {
    return (this.#state.interactions.get(interactionId)?.followUpIds ?? []).flatMap((id) => {
      const message = this.message(id);
      return message === undefined ? [] : [message];
    });
  }

  /** The commands the bot registered: global, or for a guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.#commands.list(guildId ?? null);
  }

  get requests(): readonly RecordedRequest[] {
    return this.#log.requests;
  }

  /**
   * Calls `listener` as each request arrives, before it is served: the request is still served
   * in full, as Discord would after a client died. Returns a function that removes the listener.
   */
  onRequest(listener: (request: ArrivingRequest) => void): () => void {
    this.#log.arrivalListeners.add(listener);
    return () => this.#log.arrivalListeners.delete(listener);
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
    return this.#faults.add(injection);
  }

  get unhandledRequests(): readonly UnhandledRequest[] {
    return this.#log.unhandled;
  }

  get rateLimitViolations(): readonly RateLimitViolation[] {
    return this.#log.violations;
  }

  /** The requests Discord's OpenAPI spec rejects, answered 400 Invalid Form Body. */
  get specViolations(): readonly SpecViolation[] {
    return this.#log.specViolations;
  }

  /**
   * Every event dispatched after login, with the sessions that got it (READY and the login's
   * GUILD_CREATEs are in `sessions[i].events`).
   */
  get dispatches(): readonly DispatchRecord[] {
    return this.#dispatches;
  }

  get sessions(): GatewaySessionInfo[] {
    return this.#gateway.sessions();
  }

  // ---- Waiting and connections -------------------------------------------------------------

  /** Resolves with `check()`'s first truthy value, re-checked on every change; bounded. */
  waitFor<T>(check: () => T | false | null | undefined, options?: WaitOptions): Promise<T> {
    return this.#changes.waitFor(check, options);
  }

  /** The first message in the channel that matches (any message when no predicate). */
  waitForMessage(
    channelId: string,
    predicate: (message: StoredMessage) => boolean = () => true,
    options?: WaitOptions,
  ): Promise<StoredMessage> {
    return this.waitFor(() => this.messages(channelId).find(predicate), {
      description: `a matching message in channel ${channelId}`,
      ...options,
    });
  }

  /** Asks every connected client to reconnect (op 7); discord.js resumes. */
  requestReconnect(): void {
    this.#gateway.requestReconnect();
  }

  /** Drops every gateway connection (close 4000); discord.js reconnects and resumes. */
  disconnectAll(): void {
    this.#gateway.disconnectAll();
  }

  async close(): Promise<void> {
    this.#changes.failAll("LocalDiscord was closed");
    await this.#gateway.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  // ---- Internals ---------------------------------------------------------------------------

  #commandInteraction(
    run: CommandRun & { readonly focused?: string },
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
  ) {
    const channel = this.#state.channel(run.channelId);
    const label = `/${[run.name, run.subcommand ?? ""].join(" ").trim()}`;
    this.#requireBotIn(channel.guildId, label);
    this.#requireAccess(run.userId, channel.id);
    const built = buildCommandOptions(this.#state, this.#commands, run, {
      guildId: channel.guildId,
      channelId: channel.id,
      userId: run.userId,
      ...(run.focused === undefined ? {} : { focused: run.focused }),
    });
    const record = this.#newInteraction({
      type,
      label,
      channelId: channel.id,
      guildId: channel.guildId,
      userId: run.userId,
      sourceMessageId: null,
    });
    const payload =
      type === InteractionType.ApplicationCommand
        ? chatInputInteraction(this.#state, record, built)
        : autocompleteInteraction(this.#state, record, built);
    return { record, payload };
  }

  #component(use: ComponentUse, kind: string) {
    const id = typeof use.message === "string" ? use.message : use.message.id;
    const record = this.#state.messages.get(id);
    if (record === undefined) {
      throw new Error(`${kind} "${use.customId}": message ${id} does not exist (any more)`);
    }
    const component = findComponent(record.message, use.customId);
    if (component === undefined) {
      throw new Error(
        `${kind} "${use.customId}": not on the message (custom ids: ${customIds(record.message).join(", ") || "none"})`,
      );
    }
    if (component.disabled === true) {
      throw new Error(`${kind} "${use.customId}": it is disabled`);
    }
    return { message: record, component };
  }

  #useComponent(
    use: ComponentUse,
    message: { readonly message: APIMessage; readonly guildId: string | null },
    data: Parameters<typeof componentInteraction>[2],
  ): Promise<InteractionOutcome> {
    const channelId = message.message.channel_id;
    const label = `${data.component_type === ComponentType.Button ? "button" : "select menu"} "${use.customId}"`;
    this.#requireBotIn(message.guildId, label);
    this.#requireAccess(use.userId, channelId);
    const record = this.#newInteraction({
      type: InteractionType.MessageComponent,
      label,
      channelId,
      guildId: message.guildId,
      userId: use.userId,
      sourceMessageId: message.message.id,
    });
    this.#interactions.dispatch(record, componentInteraction(this.#state, record, data));
    return this.#awaitOutcome(record, use.timeoutMs);
  }

  #newInteraction(
    input: Pick<
      InteractionRecord,
      "type" | "label" | "channelId" | "guildId" | "userId" | "sourceMessageId"
    >,
  ): InteractionRecord {
    return {
      ...input,
      id: this.#state.snowflakes.next(),
      token: `aW50ZXJhY3Rpb24.${randomBytes(48).toString("base64url")}`,
      createdAt: Date.now(),
      response: null,
      originalMessageId: input.sourceMessageId,
      originalEdits: 0,
      followUpIds: [],
      choices: null,
      modal: null,
      lateCallbackAt: null,
    };
  }

  async #awaitOutcome(
    record: InteractionRecord,
    timeoutMs: number | undefined,
  ): Promise<InteractionOutcome> {
    const acknowledgeMs = this.#interactions.acknowledgeMs;
    await this.#changes.waitFor(
      () => {
        if (record.lateCallbackAt !== null) {
          throw new Error(
            `${record.label}: the bot answered after ${record.lateCallbackAt - record.createdAt} ms; Discord refused it with 10062 Unknown interaction (limit ${acknowledgeMs} ms)`,
          );
        }
        return record.response !== null;
      },
      {
        timeoutMs: acknowledgeMs + ACK_GRACE_MS,
        description: `the bot to acknowledge ${record.label} (Discord allows ${acknowledgeMs} ms)`,
      },
    );
    return this.#changes.waitFor(() => this.#interactions.outcome(record), {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      description: `the bot to finish answering ${record.label} (response type ${record.response?.type}; a deferred answer needs an edit of @original)`,
    });
  }

  /**
   * Members use the bot (commands, components, modals) only in servers it is in: Discord does
   * not offer a removed bot's commands, and its messages' buttons fail.
   */
  #requireBotIn(guildId: string | null, what: string): void {
    if (guildId !== null && !this.#state.botIsIn(guildId)) {
      throw new Error(
        `${what}: the bot is not in server ${guildId} (it left or was removed; addBot invites it back)`,
      );
    }
  }

  /** Members act only where they are: guild members in their guild, DM users in their DM. */
  #requireAccess(userId: string, channelId: string): void {
    const channel = this.#state.channel(channelId);
    this.#state.user(userId);
    if (
      channel.guildId === null
        ? channel.recipientId !== userId
        : !this.#state.guild(channel.guildId).members.has(userId)
    ) {
      throw new Error(`User ${userId} cannot act in channel ${channelId}: not a member there`);
    }
  }
}

function permissionBits(names: readonly PermissionName[]): bigint {
  return names.reduce((bits, name) => bits | PermissionFlagsBits[name], 0n);
}
