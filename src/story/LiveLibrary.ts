import { type FSWatcher, watch } from "node:fs";
import { bindLibrary, type Library } from "../core/Library.js";
import type { StoryProblem } from "../core/story.js";
import type { Logger } from "../logger.js";
import { loadLibrary } from "./loadLibrary.js";
import { logStoryWarnings } from "./logStoryWarnings.js";
import { StoryLoadError } from "./StoryLoadError.js";

/** How a reload ended: the library now served, or the problems that kept the old one. */
export type ReloadOutcome =
  | { readonly ok: true; readonly library: Library; readonly warnings: readonly StoryProblem[] }
  | { readonly ok: false; readonly problems: readonly StoryProblem[] };

export interface LiveLibraryOptions {
  readonly dir: string;
  readonly log: Logger;
  /**
   * Puts a valid new library to use (the store's part order, the drops); throwing keeps the old
   * library, as an invalid folder does.
   */
  readonly swap: (next: Library, previous: Library) => void;
  /** A reload that found problems, with problems other than the last one's. */
  readonly refused: (problems: readonly StoryProblem[]) => void;
  /** How long the folder must be quiet after a change before it is read (an editor saves in bursts). */
  readonly quietMs?: number;
}

/**
 * The story folder, served live: a change to it (seen by a watcher, or asked for with
 * /serial reload) reads and checks the whole folder, and swaps the new library in at once when
 * it is valid. An invalid folder leaves the old library served, and its problems are kept for
 * /serial status until a reload succeeds. Reloads run one at a time.
 */
export class LiveLibrary {
  readonly #options: LiveLibraryOptions;
  #library: Library;
  #problems: readonly StoryProblem[] = [];
  #running: Promise<ReloadOutcome> | undefined;
  #queued: Promise<ReloadOutcome> | undefined;
  #watcher: FSWatcher | undefined;
  #closed = false;
  #quiet: NodeJS.Timeout | undefined;

  constructor(library: Library, options: LiveLibraryOptions) {
    this.#library = library;
    this.#options = options;
  }

  current(): Library {
    return this.#library;
  }

  /** What the last reload found wrong, if it failed; empty once the folder is valid again. */
  problems(): readonly StoryProblem[] {
    return this.#problems;
  }

  /**
   * Reads the folder again. A reload asked for while one runs waits for it and runs once more
   * (however many were asked for), so the answer always reflects the folder as it was asked.
   */
  reload(): Promise<ReloadOutcome> {
    if (this.#running === undefined) {
      this.#running = this.#read().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    this.#queued ??= this.#running.then(() => {
      this.#queued = undefined;
      return this.reload();
    });
    return this.#queued;
  }

  /** Reloads whenever something under the folder changes and the folder is then quiet. */
  watch(): void {
    const { dir, log, quietMs = 500 } = this.#options;
    try {
      this.#watcher = watch(dir, { recursive: true }, () => {
        clearTimeout(this.#quiet);
        this.#quiet = setTimeout(() => void this.reload(), quietMs);
      });
      this.#watcher.on("error", (error) => {
        log.error(
          { storyDir: dir, err: error },
          "stopped watching the story folder; /serial reload still reloads",
        );
        this.#watcher?.close();
      });
    } catch (error) {
      log.error(
        { storyDir: dir, err: error },
        "cannot watch the story folder; /serial reload reloads it",
      );
    }
  }

  /** Stops watching; a reload still running swaps nothing in. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#quiet);
    this.#watcher?.close();
  }

  async #read(): Promise<ReloadOutcome> {
    const { dir, log, swap, refused } = this.#options;
    let outcome: ReloadOutcome;
    try {
      const { stories, warnings } = await loadLibrary(dir);
      const next = bindLibrary(stories, this.#library);
      if (this.#closed) throw new Error("the bot is stopping");
      swap(next, this.#library);
      this.#library = next;
      outcome = { ok: true, library: next, warnings };
    } catch (error) {
      if (!(error instanceof StoryLoadError)) {
        log.error({ storyDir: dir, err: error }, "could not put the reloaded story folder to use");
      }
      outcome = {
        ok: false,
        problems:
          error instanceof StoryLoadError
            ? error.problems
            : [
                {
                  file: ".",
                  message: `The reloaded story folder could not be put to use (${error instanceof Error ? error.message : String(error)}).`,
                  fix: "See the bot's log, then reload again.",
                },
              ],
      };
    }
    if (outcome.ok) {
      if (this.#problems.length > 0) log.info({ storyDir: dir }, "story folder valid again");
      this.#problems = [];
      logStoryWarnings(log, dir, outcome.warnings);
      log.info(
        { storyDir: dir, stories: outcome.library.books.length, warnings: outcome.warnings.length },
        "story folder reloaded",
      );
      return outcome;
    }
    const same = JSON.stringify(outcome.problems) === JSON.stringify(this.#problems);
    this.#problems = outcome.problems;
    log.warn(
      { storyDir: dir, problems: outcome.problems.length },
      "story folder not reloaded: it has problems; the version loaded before is still served",
    );
    if (!same) refused(outcome.problems);
    return outcome;
  }
}
