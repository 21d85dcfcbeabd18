import { GatewayDispatchEvents } from "discord-api-types/v10";
import type { ChangeFeed } from "./ChangeFeed.js";
import type { Dispatcher } from "./gateway/DispatchPayloads.js";
import { toGuildCreate } from "./serialize/toGuildCreate.js";
import type { DiscordState } from "./state/DiscordState.js";

/**
 * The bot leaving a guild (or being removed) and being added back. Discord tells a bot it is
 * out with GUILD_DELETE without `unavailable` (with it, the guild is only in an outage); from
 * then on nothing of the guild reaches the bot, and its requests there get 50001. An invite
 * back brings GUILD_CREATE, as at login. The callers check that the move makes sense.
 */
export class BotMembership {
  readonly #state: DiscordState;
  readonly #dispatcher: Dispatcher;
  readonly #changes: ChangeFeed;

  constructor(state: DiscordState, dispatcher: Dispatcher, changes: ChangeFeed) {
    this.#state = state;
    this.#dispatcher = dispatcher;
    this.#changes = changes;
  }

  /**
   * Takes the bot out of a guild it is in. GUILD_DELETE goes out while the bot is still a
   * member, so that it is the last of the guild's events the bot gets.
   */
  remove(guildId: string): void {
    this.#dispatcher.dispatch(GatewayDispatchEvents.GuildDelete, { id: guildId }, { guildId });
    this.#state.guilds.removeMember(guildId, this.#state.botUser.id);
    this.#changes.notify();
  }

  /** Brings the bot back into a guild it is not in, with its role (GUILD_CREATE). */
  add(guildId: string): void {
    const guild = this.#state.guilds.get(guildId);
    this.#state.guilds.addMember(guildId, this.#state.botUser.id, [guild.botRoleId]);
    this.#dispatcher.dispatch(
      GatewayDispatchEvents.GuildCreate,
      toGuildCreate(this.#state, guild),
      { guildId },
    );
    this.#changes.notify();
  }
}
