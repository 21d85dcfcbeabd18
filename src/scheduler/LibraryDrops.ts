import type { Book } from "../core/Book.js";
import type { Library } from "../core/Library.js";
import type { AuthorNotice } from "./AuthorNotice.js";
import { DropNotifier } from "./DropNotifier.js";
import { DropPoster, type DropPosterOptions } from "./DropPoster.js";
import { DropScheduler, type DropSchedulerOptions } from "./DropScheduler.js";

/** What each story's drops share: everything a DropScheduler takes but its story and posters. */
export interface LibraryDropsOptions
  extends Omit<DropSchedulerOptions, "book" | "poster" | "notifier" | "guildIds">,
    Omit<DropPosterOptions, "book"> {
  /** The servers this process serves that carry a story, now. */
  readonly guildIds: (storyId: string) => Iterable<string>;
}

/** A notice about one story, said so: its title leads both the public words and the details. */
function aboutStory(title: string, notice: AuthorNotice): AuthorNotice {
  return { public: `**${title}**: ${notice.public}`, details: `**${title}**: ${notice.details}` };
}

/**
 * The drops of every story in the library: a DropScheduler per story, each with its own
 * schedules, channel and releases in each server, reading its story as it is now.
 */
export class LibraryDrops {
  readonly #options: LibraryDropsOptions;
  readonly #schedulers = new Map<string, DropScheduler>();
  readonly #books = new Map<string, Book>();
  /** Each server's drop in progress, whichever story's (see DropRunnerOptions.running). */
  readonly #running = new Map<string, Promise<void>>();
  #stopped = false;

  constructor(options: LibraryDropsOptions, library: Library) {
    this.#options = options;
    for (const book of library.books) this.#add(book);
  }

  /** The drops of a story of the library. */
  of(storyId: string): DropScheduler {
    const scheduler = this.#schedulers.get(storyId);
    if (scheduler === undefined) throw new Error(`No story "${storyId}" in the library.`);
    return scheduler;
  }

  /** Starts every story's drops (see DropScheduler.start), one story after another. */
  async start(): Promise<void> {
    // The stories at start: one a reload adds meanwhile is started by useLibrary.
    for (const scheduler of [...this.#schedulers.values()]) await scheduler.start();
  }

  addGuild(guildId: string): void {
    for (const scheduler of this.#schedulers.values()) scheduler.addGuild(guildId);
  }

  removeGuild(guildId: string): void {
    for (const scheduler of this.#schedulers.values()) scheduler.removeGuild(guildId);
  }

  /**
   * Serves a reloaded library: every story's drops read their new book from now on (the maps
   * change before the first await, so a command never meets a story without drops); a new story
   * starts, a removed one stops, and a changed one catches up (see DropScheduler.storyChanged).
   */
  async useLibrary(next: Library): Promise<void> {
    if (this.#stopped) return;
    const kept = new Set(next.books.map((book) => book.story.meta.id));
    const removed = [...this.#schedulers].filter(([storyId]) => !kept.has(storyId));
    // A removed story's book stays: a drop it has in flight finishes with the text it last had.
    for (const [storyId] of removed) this.#schedulers.delete(storyId);
    const work: Promise<void>[] = removed.map(([, scheduler]) => scheduler.stop());
    for (const book of next.books) {
      const storyId = book.story.meta.id;
      const scheduler = this.#schedulers.get(storyId);
      if (scheduler === undefined) {
        work.push(this.#add(book).start());
      } else {
        this.#books.set(storyId, book);
        work.push(scheduler.storyChanged());
      }
    }
    await Promise.all(work);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#schedulers.values()].map((scheduler) => scheduler.stop()));
  }

  #add(book: Book): DropScheduler {
    const storyId = book.story.meta.id;
    this.#books.set(storyId, book);
    const current = () => this.#books.get(storyId) ?? book;
    const shared = {
      ...this.#options,
      book: current,
      running: this.#running,
      // With several stories, the authors are told which one a problem is about.
      tellAuthors: (guildId: string, notice: AuthorNotice) =>
        this.#options.tellAuthors(
          guildId,
          this.#schedulers.size > 1 ? aboutStory(current().story.meta.title, notice) : notice,
        ),
    };
    const scheduler = new DropScheduler({
      ...shared,
      poster: new DropPoster(shared),
      notifier: new DropNotifier(shared),
      guildIds: () => this.#options.guildIds(storyId),
    });
    this.#schedulers.set(storyId, scheduler);
    return scheduler;
  }
}
