/**
 * A Discord-compatible server on 127.0.0.1 (REST v10 over node:http, gateway over `ws`) for the
 * real, unmodified discord.js Client: the bot's end-to-end tests, its benchmarks and its
 * terminal sandbox run against it, and play the members.
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
 * const hold = discord.holdGateway();  hold.release();  // no HELLO for new connections meanwhile
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
export { DiscordApiError } from "./DiscordApiError.js";
export type { Fault } from "./FaultPlan.js";
export type { InteractionOutcome } from "./InteractionOutcome.js";
export { LocalDiscord } from "./LocalDiscord.js";
export {
  DEFAULT_GLOBAL_LIMIT,
  DEFAULT_ROUTE_LIMITS,
  type LocalDiscordOptions,
} from "./LocalDiscordOptions.js";
export { parseMessagePayload } from "./parseMessagePayload.js";
export type { RateLimitRule } from "./RateLimiter.js";
export type { RecordedRequest } from "./RequestLog.js";
export type { StoredMessage } from "./StoredMessage.js";
export type { SpecViolation } from "./spec/SpecViolation.js";
export type { CreatedChannel, CreatedGuild, CreatedMember } from "./world/WorldAdmin.js";
