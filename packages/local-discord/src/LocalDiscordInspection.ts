import type { APIApplicationCommand } from "discord-api-types/v10";
import type { WaitOptions } from "./ChangeFeed.js";
import type { DispatchRecord } from "./gateway/Gateway.js";
import type { GatewaySessionInfo } from "./gateway/GatewaySession.js";
import type { RateLimitViolation } from "./RateLimiter.js";
import type { ArrivingRequest, RecordedRequest, UnhandledRequest } from "./RequestLog.js";
import type { StoredMessage } from "./StoredMessage.js";
import { toApiMessage } from "./serialize/toApiMessage.js";
import type { SpecViolation } from "./spec/SpecViolation.js";
import type { StoredFile } from "./state/records.js";
import type { LocalDiscordParts } from "./wireLocalDiscord.js";

/**
 * What tests look at in a local Discord, and wait for: the messages, files and commands the
 * bot left, the requests it made, the events dispatched and the gateway sessions. It is the
 * part of `LocalDiscord` that changes nothing.
 */
export class LocalDiscordInspection {
  readonly #parts: LocalDiscordParts;

  protected constructor(parts: LocalDiscordParts) {
    this.#parts = parts;
  }

  /** Everything posted in a channel, oldest first, ephemeral messages included. */
  messages(channelId: string): StoredMessage[] {
    const channel = this.#parts.state.channels.get(channelId);
    return this.#parts.state.messages
      .inChannel(channel.id)
      .map((record) => toApiMessage(this.#parts.state, record));
  }

  /** What every member sees in a channel: its messages less the ephemeral ones, oldest first. */
  posts(channelId: string): StoredMessage[] {
    return this.messages(channelId).filter((message) => ((message.flags ?? 0) & 64) === 0);
  }

  message(id: string): StoredMessage | undefined {
    const record = this.#parts.state.messages.find(id);
    return record === undefined ? undefined : toApiMessage(this.#parts.state, record);
  }

  /** The files uploaded with a message (name, content type, bytes). */
  files(messageId: string): readonly StoredFile[] {
    return this.#parts.state.messages.find(messageId)?.files ?? [];
  }

  /** Follow-up messages the bot sent for an interaction. */
  followUps(interactionId: string): StoredMessage[] {
    return this.#parts.interactions.followUpIds(interactionId).flatMap((id) => {
      const message = this.message(id);
      return message === undefined ? [] : [message];
    });
  }

  /** The commands the bot registered: global, or for a guild. */
  commands(guildId?: string): APIApplicationCommand[] {
    return this.#parts.commands.list(guildId ?? null);
  }

  get requests(): readonly RecordedRequest[] {
    return this.#parts.log.requests;
  }

  /**
   * Calls `listener` as each request arrives, before it is served: the request is still served
   * in full, as Discord would after a client died. Returns a function that removes the listener.
   */
  onRequest(listener: (request: ArrivingRequest) => void): () => void {
    return this.#parts.log.onArrival(listener);
  }

  get unhandledRequests(): readonly UnhandledRequest[] {
    return this.#parts.log.unhandled;
  }

  get rateLimitViolations(): readonly RateLimitViolation[] {
    return this.#parts.log.rateLimitViolations;
  }

  /** The requests Discord's OpenAPI spec rejects, answered 400 Invalid Form Body. */
  get specViolations(): readonly SpecViolation[] {
    return this.#parts.log.specViolations;
  }

  /**
   * Every event dispatched after login, with the sessions that got it (READY and the login's
   * GUILD_CREATEs are in `sessions[i].events`).
   */
  get dispatches(): readonly DispatchRecord[] {
    return this.#parts.dispatches;
  }

  get sessions(): GatewaySessionInfo[] {
    return this.#parts.gateway.sessions();
  }

  /** Resolves with `check()`'s first truthy value, re-checked on every change; bounded. */
  waitFor<T>(check: () => T | false | null | undefined, options?: WaitOptions): Promise<T> {
    return this.#parts.changes.waitFor(check, options);
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
}
