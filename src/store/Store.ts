import { DropRepository } from "./DropRepository.js";
import { GuildSettingsRepository } from "./GuildSettingsRepository.js";
import { NoticeRepository } from "./NoticeRepository.js";
import { openDatabase } from "./openDatabase.js";
import { ProgressRepository } from "./ProgressRepository.js";
import { ReleaseRepository } from "./ReleaseRepository.js";

/** The bot's database and its repositories, opened together and closed together. */
export class Store {
  readonly progress: ProgressRepository;
  readonly releases: ReleaseRepository;
  readonly settings: GuildSettingsRepository;
  readonly drops: DropRepository;
  readonly notices: NoticeRepository;
  readonly #db;

  constructor(path: string) {
    this.#db = openDatabase(path);
    this.progress = new ProgressRepository(this.#db);
    this.releases = new ReleaseRepository(this.#db);
    this.settings = new GuildSettingsRepository(this.#db);
    this.drops = new DropRepository(this.#db);
    this.notices = new NoticeRepository(this.#db);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
