import { backupDatabase } from "./backupDatabase.js";
import { DepartureRepository } from "./DepartureRepository.js";
import { DropRepository } from "./DropRepository.js";
import { GuildSettingsRepository } from "./GuildSettingsRepository.js";
import { MemberNoteRepository } from "./MemberNoteRepository.js";
import { NoticeRepository } from "./NoticeRepository.js";
import { type Db, openDatabase } from "./openDatabase.js";
import { PartReadRepository } from "./PartReadRepository.js";
import { ProgressRepository } from "./ProgressRepository.js";
import { ReactionRepository } from "./ReactionRepository.js";
import { ReleaseRepository } from "./ReleaseRepository.js";

/**
 * Every table with a server's data, in an order that deletes reactions before their counts and
 * drops' messages before their drops. A test checks that no table with a guild_id is missing.
 */
export const GUILD_TABLES = [
  "progress",
  "part_reads",
  "releases",
  "guild_settings",
  "notify_subscriptions",
  "drop_notices",
  "member_notes",
  "message_reactions",
  "reading_reactions",
  "reaction_counts",
  "forgotten_reactions",
  "forgotten_members",
  "reaction_reconciles",
  "drop_messages",
  "drops",
  "departed_guilds",
] as const;

/** The bot's database and its repositories, opened together and closed together. */
export class Store {
  readonly progress: ProgressRepository;
  readonly releases: ReleaseRepository;
  readonly settings: GuildSettingsRepository;
  readonly drops: DropRepository;
  readonly notices: NoticeRepository;
  readonly reads: PartReadRepository;
  readonly reactions: ReactionRepository;
  readonly notes: MemberNoteRepository;
  readonly departures: DepartureRepository;
  readonly #db: Db;
  readonly #purge: readonly { run(params: { guild: string }): unknown }[];

  constructor(path: string) {
    this.#db = openDatabase(path);
    this.progress = new ProgressRepository(this.#db);
    this.releases = new ReleaseRepository(this.#db);
    this.settings = new GuildSettingsRepository(this.#db);
    this.drops = new DropRepository(this.#db);
    this.notices = new NoticeRepository(this.#db);
    this.reads = new PartReadRepository(this.#db);
    this.reactions = new ReactionRepository(this.#db);
    this.notes = new MemberNoteRepository(this.#db);
    this.departures = new DepartureRepository(this.#db);
    this.#purge = GUILD_TABLES.map((table) =>
      this.#db.prepare<{ guild: string }>(`DELETE FROM ${table} WHERE guild_id = @guild`),
    );
  }

  /** Erases everything kept about a member in a server, at once (see ReactionRepository.forget). */
  forgetMember(guildId: string, userId: string, now: Date): void {
    this.transaction(() => {
      this.progress.forget(guildId, userId);
      this.reads.forget(guildId, userId);
      this.notices.forget(guildId, userId);
      this.notes.forget(guildId, userId);
      this.reactions.forget(guildId, userId, now);
    });
  }

  /** Erases everything kept about a server, at once: the bot left it and the retention is over. */
  purgeGuild(guildId: string): void {
    this.transaction(() => {
      for (const statement of this.#purge) statement.run({ guild: guildId });
    });
  }

  /**
   * Writes a consistent copy of the database into `dir` while the bot runs, keeping the newest
   * `keep` copies; the copy's path. See backupDatabase. Close the store only once it is done: a
   * backup cut short by close() fails, and leaves no file.
   */
  backup(dir: string, keep: number, now: Date): Promise<string> {
    return backupDatabase(this.#db, dir, keep, now);
  }

  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
