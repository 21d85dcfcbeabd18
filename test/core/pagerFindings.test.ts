import { describe, expect, it } from "vitest";
import { paginate } from "../../src/core/pager.js";
import { parseDiscordMarkdown } from "../../src/core/parseDiscordMarkdown.js";
import { aroundTheBreak } from "../helpers/aroundTheBreak.js";
import { boundaries } from "../helpers/boundaries.js";
import { breakProblems } from "../helpers/breakProblems.js";
import { filler } from "../helpers/filler.js";
import { formattingProblems } from "../helpers/formattingProblems.js";
import { expectValidPages } from "../helpers/pageProblems.js";

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("the pager, on what a review found", () => {
  const code = Array.from({ length: 40 }, (_, line) => `let a${line} = ${line};`).join("\n");

  it("never leaves a fence alone on a page, wherever the break falls around it", () => {
    const words = (count: number) =>
      Array.from({ length: count }, (_, index) => `word${index % 10}`).join(" ");
    for (let count = 1; count < 80; count++) {
      for (const text of [
        `${words(count)}\n\n\`\`\`js\n\n${code}\n\`\`\`\n\n${words(20)}`,
        `${words(count)}\n\n\`\`\`js\n${code}\n\n\`\`\`\n\n${words(count)}`,
        `${words(count)}\n\`\`\`js\n${code}\n\`\`\``,
      ]) {
        const pages = paginate(text, { maxLength: 300 });
        expectValidPages(text, pages, 300);
        for (const page of pages) expect(occurrences(page.text, "```") % 2, page.text).toBe(0);
      }
    }
  });

  it("opens a code block of a CRLF file again with its language", () => {
    const text = `\`\`\`js\r\n${code.replaceAll("\n", "\r\n")}\r\n\`\`\``;
    const pages = paginate(text, { maxLength: 300 });
    expectValidPages(text, pages, 300);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.text).toMatch(/^```js\r?\n/);
  });

  it.each([
    ["||", "x|"],
    ["``", "x`"],
  ])("does not close %s next to the same character (%s)", (marker, word) => {
    const words = (count: number) =>
      Array.from({ length: count }, (_, index) => `word${index % 10}`).join(" ");
    for (let before = 20; before < 40; before++) {
      const text = `${marker}${words(before)} ${word} ${words(60 - before)}${marker}`;
      const pages = paginate(text, { maxLength: 200 });
      expectValidPages(text, pages, 200);
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) {
        expect(page.text).not.toMatch(marker === "||" ? /\|\|\|/ : /```/);
        expect(page.text.startsWith(marker) && page.text.endsWith(marker)).toBe(true);
      }
    }
  });

  it("does not carry a code block inside a > quote, whose lines need their markers first", () => {
    const quoted = Array.from({ length: 40 }, (_, line) => `> let a${line} = ${line};`).join("\n");
    const text = `> \`\`\`js\n${quoted}\n> \`\`\``;
    const pages = paginate(text, { maxLength: 300 });
    expectValidPages(text, pages, 300);
    for (const page of pages) expect(page.text.startsWith(">")).toBe(true);
  });

  it("gives no empty page when a code line's indentation is longer than the page", () => {
    const line = `x\n${" ".repeat(120)}y\n`;
    const text = `\`\`\`\n${line.repeat(3)}\`\`\``;
    expectValidPages(text, paginate(text, { maxLength: 100 }), 100);
  });
});

describe("the pager, on what the property tests found", () => {
  it.each(["- what", "* what", "1. what", "> what", ">>> what", "# what", "-# what"])(
    "does not start a page with %s from the middle of a line, where it would read as a block",
    (token) => {
      for (const { text, pages, start } of aroundTheBreak(token)) {
        expect(text[start - 1]).toBe(" ");
        for (const page of pages) expect(page.start).not.toBe(start);
      }
    },
  );

  it("leaves no quote marker alone on a page when what it quotes cannot fit after it", () => {
    const link = `[${filler(150)} *${filler(40)}*](https://example.com/${"a".repeat(5)})`;
    const text = `> **${link}** ${filler(40)}`;
    const pages = paginate(text, { maxLength: link.length });
    expectValidPages(text, pages, link.length);
    for (const page of pages) expect(page.text).not.toMatch(/^\s*(?:>{1,3}|#{1,3}|-#)?\s*$/);
  });

  it("cuts a link longer than the page outside the spans inside it that fit", () => {
    for (let before = 100; before <= 150; before += 5) {
      const em = `*${filler(30, before)}*`;
      const text = `[${filler(before)} ${em} ${filler(200 - before)}](https://example.com)`;
      const pages = paginate(text, { maxLength: 160 });
      expectValidPages(text, pages, 160);
      const emStart = text.indexOf(em);
      for (const boundary of boundaries(pages)) {
        expect(boundary <= emStart || boundary >= emStart + em.length).toBe(true);
      }
    }
  });

  it("opens a >>> quote again before the formatting that holds it", () => {
    const text = `**${filler(20)}\n>>> ${filler(600)}**`;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages.slice(1)) expect(page.text).toMatch(/^>>> \*\*/);
  });

  it("does not open formatting again in front of a > quote it holds", () => {
    const quoted = Array.from({ length: 12 }, (_, line) => `> ${filler(60, line)}`).join("\n");
    const text = `**${filler(20)}\n${quoted}\nend**`;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    for (const page of pages) expect(page.text).not.toMatch(/^[*_~|`]+>/);
  });

  it("carries emphasis inside emphasis, whose delimiters Discord drops", () => {
    const text = `_${filler(20)} *${filler(400)}* ${filler(20)}_`;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    for (const page of pages) {
      expect(page.text.split("*").length % 2).toBe(1);
      expect(parseDiscordMarkdown(page.text).map((node) => node.type)).toEqual(["em"]);
    }
  });

  it("closes inline code with as many backticks as open it, though its text starts with more", () => {
    const text = `\`\`\`${filler(600)}\``;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    for (const page of pages) {
      expect(parseDiscordMarkdown(page.text).map((node) => node.type)).toEqual(["inlineCode"]);
    }
  });

  it("keeps a delimiter with its text inside a > quote, where nothing is carried", () => {
    for (let after = 0; after < 60; after += 3) {
      const text = `> ${filler(40)} \`${filler(200 + after)}? \`${filler(20)} ${filler(200)}`;
      const pages = paginate(text, { maxLength: 206 });
      expectValidPages(text, pages, 206);
      for (const page of pages) expect(page.text).not.toMatch(/^(?:> )?`(?:\s|$)|\s`$/);
    }
  });

  it("keeps a space that a mark joins, or that joins a prepended sign, with its grapheme", () => {
    expect(paginate("\u0600\u3000", { maxLength: 2 }).map((page) => page.text)).toEqual([
      "\u0600\u3000",
    ]);
    expect(paginate("\u3000\u200d", { maxLength: 2 }).map((page) => page.text)).toEqual([
      "\u3000\u200d",
    ]);
    for (const page of paginate("ab \u0301cd", { maxLength: 3 })) {
      expect(page.text).not.toMatch(/^\u0301/);
    }
  });

  it("ends italics next to the bold that holds them, which Discord reads as meant", () => {
    const em = "*the well-known the*";
    const text = `# ***[Mr.](https://example.com)* ${em} _~~${"ภาษาไทย".repeat(14)}~~ the the the well-known the walked the_** 10:30`;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    const emStart = text.indexOf(em);
    for (const boundary of boundaries(pages)) {
      expect(boundary <= emStart || boundary >= emStart + em.length).toBe(true);
    }
  });
});

describe("the pager, on what a review of those fixes found", () => {
  it.each([
    "# Heading here now\n\n > quote words go here and on and on and on",
    "-# Subtext here now\n\n >>> quote words go here and on and on and on",
  ])("breaks at the blank line after a heading, which holds its line break (%#)", (text) => {
    const pages = paginate(text, { maxLength: 40 });
    expectValidPages(text, pages, 40);
    expect(pages[0]?.text).toBe(text.slice(0, text.indexOf("\n")));
  });

  it.each([
    [`**${"> quoted line here and more\n".repeat(6)}**`, 70],
    [
      "__under start\n> quoted line that is long enough to break here and there\nafter the quote__",
      48,
    ],
  ] as const)("closes only what is open on the page (%#)", (text, maxLength) => {
    const pages = paginate(text, { maxLength });
    expectValidPages(text, pages, maxLength);
    for (const page of pages.slice(1, -1)) expect(page.closed).toBe("");
  });

  it("tries every break that renders before taking one that does not", () => {
    const text = `||${"ok ".repeat(16)}${"a| ".repeat(16)}${"ok ".repeat(60)}||`;
    const pages = paginate(text, { maxLength: 100 });
    expectValidPages(text, pages, 100);
    for (const page of pages) expect(page.text).not.toMatch(/\|\|\|/);
  });

  it("breaks before a # comment in code, where it is no heading", () => {
    const lines = Array.from({ length: 20 }, (_, line) =>
      line === 10 ? "# comment 10" : `x${String(line).padStart(2, "0")} = 0`,
    );
    const text = `\`\`\`py\n${lines.join("\n")}\n\`\`\``;
    const pages = paginate(text, { maxLength: 130 });
    expectValidPages(text, pages, 130);
    expect(pages[1]?.text).toMatch(/^```py\n# comment 10\n/);
  });

  it("breaks before a nested list item, which may stand after spaces", () => {
    const text = "- item one is here ok\n  - sub item two here\n  - sub item three";
    const pages = paginate(text, { maxLength: 40 });
    expectValidPages(text, pages, 40);
    expect(pages.map((page) => page.text)).toEqual([
      "- item one is here ok",
      "- sub item two here\n  - sub item three",
    ]);
  });
  it("opens formatting again after a > quote it holds has ended", () => {
    const code = Array.from({ length: 8 }, (_, line) => `let a${line} = ${line};`).join("\n");
    const text = `~~${filler(60)}\n> ${filler(60)}\n\`\`\`js\n${code}\n\`\`\`\n${filler(60)}~~`;
    const pages = paginate(text, { maxLength: 160 });
    expectValidPages(text, pages, 160);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages.slice(1)) expect(page.text).toMatch(/^~~/);
  });
  it("does not open italics again in front of the text's own ***", () => {
    const link = `[👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦](https://example.com/wiki/wiki/${"long-segment/".repeat(15)}long-segment?q=1)`;
    const text = `the \`\`\`Mr.\n__*\`\` const \` const \`\` \`const\`*__ ${link}\n***👨‍👩‍👧‍👦** ||the الْعَرَبِيَّة مرحبا مرحبا|| 10:30 M. Dupont 10:30*\n\`\` const const \`\``;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    for (const page of pages) expect(page.text).not.toMatch(/\*{4}/);
  });
  it("leaves no > marker alone when every break cuts something", () => {
    const text =
      "> _**\u202a\u202aمرحبا مرحبا مرحبا مرحبا مرحبا مرحبا مرحبا \u202aمرحبا مرحبا مرحبا مرحبا الْعَرَبِيَّة\u202c\u202c \u202aمرحبا مرحبا مرحبا مرحبا مرحبا עִבְרִית مرحبا שָׁלוֹם الْعَرَبِيَّة مرحبا بالعالم بالعالم بالعالم שָׁלוֹם مرحبا\u202c\u202c** <:blob:100000000000000000>_ [**ภาษาไทย**](https://example.com)\n> `const`\n`const`";
    const pages = paginate(text, { maxLength: 202 });
    expectValidPages(text, pages, 202);
    for (const page of pages) expect(page.text).not.toMatch(/^\s*>\s*$/);
  });
});

describe("the pager, on what the property tests found on random seeds", () => {
  it("keeps bold whole before italics that cannot fit beside the underline carried around them", () => {
    const url = `<http://example.com/%C3%A9t%C3%A9/${"long-segment/".repeat(13)}long-segment>`;
    const bold = "**well-known the the the the the\nภาษาไทย the naïve,**";
    const text = `> \`const\`\n>>> __${bold} _@everyone \`\` init init const \`\` ${url} Zoë naïve! the and/or, walked the, “quoted”; I; extraordinarily,_ \`const\`__`;
    const pages = paginate(text, { maxLength: 315 });
    expectValidPages(text, pages, 315);
    expect(breakProblems(text, pages, 315)).toEqual([]);
    expect(pages.some((page) => page.text.includes(bold))).toBe(true);
  });
  it("ends a page before a > quote that italics hold, rather than inside the quote", () => {
    const link = `[${"日本語の文章は空白を使わずに書かれます。".repeat(5)}](https://example.com/wiki/wiki/wiki?utm-source=discord&s=1)`;
    const text = `_*<:party_parrot:100000000000000000> the* the_\n \nxxxxxxxxxxxxxxxxxxxx\n\n\n> ~~${link} the~~\n> ___ภาษาไทย_ \`const\`__`;
    const pages = paginate(text, { maxLength: 201 });
    expectValidPages(text, pages, 201);
    expect(breakProblems(text, pages, 201)).toEqual([]);
    expect(pages.some((page) => page.text.startsWith(`> ~~${link} the~~`))).toBe(true);
  });
  it("keeps a link that fits whole on a page, though a code block starts before the page's end", () => {
    const link = `[${filler(170)}](https://example.com/wiki)`;
    const text = `${filler(40)}\n${link}\n\`\`\`\nconst x = 1;\n\`\`\``;
    const pages = paginate(text, { maxLength: link.length + 2 });
    expectValidPages(text, pages, link.length + 2);
    expect(pages.some((page) => page.text.includes(link))).toBe(true);
  });
  it("does not leave an opening delimiter alone at a page's end when a cut is needed", () => {
    const text = `_*${"日本語の文章は空白を使わずに書かれます。".repeat(5)} <:party_parrot:100000000000000000>*_\n[ภาษาไทยภาษาไทย](https://example.com/x-y.html/wiki/wiki/wiki)  the 10:30 the extraordinarily… 3.14, naïve…\n>>> ${"👨‍👩‍👧‍👦".repeat(8)} _**日本語の文章は空白を使わずに書かれます。**_ the\n\n\`const\``;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    expect(formattingProblems(text, pages)).toEqual([]);
  });
  it("opens inline code again before a >>> in it, which is code and no quote", () => {
    const rtl = (words: string) => `\u202a${words}\u202c`;
    const text = `the \`\`\`the\n${rtl("مرحبا مرحبا مرحبا الْعَرَبِيَّة مرحبا עִבְרִית")}\n>>> ||${rtl(`${rtl("الْعَرَبِيَّة مرحبا مرحبا עִבְרִית مرحبا")} עִבְרִית ${"مرحبا ".repeat(5)}الْعَرَبِيَّة كِتَاب، ${"مرحبا ".repeat(6)}مرحبا`)} **\`\` const \`\` 👨‍👩‍👧‍👦**||`;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    expect(pages.map((page) => page.start)).toContain(text.indexOf(">>>"));
  });
  it("cuts a word that fits on a page only without the code fences around it, not the fences", () => {
    const text = `the \`\`\`the\n${"ab".repeat(95)}\n\n\n\`\`\`js\nconst x = 1;\n\`\`\`\nthe # the`;
    const pages = paginate(text, { maxLength: 200 });
    expectValidPages(text, pages, 200);
    expect(formattingProblems(text, pages)).toEqual([]);
    expect(breakProblems(text, pages, 200)).toEqual([]);
  });
  it("keeps a link in a > quote whole, though bold that cannot fit holds the quote", () => {
    const link = `[x](https://e.com/${"ab/".repeat(26)}c)`;
    const text = `**w\n> ${link}\nmore text here**`;
    const pages = paginate(text, { maxLength: 100 });
    expectValidPages(text, pages, 100);
    expect(pages.some((page) => page.text.includes(link))).toBe(true);
  });
});
