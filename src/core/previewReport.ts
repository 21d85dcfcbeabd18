import type { Book } from "./Book.js";
import { readingMinutes } from "./countWords.js";

/** A page this much shorter than the limit, in a part of several pages, is worth a look. */
const SHORT_PAGE_SHARE = 0.2;

/** How the story will be paged: each part, its pages with their lengths, words and reading time. */
export function previewReport(book: Book): string {
  const { meta } = book.story;
  const limit = meta.pageLength;
  const lines = [
    `${meta.title} by ${meta.author}: ${book.parts.length} parts, ${book.words} words, about ${readingMinutes(book.words)} min; pages of at most ${limit} characters.`,
  ];
  const notes: string[] = [];
  for (const { part, pages, words } of book.parts) {
    const where = [part.dateline, part.place].filter((item) => item !== undefined).join(", ");
    lines.push(
      "",
      `${part.file}  [${part.id}] ${part.title}${where === "" ? "" : ` (${where})`}: ${pages.length} ${pages.length === 1 ? "page" : "pages"}, ${words} words, about ${readingMinutes(words)} min`,
    );
    pages.forEach((page, index) => {
      lines.push(
        `  page ${index + 1}: ${page.text.length} characters, ${page.words} words, starts "${page.text.slice(0, 40).replace(/\s+/g, " ")}…"`,
      );
      if (page.text.length > limit) {
        notes.push(
          `${part.file}: page ${index + 1} is over the limit (${page.text.length} > ${limit}).`,
        );
      } else if (pages.length > 1 && page.text.length < limit * SHORT_PAGE_SHARE) {
        notes.push(
          `${part.file}: page ${index + 1} is short (${page.text.length} characters); consider a paragraph break nearer the middle of the part.`,
        );
      }
    });
  }
  lines.push(
    "",
    notes.length === 0
      ? "No problems found."
      : `Problems:\n${notes.map((note) => `- ${note}`).join("\n")}`,
  );
  return lines.join("\n");
}
