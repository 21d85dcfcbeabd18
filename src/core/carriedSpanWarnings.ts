import type { Book } from "./Book.js";
import type { StoryProblem } from "./story.js";

const LF = 0x0a;

/**
 * A warning for each page break that goes through formatting longer than a page (a bold
 * passage, a code block, a `>>>` quote): the pager closes it at the page's end and opens it
 * again on the next page, which reads as the author meant but is worth knowing.
 */
export function carriedSpanWarnings(book: Book): StoryProblem[] {
  const limit = book.story.meta.pageLength;
  const warnings: StoryProblem[] = [];
  for (const { part, pages } of book.parts) {
    let lines = 0;
    let counted = 0;
    pages.forEach((page, index) => {
      const next = pages[index + 1];
      if (page.closed === "" && (next?.reopened ?? "") === "") return;
      for (; counted < page.end; counted++) if (part.text.charCodeAt(counted) === LF) lines++;
      const carried = [page.closed, next?.reopened ?? ""]
        .filter((delimiters) => delimiters !== "")
        .map((delimiters) => JSON.stringify(delimiters));
      warnings.push({
        file: part.file,
        line: part.line + lines,
        message: `Page ${index + 1} of ${part.id} ends inside formatting longer than a page of ${limit} characters: it is closed there and opened again on page ${index + 2} (${carried.join(", then ")}).`,
        fix: "Nothing, if that is what you meant: each page shows the formatting. To keep it on one page, end the formatting sooner or split it in two.",
      });
    });
  }
  return warnings;
}
