import { describe, expect, it } from "vitest";
import { paginate } from "../../src/core/pager.js";
import { parseDiscordMarkdown } from "../../src/core/parseDiscordMarkdown.js";
import { aroundTheBreak, PAGE } from "../helpers/aroundTheBreak.js";
import { boundaries } from "../helpers/boundaries.js";
import { FILLER_WORDS, filler } from "../helpers/filler.js";
import { expectValidPages } from "../helpers/pageProblems.js";

describe("the pager, on the issue's reproductions", () => {
  it.each([
    "https://example.com/search?q=dragon&lang=en",
    "10:30",
    '{"a":1}',
    "<@123456789012345678>",
    "<:blob:123456789012345678>",
    "<t:1767225600:R>",
    "jenny@example.com",
    "and/or",
    "\u201cGo\u201d",
    "Yahoo!Answers",
    "M.\u00a0Dupont",
    "«\u202fBonjour\u202f»",
    "Madame\u202fDupont",
  ])("never cuts inside %j when a space is near", (token) => {
    for (const { pages, start, end } of aroundTheBreak(token)) {
      const inside = boundaries(pages).filter((index) => index > start && index < end);
      expect(inside).toEqual([]);
    }
  });

  it("does not end a sentence at a title (Mr. Drago), but at the sentence's real end", () => {
    const sentence = (index: number) => `The ${FILLER_WORDS[index % 9]} boats rocked softly.`;
    const prose = (from: number, count: number) =>
      Array.from({ length: count }, (_, index) => sentence(from + index)).join(" ");
    for (let shift = 0; shift < 40; shift += 3) {
      const head = `${prose(0, 70)} ${filler(shift)}`;
      const text = `${head} and Mr. Drago waited by the water. ${prose(70, 70)}`;
      for (const page of paginate(text, { maxLength: PAGE })) {
        expect(page.text.endsWith("Mr.")).toBe(false);
      }
    }
  });

  it("keeps a fenced code block with blank lines inside on one page", () => {
    const code = Array.from({ length: 24 }, (_, line) =>
      line % 6 === 5 ? "" : `  let value${line} = compute(${line}); // step ${line}`,
    ).join("\n");
    const fence = `\`\`\`js\n${code}\n\`\`\``;
    expect(fence.length).toBeGreaterThan(600);
    for (let shift = 0; shift < fence.length; shift += 50) {
      const text = `${filler(2400 - shift)}\n\n${fence}\n\n${filler(1800, shift)}`;
      const pages = paginate(text, { maxLength: PAGE });
      expectValidPages(text, pages, PAGE);
      expect(pages.some((page) => page.text.includes(fence))).toBe(true);
    }
  });

  it.each([
    ["||", "spoiler"],
    ["**", "strong"],
  ])("keeps a %s span that runs across paragraphs on one page", (marker, type) => {
    const span = `${marker}${filler(200)}.\n\n${filler(200, 3)}.\n\n${filler(150, 5)}${marker}`;
    for (let shift = 0; shift < span.length; shift += 40) {
      const text = `${filler(2300 - shift)}.\n\n${span}\n\n${filler(1800, shift)}.`;
      const pages = paginate(text, { maxLength: PAGE });
      expectValidPages(text, pages, PAGE);
      const holder = pages.find((page) => page.text.includes(span));
      expect(holder).toBeDefined();
      expect(parseDiscordMarkdown(holder?.text ?? "").some((node) => node.type === type)).toBe(
        true,
      );
    }
  });

  it("continues a >>> block quote on every page it runs over", () => {
    const quoted = Array.from({ length: 12 }, (_, index) => `${filler(560, index)}.`).join("\n\n");
    const text = `${filler(400)}.\n\n>>> ${quoted}`;
    const pages = paginate(text, { maxLength: PAGE });
    expectValidPages(text, pages, PAGE);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(1)) {
      expect(page.text.startsWith(">>> ")).toBe(true);
      const [first] = parseDiscordMarkdown(page.text);
      expect(first?.type).toBe("blockQuote");
      expect(first?.end).toBe(page.text.length);
    }
  });

  it.each([
    ["a bold passage", (body: string) => `**${body}**`, "strong"],
    ["a spoiler", (body: string) => `||${body}||`, "spoiler"],
    ["an underline", (body: string) => `__${body}__`, "underline"],
    ["a strike-through", (body: string) => `~~${body}~~`, "strikethrough"],
    ["a code block", (body: string) => `\`\`\`py\n${body}\n\`\`\``, "codeBlock"],
  ])("closes %s longer than a page on each page and opens it again", (_, wrap, type) => {
    const lines = Array.from({ length: 40 }, (_, index) => `    ${filler(150, index)}`);
    const text = `Before it.\n\n${wrap(lines.join("\n"))}\n\nAfter it.`;
    const pages = paginate(text, { maxLength: PAGE });
    expectValidPages(text, pages, PAGE);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      const nodes = parseDiscordMarkdown(page.text).filter((node) => node.type === type);
      expect(nodes).toHaveLength(1);
    }
    for (const page of pages.slice(1)) {
      if (type === "codeBlock") expect(page.text).toMatch(/^```py\n {4}\w/);
    }
  });

  it("keeps a directional embedding's opening and closing controls on one page", () => {
    const rtl = `\u202b${"שלום עולם זה טקסט ".repeat(8).trim()}\u202c`;
    for (let shift = 0; shift < rtl.length + 10; shift += 7) {
      const text = `${filler(2100 - shift)} ${rtl} ${filler(2000, shift)}`;
      const pages = paginate(text, { maxLength: PAGE });
      expectValidPages(text, pages, PAGE);
      for (const page of pages) {
        expect(page.text.endsWith("\u202b")).toBe(false);
        expect(page.text.startsWith("\u202c")).toBe(false);
      }
      expect(pages.some((page) => page.text.includes(rtl))).toBe(true);
    }
  });
});

/** How many times `part` occurs in `text`. */
