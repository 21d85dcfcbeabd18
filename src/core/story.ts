/** The kinds of part a story is made of, in reading order: the author's note, the blurb, then scenes. */
export type PartKind = "note" | "blurb" | "scene";

export interface Part {
  /** Stable id from front matter: lower-case letters, digits and dashes, at most 32 characters. */
  readonly id: string;
  readonly kind: PartKind;
  readonly title: string;
  /** Scenes only, e.g. "December 26th 1985". */
  readonly dateline?: string;
  /** Scenes only, e.g. "New York City". */
  readonly place?: string;
  /** Scenes only: 1 for the first scene, 2 for the next, and so on. */
  readonly number?: number;
  /** Scenes only: a release time that overrides the schedule's order. */
  readonly releaseAt?: Date;
  /** The prose, verbatim from the file (only the blank lines around it are dropped). */
  readonly text: string;
  /** Path of the source file, relative to the story folder, for messages. */
  readonly file: string;
  /** The 1-based line of the file the text starts on. */
  readonly line: number;
}

export interface StoryMeta {
  readonly id: string;
  readonly title: string;
  readonly author: string;
  /** As on the big fiction archives: General, Teen, Mature, Explicit. */
  readonly rating: string;
  readonly contentWarnings: readonly string[];
  readonly tags: readonly string[];
  /** Reaction emoji offered to readers. */
  readonly reactions: readonly string[];
  /** Longest page, in UTF-16 code units (Discord embed descriptions allow 4096). */
  readonly pageLength: number;
}

export interface Story {
  readonly meta: StoryMeta;
  /** Every part in reading order: note, blurb, then scenes by file name. */
  readonly parts: readonly Part[];
}

/** One file of the story folder as read from disk. */
export interface StoryFile {
  /** Relative to the story folder, with forward slashes, e.g. "scenes/001-new-york.md". */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A problem in the story folder, precise enough for the author to fix it. */
export interface StoryProblem {
  readonly file: string;
  /** 1-based line in the file, when the problem has one. */
  readonly line?: number;
  readonly message: string;
  readonly fix: string;
}
