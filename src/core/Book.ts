import { countWords } from "./countWords.js";
import { type Page, paginate } from "./pager.js";
import type { Part, Story } from "./story.js";
import { textDigest } from "./textDigest.js";

export interface BookPage extends Page {
  /** Words of the page's own slice, not of the delimiters it carries. */
  readonly words: number;
}

export interface BookPart {
  readonly part: Part;
  readonly pages: readonly BookPage[];
  readonly words: number;
  /** The digest of the part's text (see textDigest), to tell a dropped part was edited since. */
  readonly digest: string;
  /** Words in all the parts before this one, for "how far through the story". */
  readonly wordsBefore: number;
}

/** A story cut into pages once, at start-up, so reading never re-pages. */
export interface Book {
  readonly story: Story;
  readonly parts: readonly BookPart[];
  readonly words: number;
  part(id: string): BookPart | undefined;
}

/**
 * Pages every part of the story with the story's page length. A part whose text and page length
 * are those of the same part in `previous` (the story before a reload) keeps its pages: an edit
 * to one scene re-pages that scene only.
 */
export function bindBook(story: Story, previous?: Book): Book {
  const parts: BookPart[] = [];
  const { pageLength } = story.meta;
  const samePaging = previous?.story.meta.pageLength === pageLength;
  let wordsBefore = 0;
  for (const part of story.parts) {
    const before = samePaging ? previous?.part(part.id) : undefined;
    const kept = before !== undefined && before.part.text === part.text ? before : undefined;
    const pages =
      kept?.pages ??
      paginate(part.text, { maxLength: pageLength }).map((page) => ({
        ...page,
        words: countWords(part.text.slice(page.start, page.end)),
      }));
    const words = kept?.words ?? pages.reduce((sum, page) => sum + page.words, 0);
    const digest = kept?.digest ?? textDigest(part.text);
    parts.push({ part, pages, words, digest, wordsBefore });
    wordsBefore += words;
  }
  const byId = new Map(parts.map((bookPart) => [bookPart.part.id, bookPart]));
  return { story, parts, words: wordsBefore, part: (id) => byId.get(id) };
}
