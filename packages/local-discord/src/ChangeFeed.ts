export interface WaitOptions {
  /** How long to wait before failing (default: the LocalDiscord's `waitTimeoutMs`). */
  readonly timeoutMs?: number;
  /** What is awaited, for the error message: "3 messages in #reading". */
  readonly description?: string;
}

/**
 * Tells waiters that something changed (a request was served, a message or session changed) so
 * they can look again. Waiting is event-driven and bounded: no polling, no fixed sleeps.
 */
export class ChangeFeed {
  readonly #listeners = new Set<{ check: () => void; fail: (error: Error) => void }>();
  readonly #defaultTimeoutMs: number;

  constructor(defaultTimeoutMs: number) {
    this.#defaultTimeoutMs = defaultTimeoutMs;
  }

  notify(): void {
    for (const listener of [...this.#listeners]) {
      listener.check();
    }
  }

  /**
   * Resolves with the first value `check` returns that is not false, null or undefined; `check`
   * runs now and after every change. Rejects when `check` throws or the time is up.
   */
  waitFor<T>(check: () => T | false | null | undefined, options: WaitOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.#defaultTimeoutMs;
    const description = options.description ?? "a condition";
    return new Promise<T>((resolve, reject) => {
      const listener = {
        check: () => {
          let value: T | false | null | undefined;
          try {
            value = check();
          } catch (error) {
            listener.fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value !== false && value !== null && value !== undefined) {
            this.#listeners.delete(listener);
            clearTimeout(timer);
            resolve(value);
          }
        },
        fail: (error: Error) => {
          this.#listeners.delete(listener);
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        listener.fail(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      this.#listeners.add(listener);
      listener.check();
    });
  }

  /** Fails every pending wait (the server is closing). */
  failAll(reason: string): void {
    for (const listener of [...this.#listeners]) {
      listener.fail(new Error(reason));
    }
  }
}
