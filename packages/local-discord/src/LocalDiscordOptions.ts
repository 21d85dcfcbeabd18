import type { RateLimitRule, RateLimitSettings } from "./RateLimiter.js";
import type { RouteId } from "./rest/createRoutes.js";

/** Overrides of the Discord-like rate limits; `false` switches one off. */
export interface RateLimitOptions {
  /** All bot requests together (default 50 per second). */
  readonly global?: RateLimitRule | false;
  /** Per route, one bucket per channel/guild/webhook (defaults: DEFAULT_ROUTE_LIMITS). */
  readonly routes?: Partial<Record<RouteId, RateLimitRule | false>>;
}

export interface LocalDiscordOptions {
  /** How long the bot has to acknowledge an interaction (Discord: 3000 ms). */
  readonly interactionTimeoutMs?: number;
  /** How long follow-ups and `@original` edits are accepted (Discord: 15 minutes). */
  readonly interactionTokenLifetimeMs?: number;
  /** Rate limits: Discord-like by default; `false` for none. */
  readonly rateLimits?: false | RateLimitOptions;
  /** The heartbeat interval HELLO announces (Discord: 41250 ms). */
  readonly heartbeatIntervalMs?: number;
  /** How long waits (waitFor, runCommand's answer...) last by default (5000 ms). */
  readonly waitTimeoutMs?: number;
  /** How long `enforce_nonce` remembers a nonce (Discord: a few minutes; default 5 min). */
  readonly nonceWindowMs?: number;
  readonly botUsername?: string;
  /** The bot token to accept (default: a made-up one, see `LocalDiscord.token`). */
  readonly token?: string;
  /** The port on 127.0.0.1 (default 0: any free port). */
  readonly port?: number;
  /**
   * Whether each REST request's body is checked against Discord's OpenAPI spec (default true).
   * The benchmarks turn it off: Discord's checks do not run on the bot's machine, and here they
   * would take the CPUs the bot is measured on (about a third of the load generator's time).
   */
  readonly checkSpec?: boolean;
}

/** The per-route limits Discord applies to the routes a bot uses most. */
export const DEFAULT_ROUTE_LIMITS: Partial<Record<RouteId, RateLimitRule>> = {
  "POST /channels/:channel/messages": { limit: 5, windowMs: 5000 },
  "PATCH /channels/:channel/messages/:message": { limit: 5, windowMs: 5000 },
  "DELETE /channels/:channel/messages/:message": { limit: 5, windowMs: 1000 },
  "PUT /channels/:channel/messages/:message/reactions/:emoji/@me": { limit: 1, windowMs: 250 },
  "DELETE /channels/:channel/messages/:message/reactions/:emoji/@me": { limit: 1, windowMs: 250 },
};

export const DEFAULT_GLOBAL_LIMIT: RateLimitRule = { limit: 50, windowMs: 1000 };

/** The rate limiter's settings for these options; null when rate limits are off. */
export function rateLimitSettings(
  option: false | RateLimitOptions | undefined,
): RateLimitSettings | null {
  if (option === false) {
    return null;
  }
  const routes: Record<string, RateLimitRule | undefined> = { ...DEFAULT_ROUTE_LIMITS };
  for (const [route, rule] of Object.entries(option?.routes ?? {})) {
    routes[route] = rule === false ? undefined : rule;
  }
  const global = option?.global ?? DEFAULT_GLOBAL_LIMIT;
  return { global: global === false ? null : global, routes };
}
