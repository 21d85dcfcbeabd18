import type { Page } from "../../src/core/pager.js";

/** Every place a page ends or the next begins, between the first page's start and the last's end. */
export function boundaries(pages: readonly Page[]): number[] {
  return pages.slice(1).flatMap((page, index) => [pages[index]?.end ?? 0, page.start]);
}
