import { DiscordApiError } from "./DiscordApiError.js";

/** One problem with one field, as Discord reports it (e.g. BASE_TYPE_MAX_LENGTH). */
export interface FormErrorEntry {
  readonly code: string;
  readonly message: string;
}

/** Discord's nested `errors` object: path segments as keys, problems under `_errors`. */
export interface FormErrorNode {
  [key: string]: FormErrorNode | FormErrorEntry[];
}

/** Collects "Invalid Form Body" (50035) problems by field path, then throws them all at once. */
export class FormErrors {
  readonly #root: FormErrorNode = {};
  #count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node = this.#root;
    for (const segment of path) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) {
        const created: FormErrorNode = {};
        node[key] = created;
        node = created;
      } else {
        node = child;
      }
    }
    const entries = node._errors;
    const entry = { code, message };
    if (Array.isArray(entries)) {
      entries.push(entry);
    } else {
      node._errors = [entry];
    }
    this.#count += 1;
  }

  /** Adds BASE_TYPE_MAX_LENGTH when `text` has more than `max` code points. */
  maxLength(path: readonly (string | number)[], text: string | undefined, max: number): void {
    if (text !== undefined && codePoints(text) > max) {
      this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
    }
  }

  /** Adds BASE_TYPE_BAD_LENGTH when `text` is missing or not within `min`..`max` code points. */
  lengthBetween(
    path: readonly (string | number)[],
    text: string | undefined,
    min: number,
    max: number,
  ): void {
    const length = text === undefined ? 0 : codePoints(text);
    if (length < min || length > max) {
      this.add(path, "BASE_TYPE_BAD_LENGTH", `Must be between ${min} and ${max} in length.`);
    }
  }

  /** Adds BASE_TYPE_MAX_LENGTH when a list has more than `max` items. */
  maxItems(path: readonly (string | number)[], items: readonly unknown[] | undefined, max: number) {
    if (items !== undefined && items.length > max) {
      this.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
    }
  }

  throwIfAny(): void {
    if (this.#count > 0) {
      throw this.toError();
    }
  }

  toError(): DiscordApiError {
    return DiscordApiError.invalidFormBody(this.#root);
  }
}

/** Length as Discord counts it: Unicode code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) {
    count += 1;
  }
  return count;
}
