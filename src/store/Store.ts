import { AuthorNoticeRepository } from "./AuthorNoticeRepository.js";
import { BackgroundCheckpoints } from "./BackgroundCheckpoints.js";
import { backupDatabase } from "./backupDatabase.js";
import { CarriedStoryRepository } from "./CarriedStoryRepository.js";
import { DepartureRepository } from "./DepartureRepository.js";
import { DropRepository } from "./DropRepository.js";
import { EarlyAccessRepository } from "./EarlyAccessRepository.js";
import { GUILD_TABLES } from "./guildTables.js";
import { type DatabaseHealth, HealthProbe } from "./HealthProbe.js";
import { MemberNoteRepository } from "./MemberNoteRepository.js";
import { NoticeRepository } from "./NoticeRepository.js";
import { type Db, openDatabase } from "./openDatabase.js";
import { PartReadRepository } from "./PartReadRepository.js";
import { ProgressRepository } from "./ProgressRepository.js";
import { ReactionRepository } from "./ReactionRepository.js";
import { ReadingReactionRepository } from "./ReadingReactionRepository.js";
import { ReleaseRepository } from "./ReleaseRepository.js";
import { StorySettingsRepository } from "./StorySettingsRepository.js";

export interface StoreOptions {
  /**
   * Checkpoint the WAL in a worker thread (see BackgroundCheckpoints), telling `failed` should it
   * stop; the bot does, while tests and tools keep SQLite's checkpoints on their own thread.
   */
  readonly backgroundCheckpoints?: { failed(error: unknown): void };
}

/** The bot's database and its repositories, opened together and closed together. */
export class Store {
  readonly progress: ProgressRepository;
  readonly releases: ReleaseRepository;
  readonly settings: StorySettingsRepository;
  readonly carried: CarriedStoryRepository;
  readonly earlyAccess: EarlyAccessRepository;
  readonly drops: DropRepository;
  readonly notices: NoticeRepository;
  readonly reads: PartReadRepository;
  readonly reactions: ReactionRepository;
  readonly readingReactions: ReadingReactionRepository;
  readonly notes: MemberNoteRepository;
  readonly departures: DepartureRepository;
  readonly authorNotices: AuthorNoticeRepository;
  readonly #db: Db;
  readonly #purge: readonly { run(params: { guild: string }): unknown }[];
  readonly #probe: HealthProbe;
  readonly #checkpoints: BackgroundCheckpoints | undefined;
  /**
   * One transaction function for every transaction: better-sqlite3 builds a new one, with its
   * properties, at each `db.transaction(...)`: about a third of the time of a one-write transaction.
   */
  readonly #inTransaction: (work: () => void) => void;

  constructor(path: string, options: StoreOptions = {}) {
    this.#db = openDatabase(path);
    this.#inTransaction = this.#db.transaction((work: () => void) => work());
    this.progress = new ProgressRepository(this.#db);
    this.releases = new ReleaseRepository(this.#db);
    this.settings = new StorySettingsRepository(this.#db);
    this.carried = new CarriedStoryRepository(this.#db);
    this.earlyAccess = new EarlyAccessRepository(this.#db);
    this.drops = new DropRepository(this.#db);
    this.notices = new NoticeRepository(this.#db);
    this.reads = new PartReadRepository(this.#db);
    this.reactions = new ReactionRepository(this.#db);
    this.readingReactions = new ReadingReactionRepository(this.#db);
    this.notes = new MemberNoteRepository(this.#db);
    this.departures = new DepartureRepository(this.#db);
    this.authorNotices = new AuthorNoticeRepository(this.#db);
    this.#probe = new HealthProbe(this.#db);
    this.#purge = GUILD_TABLES.map((table) =>
      this.#db.prepare<{ guild: string }>(`DELETE FROM ${table} WHERE guild_id = @guild`),
    );
    const { backgroundCheckpoints } = options;
    this.#checkpoints =
      backgroundCheckpoints === undefined || path === ":memory:"
        ? undefined
        : new BackgroundCheckpoints(this.#db, backgroundCheckpoints.failed);
  }

  /**
   * Erases everything kept about a member in a server, at once (their reactions on drop
   * messages stay only as fingerprints: see ReactionRepository.forget).
   */
  forgetMember(guildId: string, userId: string, now: Date): void {
    this.transaction(() => {
      this.progress.forget(guildId, userId);
      this.reads.forget(guildId, userId);
      this.notices.forget(guildId, userId);
      this.notes.forget(guildId, userId);
      this.reactions.forget(guildId, userId, now);
      this.readingReactions.forget(guildId, userId);
    });
  }

  /**
   * Erases everything kept about a server, at once, if the bot is still away from it since
   * `leftBefore` (checked in the same transaction, so a return in between is never lost).
   * Returns whether it did.
   */
  purgeGuild(guildId: string, leftBefore: Date): boolean {
    return this.transaction(() => {
      if (!this.departures.leftBefore(guildId, leftBefore)) return false;
      for (const statement of this.#purge) statement.run({ guild: guildId });
      for (const kept of [this.releases, this.carried, this.earlyAccess]) kept.forgetKept(guildId);
      return true;
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
    let result!: T;
    this.#inTransaction(() => {
      result = work();
    });
    return result;
  }

  /**
   * Whether the database takes writes now, asked on a connection of its own that waits 100 ms at
   * most for the write lock: "locked" while another connection (a shard, a program) holds it.
   */
  checkHealth(): DatabaseHealth {
    return this.#probe.check();
  }

  /** The database's size on disk in bytes, its WAL file included. */
  sizeBytes(): number {
    return this.#probe.sizeBytes();
  }

  close(): void {
    this.#checkpoints?.stop();
    this.#probe.close();
    if (this.#db.open) this.#db.close();
  }
}
