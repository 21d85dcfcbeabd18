import { openDatabase } from "./openDatabase.js";
import { ProgressRepository } from "./ProgressRepository.js";
import { ReleaseRepository } from "./ReleaseRepository.js";

/** The bot's database and its repositories, opened together and closed together. */
export class Store {
  readonly progress: ProgressRepository;
  readonly releases: ReleaseRepository;
  readonly #db;

  constructor(path: string) {
    this.#db = openDatabase(path);
    this.progress = new ProgressRepository(this.#db);
    this.releases = new ReleaseRepository(this.#db);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
