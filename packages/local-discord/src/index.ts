/**
 * A Discord-compatible server on 127.0.0.1 (REST and gateway) that the real discord.js client
 * connects to: the bot's end-to-end tests, its benchmarks and its sandbox run against it.
 */
export { DiscordApiError } from "./DiscordApiError.js";
export type { Fault } from "./FaultPlan.js";
export type { InteractionOutcome } from "./InteractionOutcome.js";
export {
  type CreatedChannel,
  type CreatedGuild,
  type CreatedMember,
  LocalDiscord,
  type StoredMessage,
} from "./LocalDiscord.js";
export {
  DEFAULT_GLOBAL_LIMIT,
  DEFAULT_ROUTE_LIMITS,
  type LocalDiscordOptions,
} from "./LocalDiscordOptions.js";
export { parseMessagePayload } from "./parseMessagePayload.js";
export type { RateLimitRule } from "./RateLimiter.js";
export type { RecordedRequest } from "./RequestLog.js";
export type { SpecViolation } from "./spec/SpecViolation.js";
