import type { MemberNote } from "../core/MemberNote.js";
import type { Db } from "./openDatabase.js";

/** Notes waiting for a member, per server; each is shown once and then gone. */
export class MemberNoteRepository {
  readonly #add;
  readonly #list;
  readonly #forget;

  constructor(db: Db) {
    this.#add = db.prepare<{ guild: string; user: string; note: MemberNote; now: number }>(
      `INSERT OR IGNORE INTO member_notes (guild_id, user_id, note, created_at)
       VALUES (@guild, @user, @note, @now)`,
    );
    this.#list = db.prepare<{ guild: string; user: string }, { note: MemberNote }>(
      "SELECT note FROM member_notes WHERE guild_id = @guild AND user_id = @user ORDER BY created_at",
    );
    this.#forget = db.prepare<{ guild: string; user: string }>(
      "DELETE FROM member_notes WHERE guild_id = @guild AND user_id = @user",
    );
  }

  add(guildId: string, userId: string, note: MemberNote, now: Date): void {
    this.#add.run({ guild: guildId, user: userId, note, now: now.getTime() });
  }

  /** The member's waiting notes, oldest first. */
  pending(guildId: string, userId: string): MemberNote[] {
    return this.#list.all({ guild: guildId, user: userId }).map((row) => row.note);
  }

  /** Removes the member's notes: they were shown, or the member asked to be forgotten. */
  forget(guildId: string, userId: string): void {
    this.#forget.run({ guild: guildId, user: userId });
  }
}
