import type { EarlyAccessGrant } from "../core/EarlyAccessGrant.js";
import { KeptReads } from "./KeptReads.js";
import type { Db } from "./openDatabase.js";

interface GrantParams {
  guild: string;
  story: string;
  role: string;
}

/** Which roles of a server may read ahead of the releases of a story, and how far. */
export class EarlyAccessRepository {
  readonly #grants;
  readonly #grant;
  readonly #revoke;
  /** Every page turn reads them; they change only by `/serial early-access`. */
  readonly #kept: KeptReads<readonly EarlyAccessGrant[]>;

  constructor(db: Db) {
    this.#kept = new KeptReads(db);
    this.#grants = db.prepare<{ guild: string; story: string }, { role_id: string; parts: number }>(
      `SELECT role_id, parts FROM early_access WHERE guild_id = @guild AND story_id = @story
       ORDER BY role_id`,
    );
    this.#grant = db.prepare<GrantParams & { parts: number; now: number }>(
      `INSERT INTO early_access (guild_id, story_id, role_id, parts, updated_at)
       VALUES (@guild, @story, @role, @parts, @now)
       ON CONFLICT DO UPDATE SET parts = excluded.parts, updated_at = excluded.updated_at`,
    );
    this.#revoke = db.prepare<GrantParams>(
      "DELETE FROM early_access WHERE guild_id = @guild AND story_id = @story AND role_id = @role",
    );
  }

  /** The roles that may read the story early in the server, by role id. */
  grants(guildId: string, storyId: string): readonly EarlyAccessGrant[] {
    return this.#kept.get(guildId, storyId, () =>
      this.#grants
        .all({ guild: guildId, story: storyId })
        .map((row) => ({ roleId: row.role_id, parts: row.parts })),
    );
  }

  /** Lets a role read the next `parts` unreleased parts early (a whole number, at least 1). */
  grant(guildId: string, storyId: string, roleId: string, parts: number, now: Date): void {
    if (!Number.isInteger(parts) || parts < 1)
      throw new RangeError(`parts must be a whole number of at least 1, not ${parts}`);
    this.#kept.forget(guildId, storyId);
    this.#grant.run({ guild: guildId, story: storyId, role: roleId, parts, now: now.getTime() });
  }

  /** Takes a role's early access away; false when it had none. */
  revoke(guildId: string, storyId: string, roleId: string): boolean {
    this.#kept.forget(guildId, storyId);
    return this.#revoke.run({ guild: guildId, story: storyId, role: roleId }).changes > 0;
  }

  /** Forgets what was kept of a server, whose rows were deleted (a purge). */
  forgetKept(guildId: string): void {
    this.#kept.forgetGuild(guildId);
  }
}
