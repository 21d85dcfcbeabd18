import type { Page } from "../../src/core/pager.js";

export const BIDI_OPEN = new Set([
  "\u202a",
  "\u202b",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
]);
const BIDI_ISOLATE = new Set(["\u2066", "\u2067", "\u2068"]);
/** Paragraph separators (UAX #9 class B): each ends every embedding and isolate. */
const PARAGRAPH_END = new Set(["\n", "\r", "\u001c", "\u001d", "\u001e", "\u0085", "\u2029"]);

/** For each code unit of `text` but the controls, the embeddings and isolates open there (UAX #9). */
export function bidiContexts(text: string): (string | undefined)[] {
  const contexts: (string | undefined)[] = [];
  let open: string[] = [];
  for (const character of text) {
    if (BIDI_OPEN.has(character)) {
      open.push(character);
      contexts.push(undefined);
    } else if (character === "\u202c") {
      const top = open.at(-1);
      if (top !== undefined && !BIDI_ISOLATE.has(top)) open.pop();
      contexts.push(undefined);
    } else if (character === "\u2069") {
      const isolate = open.findLastIndex((control) => BIDI_ISOLATE.has(control));
      if (isolate >= 0) open = open.slice(0, isolate);
      contexts.push(undefined);
    } else {
      if (PARAGRAPH_END.has(character)) open = [];
      const context = open.join("");
      for (let unit = 0; unit < character.length; unit++) contexts.push(context);
    }
  }
  return contexts;
}

/** Every page on which a character of its slice is in other directional embeddings than in the text. */
export function bidiProblems(text: string, pages: readonly Page[]): string[] {
  const problems: string[] = [];
  const whole = bidiContexts(text);
  for (const [number, page] of pages.entries()) {
    const shown = bidiContexts(page.text);
    const offset = page.start - page.reopened.length;
    for (
      let index = page.reopened.length;
      index < page.reopened.length + page.end - page.start;
      index++
    ) {
      const onPage = shown[index];
      const inText = whole[index + offset];
      if (onPage === undefined || inText === undefined || onPage === inText) continue;
      problems.push(
        `page ${number} [${page.start}, ${page.end}) has ${JSON.stringify(text[index + offset])} at ` +
          `${index + offset} inside ${JSON.stringify(onPage)}, the text inside ${JSON.stringify(inText)}`,
      );
      break;
    }
  }
  return problems;
}
