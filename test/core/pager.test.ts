import LineBreaker from "linebreak";
import { describe, expect, it } from "vitest";
import { type Page, paginate } from "../../src/core/pager.js";
import { sceneBreakLines } from "../../src/core/sceneBreaks.js";
import { expectValidPages, type Unbreakable } from "../helpers/pageProblems.js";

/** Paginates and checks the whole contract, graphemes included. */
function pagesOf(
  text: string,
  maxLength: number,
  unbreakable: readonly Unbreakable[] = [],
): Page[] {
  const pages = paginate(text, { maxLength });
  expectValidPages(text, pages, maxLength, { graphemes: true, unbreakable });
  return pages;
}

/** Where each occurrence of `part` lies in `text`. */
function occurrences(text: string, part: string): Unbreakable[] {
  const found: Unbreakable[] = [];
  for (let start = text.indexOf(part); start >= 0; start = text.indexOf(part, start + 1)) {
    found.push({ start, end: start + part.length });
  }
  return found;
}

const texts = (pages: readonly Page[]) => pages.map((page) => page.text);

/** `count` sentences of roughly 60 code units, numbered so that none repeats. */
function sentences(count: number, from = 0): string {
  return Array.from(
    { length: count },
    (_, index) => `Sentence ${from + index} walks slowly across the quiet old town.`,
  ).join(" ");
}

describe("paginate", () => {
  it("gives one page for text that fits, trimmed", () => {
    expect(pagesOf("  Hello, world.\n", 2000)).toEqual([
      { start: 2, end: 15, text: "Hello, world.", reopened: "", closed: "" },
    ]);
  });

  it("gives no pages for empty or whitespace-only text", () => {
    expect(pagesOf("", 2000)).toEqual([]);
    expect(pagesOf(" \n\r\n\t \u3000", 2000)).toEqual([]);
  });

  it("rejects a page length that cannot hold every character", () => {
    expect(() => paginate("text", { maxLength: 1 })).toThrow(RangeError);
    expect(() => paginate("text", { maxLength: 10.5 })).toThrow(RangeError);
    expect(() => paginate("text", { maxLength: Number.NaN })).toThrow(RangeError);
  });

  it("breaks at blank lines between paragraphs", () => {
    let from = 0;
    const paragraphs = [3, 5, 2, 6, 4, 3, 5, 2, 4, 6, 3].map((count) => {
      from += count;
      return sentences(count, from - count);
    });
    const text = paragraphs.join("\n\n");
    for (const maxLength of [500, 700, 1000]) {
      const pages = pagesOf(text, maxLength);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        expect(page.text.split("\n\n").every((part) => paragraphs.includes(part))).toBe(true);
      }
    }
  });

  it("breaks a long paragraph at sentence ends", () => {
    const text = sentences(40);
    const pages = pagesOf(text, 500);
    expect(pages.length).toBe(5);
    for (const page of pages) expect(page.text).toMatch(/^Sentence \d+ .*\.$/);
  });

  it("breaks at line breaks before sentence ends", () => {
    const lines = Array.from({ length: 12 }, (_, index) => `Line ${index}. It goes on a while.`);
    for (const page of pagesOf(lines.join("\n"), 150)) {
      expect(page.text.split("\n").every((line) => lines.includes(line))).toBe(true);
    }
  });

  it("breaks between words when a sentence is longer than a page", () => {
    const text = Array.from({ length: 400 }, (_, index) => `word${index}`).join(" ");
    for (const page of pagesOf(text, 300)) expect(page.text).toMatch(/^word\d+( word\d+)*$/);
  });

  it("cuts a 20,000-character run without spaces into even pages", () => {
    const pages = pagesOf("x".repeat(20_000), 4096);
    expect(pages.map((page) => page.text.length)).toEqual([4000, 4000, 4000, 4000, 4000]);
  });

  it("breaks Japanese between sentences, else where Unicode's line breaking allows", () => {
    const sentence = "日本語の文章は空白を使わずに書かれます。";
    for (const page of pagesOf(sentence.repeat(30), 100)) {
      expect(page.text).toMatch(/^(日本語の文章は空白を使わずに書かれます。)+$/);
    }
    const run = "コンピューターのプログラミングをデバッグする".repeat(21);
    const breaker = new LineBreaker(run);
    const opportunities = new Set<number>();
    for (let found = breaker.nextBreak(); found; found = breaker.nextBreak()) {
      opportunities.add(found.position);
    }
    const pages = pagesOf(run, 100);
    expect(pages.length).toBeGreaterThan(4);
    for (const page of pages.slice(1)) {
      expect(opportunities.has(page.start)).toBe(true);
      expect(page.text).not.toMatch(/^[ーァィゥェォッャュョ]/);
    }
  });

  it("keeps right-to-left text whole, points and all", () => {
    const arabic = "الْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ. ";
    const hebrew = "שָׁלוֹם עוֹלָם, זֶה טֶקְסְט. ";
    const text = `${arabic.repeat(20)}\n${hebrew.repeat(20)}`;
    const pages = pagesOf(text, 400);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page.text).toMatch(/^[\u0600-\u06FF\u0590-\u05FF]/u);
      expect(page.text).toMatch(/\.$/u);
    }
  });

  it("never splits emoji: families, flags and skin tones", () => {
    const family = "👨‍👩‍👧‍👦";
    for (const page of pagesOf(family.repeat(50), 40)) {
      expect(page.text).toMatch(/^(👨‍👩‍👧‍👦)+$/u);
    }
    for (const page of pagesOf("🇯🇵🇫🇷".repeat(40), 21)) {
      expect(page.text).toMatch(/^(🇯🇵|🇫🇷)+$/u);
      expect(page.text.length).toBe(20);
    }
    for (const page of pagesOf("👍🏽👋🏿🧑🏻‍🚀".repeat(30), 25)) {
      expect(page.text).toMatch(/^(👍🏽|👋🏿|🧑🏻‍🚀)+$/u);
    }
  });

  it("keeps Markdown spans that fit on a page whole", () => {
    const spans = [
      "*a leaning italic phrase*",
      "_another italic phrase_",
      "**some bold words here**",
      "__underlined words here__",
      "~~struck out words~~",
      "||a hidden spoiler here||",
      "`const code = span;`",
      "[a masked link](https://example.com/wiki/Page_(disambiguation))",
    ];
    const text = Array.from(
      { length: 12 },
      (_, index) => `Plain words ${index} then ${spans[index % spans.length]} and more.`,
    ).join(" ");
    const unbreakable = spans.flatMap((span) => occurrences(text, span));
    for (const maxLength of [40, 64, 100, 333]) pagesOf(text, maxLength, unbreakable);
  });

  it("closes a Markdown span longer than a page at the page's end and opens it again", () => {
    const text = `Intro. **${sentences(6)}** Outro.`;
    const [first, second, ...rest] = texts(pagesOf(text, 200));
    expect(rest).toEqual([]);
    expect(first).toMatch(/^Intro\. \*\*Sentence 0 .*\.\*\*$/);
    expect(second).toMatch(/^\*\*Sentence \d .*\.\*\* Outro\.$/);
  });

  it("handles \\r\\n line ends like \\n", () => {
    const unix = Array.from({ length: 8 }, (_, index) => sentences(2, index * 2)).join("\n\n");
    const windows = unix.replaceAll("\n", "\r\n");
    const unixPages = pagesOf(unix, 300);
    const windowsPages = pagesOf(windows, 300);
    expect(texts(windowsPages).map((page) => page.replaceAll("\r\n", "\n"))).toEqual(
      texts(unixPages),
    );
  });

  it("breaks at scene breaks and never splits or mistakes them", () => {
    for (const marker of ["***", "* * *", "---", "#", "~~~", "⁂", "o0o", "  ***  "]) {
      const text = `${sentences(5)}\n\n${marker}\n\n${sentences(5, 5)}`;
      const pages = pagesOf(text, 500, occurrences(text, marker.trim()));
      expect(pages).toHaveLength(2);
      const [first, second] = texts(pages);
      expect(first?.endsWith(marker.trim()) || second?.startsWith(marker.trim())).toBe(true);
    }
  });

  it("takes a # or --- line inside a code block for code, not a scene break", () => {
    const code = `\`\`\`sh\n${Array.from({ length: 30 }, (_, line) => (line % 10 === 5 ? "#" : `echo ${line}`)).join("\n")}\n\`\`\``;
    const text = `${sentences(3)}\n\n${code}\n\n---\n\n${sentences(3, 3)}`;
    expect(sceneBreakLines(text).map((line) => text.slice(line.start, line.end))).toEqual(["---"]);
    for (const page of pagesOf(text, 250)) expect(page.text.split("```").length % 2).toBe(1);
  });

  it("prefers a scene break to a nearer blank line", () => {
    const before = sentences(15);
    const short = "A short paragraph before the break.";
    const after = sentences(Math.round((before.length - short.length) / 51), 15);
    const text = `${before}\n\n${short}\n\n***\n\n${after}`;
    const [first, second] = texts(pagesOf(text, Math.ceil(text.length / 2) + 60));
    expect(first?.endsWith(short) || first?.endsWith("***")).toBe(true);
    expect(second?.startsWith("***") || second?.startsWith("Sentence 15 ")).toBe(true);
  });

  it("does not pair a scene break's stars with bold markers", () => {
    const text = `${sentences(4)} A **bold\n***\nclaim** here. ${sentences(4, 4)}`;
    const [first, second] = texts(pagesOf(text, 300, occurrences(text, "***")));
    expect(first?.endsWith("***") || second?.startsWith("***")).toBe(true);
  });

  it("balances pages instead of leaving an orphan", () => {
    const text = sentences(22);
    const pages = pagesOf(text, Math.floor(text.length / 1.1));
    const [first, second] = pages.map((page) => page.text.length);
    expect(pages).toHaveLength(2);
    expect(Math.abs((first ?? 0) - (second ?? 0))).toBeLessThan(100);

    const paragraphs = Array.from({ length: 11 }, (_, index) => sentences(2, index * 2)).join(
      "\n\n",
    );
    const halves = pagesOf(paragraphs, Math.floor(paragraphs.length / 1.1));
    expect(halves).toHaveLength(2);
    const [left, right] = halves.map((page) => page.text.length);
    expect(Math.abs((left ?? 0) - (right ?? 0))).toBeLessThan(150);
    for (const page of halves)
      expect(paragraphs.split("\n\n")).toContain(page.text.split("\n\n")[0]);
  });

  it("cuts a grapheme longer than a page between code points", () => {
    const text = `e${"\u0301".repeat(100)} a😀${"\u{1F3FD}".repeat(40)}`;
    const pages = paginate(text, { maxLength: 30 });
    expectValidPages(text, pages, 30);
    for (const page of pages) expect(page.text).not.toMatch(/\p{Cs}/u);
  });

  it("is deterministic", () => {
    const text = `${sentences(30)}\n\n***\n\n日本語の文章。${"👨‍👩‍👧‍👦".repeat(10)} **bold** end.`;
    expect(paginate(text, { maxLength: 333 })).toEqual(paginate(text, { maxLength: 333 }));
  });

  it("pages a 500,000-word text within the contract (its speed is measured in the benchmarks)", () => {
    const paragraph = sentences(10);
    const paragraphCount = Math.ceil(500_000 / 90);
    const text = Array.from({ length: paragraphCount }, () => paragraph).join("\n\n");
    expectValidPages(text, paginate(text, { maxLength: 4096 }), 4096);
  });
});
