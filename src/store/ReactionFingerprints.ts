import { createHmac } from "node:crypto";
import type { Db } from "./openDatabase.js";

/**
 * What is kept of the reactions and members asked to be forgotten: keyed fingerprints only
 * (HMAC-SHA256 with a key made for this database, in `forgotten_reactions` and
 * `forgotten_members`), so that a catch-up with Discord can tell an erased reaction from a new
 * one without anyone being able to read back whose it was.
 */
export class ReactionFingerprints {
  readonly #key: Buffer;
  readonly #erase;
  readonly #isErased;
  readonly #unerase;
  readonly #forgetMember;
  readonly #forgottenSince;
  readonly #retire;

  constructor(db: Db) {
    const key = db
      .prepare<[], { value: Buffer }>("SELECT value FROM secrets WHERE name = 'forget_key'")
      .get();
    if (key === undefined) throw new Error("The database has no forget_key; migration 5 makes it.");
    this.#key = key.value;
    this.#erase = db.prepare<{ guild: string; digest: string }>(
      "INSERT OR IGNORE INTO forgotten_reactions (guild_id, digest) VALUES (@guild, @digest)",
    );
    this.#isErased = db.prepare<{ guild: string; digest: string }, { one: number }>(
      "SELECT 1 AS one FROM forgotten_reactions WHERE guild_id = @guild AND digest = @digest",
    );
    this.#unerase = db.prepare<{ guild: string; digest: string }>(
      "DELETE FROM forgotten_reactions WHERE guild_id = @guild AND digest = @digest",
    );
    this.#forgetMember = db.prepare<{ guild: string; digest: string; now: number }>(
      `INSERT INTO forgotten_members (guild_id, digest, forgotten_at) VALUES (@guild, @digest, @now)
       ON CONFLICT DO UPDATE SET forgotten_at = excluded.forgotten_at`,
    );
    this.#forgottenSince = db.prepare<
      { guild: string; digest: string; since: number },
      { one: number }
    >(
      `SELECT 1 AS one FROM forgotten_members
       WHERE guild_id = @guild AND digest = @digest AND forgotten_at >= @since`,
    );
    this.#retire = db.prepare<{ guild: string; before: number }>(
      "DELETE FROM forgotten_members WHERE guild_id = @guild AND forgotten_at < @before",
    );
  }

  /** Keeps the fingerprint of an erased reaction. */
  erase(guildId: string, reaction: MessageReaction): void {
    this.#erase.run({ guild: guildId, digest: this.#reactionDigest(reaction) });
  }

  isErased(guildId: string, reaction: MessageReaction): boolean {
    return (
      this.#isErased.get({ guild: guildId, digest: this.#reactionDigest(reaction) }) !== undefined
    );
  }

  /** The member made the reaction again, or removed it, since it was erased: it is theirs again. */
  unerase(guildId: string, reaction: MessageReaction): void {
    this.#unerase.run({ guild: guildId, digest: this.#reactionDigest(reaction) });
  }

  /** Keeps the fingerprint of an erased member, with the time, for the next catch-up. */
  forgetMember(guildId: string, userId: string, now: Date): void {
    this.#forgetMember.run({
      guild: guildId,
      digest: this.#memberDigest(guildId, userId),
      now: now.getTime(),
    });
  }

  /** Whether the member was erased at or after `since`. */
  forgottenSince(guildId: string, userId: string, since: Date): boolean {
    const params = { digest: this.#memberDigest(guildId, userId), since: since.getTime() };
    return this.#forgottenSince.get({ guild: guildId, ...params }) !== undefined;
  }

  /** Lets go of the members erased before `before` (a full catch-up has seen them since). */
  retire(guildId: string, before: Date): void {
    this.#retire.run({ guild: guildId, before: before.getTime() });
  }

  #reactionDigest({ messageId, userId, emoji }: MessageReaction): string {
    return createHmac("sha256", this.#key)
      .update(`reaction/${messageId}/${userId}/${emoji}`)
      .digest("base64url");
  }

  #memberDigest(guildId: string, userId: string): string {
    return createHmac("sha256", this.#key)
      .update(`member/${guildId}/${userId}`)
      .digest("base64url");
  }
}

/** One member's reaction with one emoji on one message. */
export interface MessageReaction {
  readonly messageId: string;
  readonly userId: string;
  readonly emoji: string;
}
