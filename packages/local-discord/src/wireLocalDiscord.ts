import { randomBytes } from "node:crypto";
import { BotMembership } from "./BotMembership.js";
import { ChangeFeed } from "./ChangeFeed.js";
import { CommandRegistry } from "./CommandRegistry.js";
import { FaultPlan } from "./FaultPlan.js";
import { type DispatchRecord, Gateway } from "./gateway/Gateway.js";
import { InteractionService } from "./interactions/InteractionService.js";
import { InteractionStore } from "./interactions/InteractionStore.js";
import { InteractionWebhook } from "./interactions/InteractionWebhook.js";
import { MemberInteractions } from "./interactions/MemberInteractions.js";
import { type LocalDiscordOptions, rateLimitSettings } from "./LocalDiscordOptions.js";
import { LocalHttpServer } from "./LocalHttpServer.js";
import { MessageService } from "./messages/MessageService.js";
import { ReactionService } from "./messages/ReactionService.js";
import { ThreadService } from "./messages/ThreadService.js";
import { RateLimiter } from "./RateLimiter.js";
import { RequestLog } from "./RequestLog.js";
import { RestServer } from "./rest/RestServer.js";
import { SnowflakeGenerator } from "./SnowflakeGenerator.js";
import { DiscordSpec } from "./spec/DiscordSpec.js";
import type { SpecViolation } from "./spec/SpecViolation.js";
import { DiscordState } from "./state/DiscordState.js";
import { MemberActions } from "./world/MemberActions.js";
import { WorldAdmin } from "./world/WorldAdmin.js";

/** What the wiring takes from the LocalDiscord it is for. */
export interface LocalDiscordHooks {
  /** Where the server listens, once it does ("http://127.0.0.1:PORT"). */
  readonly origin: () => string;
  /** Told of each request Discord's spec rejects, after it is recorded in the log. */
  readonly onSpecViolation: (violation: SpecViolation) => void;
}

/** The parts of one local Discord that its methods use. */
export interface LocalDiscordParts {
  /** The bot token the server accepts. */
  readonly token: string;
  readonly state: DiscordState;
  readonly changes: ChangeFeed;
  readonly gateway: Gateway;
  readonly interactions: InteractionService;
  readonly commands: CommandRegistry;
  readonly admin: WorldAdmin;
  readonly members: MemberActions;
  readonly memberInteractions: MemberInteractions;
  readonly http: LocalHttpServer;
  readonly log: RequestLog;
  readonly faults: FaultPlan;
  /** Every event dispatched, with the sessions that got it. */
  readonly dispatches: readonly DispatchRecord[];
}

/** Makes the state, services, gateway and servers of one local Discord, wired together. */
export function wireLocalDiscord(
  options: LocalDiscordOptions,
  hooks: LocalDiscordHooks,
): LocalDiscordParts {
  const snowflakes = new SnowflakeGenerator();
  const changes = new ChangeFeed(options.waitTimeoutMs ?? 5000);
  const log = new RequestLog();
  const faults = new FaultPlan();
  const dispatches: DispatchRecord[] = [];
  const state = new DiscordState(snowflakes, options.botUsername ?? "Serial Bot", hooks.origin);
  const token =
    options.token ??
    `${Buffer.from(state.botUser.id).toString("base64url")}.local.${randomBytes(12).toString("base64url")}`;
  const gateway = new Gateway({
    state,
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    changes,
    onDispatch: (record) => dispatches.push(record),
  });
  const messages = new MessageService(state, gateway, changes, options.nonceWindowMs ?? 300_000);
  const reactions = new ReactionService(state, gateway, changes);
  const store = new InteractionStore(snowflakes);
  const interactions = new InteractionService(
    state,
    store,
    { messages, dispatcher: gateway },
    changes,
    options.interactionTimeoutMs ?? 3000,
  );
  const webhook = new InteractionWebhook(
    state,
    store,
    messages,
    changes,
    options.interactionTokenLifetimeMs ?? 15 * 60_000,
  );
  const commands = new CommandRegistry(state.applicationId, snowflakes, changes);
  const membership = new BotMembership(state, gateway, changes);
  const settings = rateLimitSettings(options.rateLimits);
  const rest = new RestServer({
    services: {
      state,
      messages,
      reactions,
      threads: new ThreadService(state, gateway, changes),
      interactions,
      webhook,
      commands,
      gateway,
      membership,
    },
    token,
    rateLimiter: settings === null ? null : new RateLimiter(settings),
    log,
    changes,
    faults,
    spec: options.checkSpec === false ? undefined : DiscordSpec.load(),
    onSpecViolation: hooks.onSpecViolation,
  });
  return {
    token,
    state,
    changes,
    gateway,
    interactions,
    commands,
    admin: new WorldAdmin(state, gateway, membership, changes),
    members: new MemberActions(state, messages, reactions),
    memberInteractions: new MemberInteractions(state, commands, interactions, changes),
    http: new LocalHttpServer(rest, gateway),
    log,
    faults,
    dispatches,
  };
}
