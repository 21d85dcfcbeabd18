const DISCORD_EPOCH = 1_420_070_400_000n;
const MAX_INCREMENT = 4095n;

/** The shard a guild belongs to, as Discord computes it: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Makes unique, increasing snowflakes with Discord's layout (timestamp since the Discord epoch
 * in the high bits), so discord.js can read creation times and recognise ids (17–19 digits).
 */
export class SnowflakeGenerator {
  #timestamp = 0n;
  #increment = 0n;

  next(): string {
    const now = BigInt(Date.now()) - DISCORD_EPOCH;
    if (now > this.#timestamp) {
      this.#timestamp = now;
      this.#increment = 0n;
    } else if (this.#increment < MAX_INCREMENT) {
      this.#increment += 1n;
    } else {
      this.#timestamp += 1n;
      this.#increment = 0n;
    }
    return this.#format();
  }

  /** A snowflake whose guild shard (for `shardCount` shards) is `shardId`. */
  nextOnShard(shardId: number, shardCount: number): string {
    const now = BigInt(Date.now()) - DISCORD_EPOCH;
    let timestamp = now > this.#timestamp ? now : this.#timestamp + 1n;
    while (timestamp % BigInt(shardCount) !== BigInt(shardId)) {
      timestamp += 1n;
    }
    this.#timestamp = timestamp;
    this.#increment = 0n;
    return this.#format();
  }

  #format(): string {
    return String((this.#timestamp << 22n) | (1n << 17n) | (1n << 12n) | this.#increment);
  }
}
