import type { Drop, EffectiveSettings } from "../core/drop.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";

/** The bot-wide defaults (from the environment) that a server's own settings override. */
export interface DropDefaults {
  readonly channelId: string | undefined;
  readonly schedule: string | undefined;
  readonly timezone: string;
}

/** A drop that waited for the authors, and whether choosing a channel let it go. */
export interface ChannelChange {
  readonly waiting: Drop | undefined;
  readonly retried: boolean;
}

export interface DropChannelsOptions {
  readonly store: Store;
  readonly log: Logger;
  readonly clock: () => Date;
  readonly storyId: string;
  readonly defaults: DropDefaults;
  /** Whether a channel is in a server, so a default channel only applies to its own server. */
  readonly channelInGuild: (channelId: string, guildId: string) => boolean;
  /** Why the bot cannot post drops in a channel, or undefined when it can. */
  readonly channelProblem: (guildId: string, channelId: string) => Promise<string | undefined>;
}

/**
 * Where a server's drops go: its own settings over the bot's defaults (a default channel only in
 * its own server), whether the bot can post in a channel, and when an unfinished drop follows the
 * reading channel. A part is never split across two channels.
 */
export class DropChannels {
  readonly #options: DropChannelsOptions;

  constructor(options: DropChannelsOptions) {
    this.#options = options;
  }

  /** A server's settings, the bot's defaults filling in what it has not set. */
  settingsFor(guildId: string): EffectiveSettings {
    const { store, storyId, defaults, channelInGuild } = this.#options;
    const own = store.settings.get(guildId, storyId);
    const defaultChannel =
      defaults.channelId !== undefined && channelInGuild(defaults.channelId, guildId)
        ? defaults.channelId
        : undefined;
    return {
      channelId: own.channelId ?? defaultChannel,
      schedule: own.schedule ?? defaults.schedule,
      timezone: own.timezone ?? defaults.timezone,
      // A story the server does not carry drops nothing there, as if paused.
      paused: own.paused || store.carried.excluded(guildId).has(storyId),
      pingRoleId: own.pingRoleId,
      threads: own.threads,
      revisions: own.revisions,
    };
  }

  /** Why the bot cannot post drops in a channel, or undefined when it can. */
  problem(guildId: string, channelId: string): Promise<string | undefined> {
    return this.#options.channelProblem(guildId, channelId);
  }

  /**
   * The authors chose a reading channel: a drop waiting for them is let go (the schedule tries it
   * again) when it will go to that channel: it has posted nothing yet, or it is already there, or
   * its channel is gone. The waiting drop, if any.
   */
  useChannel(guildId: string, channelId: string, now: Date): ChannelChange {
    const { store, storyId, channelInGuild } = this.#options;
    const waiting = store.drops.unfinished(guildId, storyId);
    if (waiting === undefined || !waiting.blocked) return { waiting: undefined, retried: false };
    const retried =
      waiting.messageIds.length === 0 ||
      waiting.channelId === channelId ||
      !channelInGuild(waiting.channelId, guildId);
    if (retried) store.drops.unblock(waiting, now);
    return { waiting, retried };
  }

  /**
   * An unfinished drop follows the server's reading channel when nothing of it was posted yet, or
   * when the channel it was posting to is gone (it then starts over there); otherwise it stays.
   */
  relocate(drop: Drop, channelId: string | undefined): Drop {
    if (channelId === undefined || channelId === drop.channelId) return drop;
    const oldChannelGone = !this.#options.channelInGuild(drop.channelId, drop.guildId);
    if (drop.messageIds.length > 0 && !oldChannelGone) return drop;
    this.#options.log.info(
      { guildId: drop.guildId, partId: drop.partId, from: drop.channelId, to: channelId },
      "unfinished drop moved to the current reading channel",
    );
    return this.#options.store.drops.moveTo(drop, channelId, this.#options.clock()) ?? drop;
  }
}
