/**
 * Which drop messages got a live reaction event, counted while a reaction catch-up runs: the
 * catch-up reads a message's reactions from Discord, and a live add or remove arriving while it
 * reads would be undone if it then stored what it read. It reads the message again instead.
 */
export class LiveReactionChanges {
  readonly #changes = new Map<string, number>();
  #watching = 0;

  /** A live reaction event for a drop message (counted only while a catch-up runs). */
  touch(messageId: string): void {
    if (this.#watching > 0) this.#changes.set(messageId, (this.#changes.get(messageId) ?? 0) + 1);
  }

  /** Runs a catch-up with the counting on. */
  async watch<T>(work: () => Promise<T>): Promise<T> {
    this.#watching += 1;
    try {
      return await work();
    } finally {
      this.#watching -= 1;
      if (this.#watching === 0) this.#changes.clear();
    }
  }

  /** How many live events a message has had so far, to compare after reading it. */
  mark(messageId: string): number {
    return this.#changes.get(messageId) ?? 0;
  }
}
