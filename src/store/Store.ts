import { backupDatabase } from "./backupDatabase.js";
import { DropRepository } from "./DropRepository.js";
import { GuildSettingsRepository } from "./GuildSettingsRepository.js";
import { NoticeRepository } from "./NoticeRepository.js";
import { type Db, openDatabase } from "./openDatabase.js";
import { PartReadRepository } from "./PartReadRepository.js";
import { ProgressRepository } from "./ProgressRepository.js";
import { ReactionRepository } from "./ReactionRepository.js";
import { ReleaseRepository } from "./ReleaseRepository.js";

/** The bot's database and its repositories, opened together and closed together. */
export class Store {
  readonly progress: ProgressRepository;
  readonly releases: ReleaseRepository;
  readonly settings: GuildSettingsRepository;
  readonly drops: DropRepository;
  readonly notices: NoticeRepository;
  readonly reads: PartReadRepository;
  readonly reactions: ReactionRepository;
  readonly #db: Db;

  constructor(path: string) {
    this.#db = openDatabase(path);
    this.progress = new ProgressRepository(this.#db);
    this.releases = new ReleaseRepository(this.#db);
    this.settings = new GuildSettingsRepository(this.#db);
    this.drops = new DropRepository(this.#db);
    this.notices = new NoticeRepository(this.#db);
    this.reads = new PartReadRepository(this.#db);
    this.reactions = new ReactionRepository(this.#db);
  }

  /** Erases everything kept about a member in a server, at once. */
  forgetMember(guildId: string, userId: string): void {
    this.transaction(() => {
      this.progress.forget(guildId, userId);
      this.reads.forget(guildId, userId);
      this.notices.forget(guildId, userId);
      this.reactions.forget(guildId, userId);
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
