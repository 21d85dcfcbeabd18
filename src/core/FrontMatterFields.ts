import { parseIsoDateTime } from "./parseIsoDateTime.js";
import type { FrontMatterEntry, FrontMatterValue } from "./readFrontMatter.js";
import type { StoryProblem } from "./story.js";
import { suggestId } from "./suggestId.js";

export interface FieldOptions {
  readonly required: boolean;
  /** A good value, as it would be written in YAML, for the fix: "New York". */
  readonly example: string;
}

export interface TextOptions extends FieldOptions {
  /** Longest allowed text in UTF-16 code units; Discord embed titles stop at 256. */
  readonly maxLength?: number;
}

/** One text entry of a list, with the file line it is on. */
export interface ListEntry {
  readonly text: string;
  readonly line: number;
}

/** A part id: lower-case letters, digits and dashes, at most 32 characters. */
export const PART_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const DEFAULT_MAX_LENGTH = 200;

/**
 * Reads typed values from one file's front matter. Every problem (unknown, missing, empty or
 * badly typed keys) is added to the shared list; a getter returns undefined when the key is
 * absent or its value is unusable.
 */
export class FrontMatterFields {
  readonly #file: string;
  readonly #problems: StoryProblem[];
  readonly #entries = new Map<string, FrontMatterEntry>();
  /** Keys an unknown key probably meant; the unknown key's problem already says they are missing. */
  readonly #meant = new Set<string>();

  constructor(
    file: string,
    entries: readonly FrontMatterEntry[],
    allowed: readonly string[],
    problems: StoryProblem[],
  ) {
    this.#file = file;
    this.#problems = problems;
    for (const entry of entries) {
      if (allowed.includes(entry.key)) {
        this.#entries.set(entry.key, entry);
        continue;
      }
      const near = closestKey(entry.key, allowed);
      if (near !== undefined) this.#meant.add(near);
      const list = allowed.join(", ");
      this.#problem(
        entry.line,
        `Unknown key ${JSON.stringify(entry.key)}.`,
        near === undefined
          ? `Remove it, or use one of the keys allowed in this file: ${list}.`
          : `Did you mean ${JSON.stringify(near)}? The keys allowed in this file are: ${list}.`,
      );
    }
  }

  /** The line of a key, for problems about its value found elsewhere. */
  line(key: string): number | undefined {
    return this.#entries.get(key)?.line;
  }

  text(key: string, options: TextOptions): string | undefined {
    const value = this.#value(key, options);
    return value && this.#text(value, { ...options, key });
  }

  id(options: Omit<FieldOptions, "required">): string | undefined {
    const value = this.#value("id", { ...options, required: true });
    const id =
      value && this.#text(value, { ...options, key: "id", maxLength: Number.POSITIVE_INFINITY });
    if (value === undefined || id === undefined || PART_ID.test(id)) return id;
    this.#problem(
      value.line,
      `"id" must be 1 to 32 lower-case letters (a-z), digits and dashes, starting with a letter or digit, but it is ${quote(id)}.`,
      `Use e.g. \`id: ${suggestId(id, options.example)}\`. The id must stay the same once readers have started.`,
    );
    return undefined;
  }

  choice(key: string, choices: readonly string[], options: FieldOptions): string | undefined {
    const value = this.#value(key, options);
    const text = value && this.#text(value, { ...options, key });
    if (value === undefined || text === undefined || choices.includes(text)) return text;
    const near = choices.find((choice) => choice.toLowerCase() === text.toLowerCase());
    this.#problem(
      value.line,
      `"${key}" must be one of ${choices.join(", ")}, but it is ${quote(text)}.`,
      `Write it as \`${key}: ${near ?? options.example}\`${near === undefined ? " or another of these" : ""}.`,
    );
    return undefined;
  }

  textList(key: string, options: TextOptions): readonly ListEntry[] | undefined {
    const value = this.#value(key, options);
    if (value === undefined) return undefined;
    if (value.type !== "list") {
      this.#problem(
        value.line,
        `"${key}" must be a list, but it is ${describe(value)}.`,
        `Write it as \`${key}: [${options.example}]\`, or as one \`- entry\` per line under \`${key}:\`.`,
      );
      return undefined;
    }
    const entries: ListEntry[] = [];
    value.items.forEach((item, index) => {
      const text = this.#text(item, { ...options, key }, index + 1);
      if (text !== undefined) entries.push({ text, line: item.line });
    });
    return entries.length === value.items.length ? entries : undefined;
  }

  wholeNumber(
    key: string,
    range: { readonly min: number; readonly max: number },
    options: FieldOptions,
  ): number | undefined {
    const value = this.#value(key, options);
    if (value === undefined) return undefined;
    if (
      value.type === "scalar" &&
      typeof value.value === "number" &&
      Number.isInteger(value.value) &&
      value.value >= range.min &&
      value.value <= range.max
    ) {
      return value.value;
    }
    this.#problem(
      value.line,
      `"${key}" must be a whole number from ${range.min} to ${range.max}, but it is ${describe(value)}.`,
      `Write it as a plain number, e.g. \`${key}: ${options.example}\`.`,
    );
    return undefined;
  }

  dateTime(key: string, options: FieldOptions): Date | undefined {
    const value = this.#value(key, options);
    const text = value && this.#text(value, { ...options, key });
    if (value === undefined || text === undefined) return undefined;
    const date = parseIsoDateTime(text);
    if (date === undefined) {
      this.#problem(
        value.line,
        `"${key}" must be a real date and time with its offset from UTC, but it is ${quote(text)}.`,
        `Write it in ISO 8601 form, e.g. \`${key}: ${options.example}\` (the +01:00 at the end is the offset from UTC; write Z for UTC itself).`,
      );
    }
    return date;
  }

  #value(key: string, options: FieldOptions): FrontMatterValue | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      if (options.required && !this.#meant.has(key)) {
        this.#problem(
          1,
          `The front matter has no "${key}" key.`,
          `Add a \`${key}:\` line to the front matter, e.g. \`${key}: ${options.example}\`.`,
        );
      }
      return undefined;
    }
    if (entry.value.type === "scalar" && entry.value.value === null) {
      this.#problem(
        entry.line,
        `"${key}" has no value.`,
        `Give it one, e.g. \`${key}: ${options.example}\`${options.required ? "" : ", or remove the line"}.`,
      );
      return undefined;
    }
    return entry.value;
  }

  #text(
    value: FrontMatterValue,
    field: { readonly key: string; readonly example: string; readonly maxLength?: number },
    entry?: number,
  ): string | undefined {
    const label = entry === undefined ? `"${field.key}"` : `Entry ${entry} of "${field.key}"`;
    const writeAs = (yaml: string) =>
      entry === undefined ? `\`${field.key}: ${yaml}\`` : `\`${field.key}: [${yaml}]\``;
    if (value.type !== "scalar" || typeof value.value !== "string") {
      this.#problem(
        value.line,
        `${label} must be text, but it is ${describe(value)}.`,
        value.type === "scalar" && value.value !== null
          ? `Put it in double quotes, e.g. ${writeAs(JSON.stringify(value.source))}.`
          : `Write it as one line of text, e.g. ${writeAs(field.example)}.`,
      );
      return undefined;
    }
    const text = value.value;
    const maxLength = field.maxLength ?? DEFAULT_MAX_LENGTH;
    if (text.trim() === "") {
      this.#problem(
        value.line,
        `${label} is empty.`,
        `Write it out, e.g. ${writeAs(field.example)}.`,
      );
    } else if (/[\r\n]/.test(text)) {
      this.#problem(
        value.line,
        `${label} must fit on one line, but it has line breaks.`,
        `Write it on one line, e.g. ${writeAs(field.example)}.`,
      );
    } else if (text.length > maxLength) {
      this.#problem(
        value.line,
        `${label} is ${text.length} characters long, but at most ${maxLength} are allowed (Discord cuts embed titles at 256).`,
        `Shorten it to ${maxLength} characters or fewer.`,
      );
    } else {
      return text;
    }
    return undefined;
  }

  #problem(line: number, message: string, fix: string): void {
    this.#problems.push({ file: this.#file, line, message, fix });
  }
}

function describe(value: FrontMatterValue): string {
  switch (value.type) {
    case "list":
      return "a list";
    case "mapping":
      return "a group of keys";
    case "alias":
      return "an alias (*name)";
    case "scalar":
      if (value.value === null) return "empty";
      if (typeof value.value === "string") return quote(value.value);
      if (typeof value.value === "number") return `the number ${value.source}`;
      return `the value ${value.source}`;
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** The allowed key a typo most likely meant: same letters ignoring case and _-, or 2 edits away. */
function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const plain = (text: string) => text.toLowerCase().replace(/[-_ ]/g, "");
  const same = allowed.find((candidate) => plain(candidate) === plain(key));
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const distance = editDistance(plain(key), plain(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      const row = rows[i];
      if (row) row[j] = distance;
    }
  }
  return at(a.length, b.length);
}
