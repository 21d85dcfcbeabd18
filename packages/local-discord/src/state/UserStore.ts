import type { APIUser } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import { NO_FLAGS } from "../noFlags.js";
import type { SnowflakeGenerator } from "../SnowflakeGenerator.js";

/** The users the local Discord knows (the bot among them), and which of them closed their DMs. */
export class UserStore {
  readonly #snowflakes: SnowflakeGenerator;
  readonly #users = new Map<string, APIUser>();
  /** Users who do not accept DMs from the bot (its messages to them get 50007). */
  readonly #closedDms = new Set<string>();

  constructor(snowflakes: SnowflakeGenerator) {
    this.#snowflakes = snowflakes;
  }

  /** A new user with a fresh id, no flags and no primary guild; a bot has a bot's discriminator. */
  add(username: string, bot = false): APIUser {
    const user: APIUser = {
      id: this.#snowflakes.next(),
      username,
      discriminator: bot ? "0001" : "0",
      global_name: bot ? null : username,
      avatar: null,
      public_flags: NO_FLAGS,
      flags: NO_FLAGS,
      primary_guild: null,
      ...(bot ? { bot: true } : {}),
    };
    this.#users.set(user.id, user);
    return user;
  }

  /** The user with this id; 10013 Unknown User when there is none. */
  get(id: string): APIUser {
    const user = this.#users.get(id);
    if (user === undefined) {
      throw DiscordApiError.unknownUser();
    }
    return user;
  }

  /** The user with this id, if there is one. */
  find(id: string): APIUser | undefined {
    return this.#users.get(id);
  }

  /** The user stops accepting the bot's DMs. */
  closeDms(id: string): void {
    this.#closedDms.add(this.get(id).id);
  }

  /** The user accepts the bot's DMs again. */
  openDms(id: string): void {
    this.#closedDms.delete(this.get(id).id);
  }

  /** Whether the bot's messages may reach the user in their DM. */
  acceptsDms(id: string): boolean {
    return !this.#closedDms.has(id);
  }
}
