import { expect } from "vitest";

/**
 * Asserts that `pages` are the `texts` served verbatim, once and in order: each page is the next
 * slice of the current text, with nothing but whitespace skipped between pages.
 */
export function expectVerbatimPages(pages: readonly string[], texts: readonly string[]): void {
  let textIndex = 0;
  let cursor = 0;
  for (const [pageNumber, page] of pages.entries()) {
    let text = texts[textIndex] ?? "";
    if (text.slice(cursor).trim() === "") {
      textIndex += 1;
      cursor = 0;
      text = texts[textIndex] ?? "";
    }
    const skipped = text.slice(cursor, cursor + text.slice(cursor).search(/\S|$/));
    const at = cursor + skipped.length;
    expect(text.slice(at, at + page.length), `page ${pageNumber + 1} of the reading`).toBe(page);
    cursor = at + page.length;
  }
  expect(textIndex, "every text was reached").toBe(texts.length - 1);
  expect((texts[textIndex] ?? "").slice(cursor).trim(), "nothing left unread").toBe("");
}
