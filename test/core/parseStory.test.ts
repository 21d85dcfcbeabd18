import { describe, expect, it } from "vitest";
import { parseStory } from "../../src/core/parseStory.js";
import type { Story, StoryFile, StoryProblem } from "../../src/core/story.js";

const STORY = `---
id: drago
title: After Moscow
author: The Author
rating: Mature
content_warnings: [Domestic violence, Strong language]
---
`;
const NOTE = "---\nid: authors-note\ntitle: Author's note\n---\n\nA note.\n";
const BLURB = "---\nid: blurb\ntitle: Blurb\n---\n\nA blurb.\n";
const SCENE = `---
id: new-york
title: New York
dateline: December 26th 1985
place: New York City
---

His fist hit the wall…

"Go," he said.
`;

type Tree = Readonly<Record<string, string | Uint8Array | null>>;

const MINIMAL: Tree = {
  "story.md": STORY,
  "authors-note.md": NOTE,
  "blurb.md": BLURB,
  "scenes/001-new-york.md": SCENE,
};

/** The minimal story with some files replaced, added, or removed (null). */
function files(changes: Tree = {}): StoryFile[] {
  const tree: Tree = { ...MINIMAL, ...changes };
  return Object.entries(tree).flatMap(([path, content]) =>
    content === null
      ? []
      : [
          {
            path,
            bytes: typeof content === "string" ? new TextEncoder().encode(content) : content,
          },
        ],
  );
}

function scene(id: string, frontMatter = "", body = "Some prose.\n"): string {
  return `---\nid: ${id}\ntitle: ${id}\n${frontMatter}---\n\n${body}`;
}

function storyOf(changes: Tree = {}): Story {
  const result = parseStory(files(changes));
  if (!result.ok) throw new Error(`Expected a story, got ${JSON.stringify(result.problems)}`);
  return result.story;
}

function problemsOf(changes: Tree): StoryProblem[] {
  const result = parseStory(files(changes));
  if (result.ok) throw new Error("Expected problems, but the story parsed");
  return result.problems;
}

/** The one problem the change causes. */
function problemOf(changes: Tree): StoryProblem {
  const problems = problemsOf(changes);
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  if (problem === undefined) throw new Error("unreachable");
  return problem;
}

describe("parseStory on a good story", () => {
  it("reads a minimal story, with defaults for the optional keys", () => {
    const story = storyOf();
    expect(story.meta).toEqual({
      id: "drago",
      title: "After Moscow",
      author: "The Author",
      rating: "Mature",
      contentWarnings: ["Domestic violence", "Strong language"],
      tags: [],
      reactions: ["❤️", "😢", "😮", "😂", "🔥"],
      pageLength: 3000,
    });
    expect(story.parts).toEqual([
      {
        id: "authors-note",
        kind: "note",
        title: "Author's note",
        text: "A note.",
        file: "authors-note.md",
        line: 6,
      },
      { id: "blurb", kind: "blurb", title: "Blurb", text: "A blurb.", file: "blurb.md", line: 6 },
      {
        id: "new-york",
        kind: "scene",
        title: "New York",
        dateline: "December 26th 1985",
        place: "New York City",
        number: 1,
        text: 'His fist hit the wall…\n\n"Go," he said.',
        file: "scenes/001-new-york.md",
        line: 8,
      },
    ]);
  });

  it("reads the optional story keys", () => {
    const story = storyOf({
      "story.md": STORY.replace(
        /---\n$/,
        'tags: [Drama]\nreactions: ["👍🏽", "🇬🇧", "1️⃣"]\npage_length: 1200\n---\n',
      ),
    });
    expect(story.meta.tags).toEqual(["Drama"]);
    expect(story.meta.reactions).toEqual(["👍🏽", "🇬🇧", "1️⃣"]);
    expect(story.meta.pageLength).toBe(1200);
  });

  it("orders scenes naturally by file name and numbers them from 1", () => {
    const story = storyOf({
      "scenes/001-new-york.md": null,
      "scenes/10-ten.md": scene("ten"),
      "scenes/9-nine.md": scene("nine"),
      "scenes/1-one.md": scene("one"),
      "scenes/02-two.md": scene("two"),
    });
    const scenes = story.parts.filter((part) => part.kind === "scene");
    expect(scenes.map((part) => [part.number, part.id])).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "nine"],
      [4, "ten"],
    ]);
  });

  it("adds a part for a new scene file, with nothing else edited", () => {
    const before = storyOf();
    const after = storyOf({ "scenes/002-moscow.md": scene("moscow", "place: Moscow, Russia\n") });
    expect(after.parts).toHaveLength(before.parts.length + 1);
    expect(after.parts.slice(0, -1)).toEqual(before.parts);
    expect(after.parts.at(-1)).toMatchObject({
      id: "moscow",
      kind: "scene",
      number: 2,
      place: "Moscow, Russia",
      file: "scenes/002-moscow.md",
    });
  });

  it("keeps the prose verbatim: only the blank lines around it go", () => {
    const body = "\n \n\t\n  Indented first line…  \r\n\r\nSecond – paragraph.  \n\n\n";
    const story = storyOf({ "scenes/001-new-york.md": scene("new-york", "", body) });
    expect(story.parts.at(-1)?.text).toBe("  Indented first line…  \r\n\r\nSecond – paragraph.  ");
  });

  it("accepts CRLF files and a UTF-8 byte order mark", () => {
    const crlf = `\u{FEFF}${SCENE.replace(/\n/g, "\r\n")}`;
    const story = storyOf({ "scenes/001-new-york.md": crlf });
    expect(story.parts.at(-1)).toMatchObject({
      id: "new-york",
      place: "New York City",
      text: 'His fist hit the wall…\r\n\r\n"Go," he said.',
    });
  });

  it("reads release_at with its offset and ignores dotfiles", () => {
    const story = storyOf({
      "scenes/001-new-york.md": scene("new-york", "release_at: 2026-01-09T18:00:00+01:00\n"),
      ".DS_Store": new Uint8Array([0, 255, 1]),
      "scenes/.gitkeep": "",
    });
    expect(story.parts.at(-1)?.releaseAt?.toISOString()).toBe("2026-01-09T17:00:00.000Z");
    expect(story.parts.at(-1)?.dateline).toBeUndefined();
  });
});

describe("parseStory warnings", () => {
  const pasted = `${SCENE}\n---\nid: moscow\ntitle: Moscow\nplace: Moscow, Russia\n---\n\nThe snow.\n`;

  function warningsOf(changes: Tree): readonly StoryProblem[] {
    const result = parseStory(files(changes));
    if (!result.ok) throw new Error(`Expected a story, got ${JSON.stringify(result.problems)}`);
    return result.warnings;
  }

  it("has none for a good story", () => {
    expect(warningsOf({})).toEqual([]);
  });

  it("warns about a second front matter block in the prose, and still reads the story", () => {
    const warnings = warningsOf({ "scenes/001-new-york.md": pasted });
    expect(warnings).toEqual([
      expect.objectContaining({ file: "scenes/001-new-york.md", line: 12 }),
    ]);
    expect(warnings[0]?.message).toContain("Lines 12 to 16 look like front matter");
    expect(warnings[0]?.fix).toContain("from line 12 on, into a file of its own");
    expect(warnings[0]?.fix).toContain("***");
    expect(storyOf({ "scenes/001-new-york.md": pasted }).parts.at(-1)?.text).toContain(
      "id: moscow",
    );
  });

  it("does not warn about scene breaks around lines that only look like `key: value`", () => {
    const breaks = `${SCENE}\n---\nMoscow: December 27th\n---\n\nThe snow.\n`;
    expect(warningsOf({ "scenes/001-new-york.md": breaks })).toEqual([]);
  });
});

describe("parseStory problems", () => {
  it("reports a file that is not UTF-8, with the line of the first bad byte", () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(NOTE),
      0x43,
      0x61,
      0x66,
      0xe9,
      0x0a,
    ]);
    const problem = problemOf({ "authors-note.md": latin1 });
    expect(problem).toMatchObject({ file: "authors-note.md", line: 7 });
    expect(problem.message).toContain("not UTF-8");
    expect(problem.fix).toContain("Re-save it as UTF-8");
  });

  it("refuses a file with CR-only line endings, naming them, with no line", () => {
    const problem = problemOf({ "scenes/001-new-york.md": SCENE.replace(/\n/g, "\r") });
    expect(problem.file).toBe("scenes/001-new-york.md");
    expect(problem.line).toBeUndefined();
    expect(problem.message).toContain("CR-only line endings");
    expect(problem.fix).toContain("LF or CRLF line endings");
  });

  it("refuses CR-only line endings as such when one line ends with LF", () => {
    const problem = problemOf({ "scenes/001-new-york.md": `${SCENE.replace(/\n/g, "\r")}\n` });
    expect(problem.line).toBeUndefined();
    expect(problem.message).toContain("CR-only line endings");
  });

  it("refuses a carriage return alone inside an LF file, at its line", () => {
    const problem = problemOf({
      "scenes/001-new-york.md": SCENE.replace("wall…\n", "wall…\rAnd again.\n"),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 8 });
    expect(problem.message).toContain("U+000D CR");
    expect(problem.fix).toContain("LF or CRLF line endings");
  });

  it("refuses a doubled byte order mark at the start, naming the invisible character", () => {
    const problem = problemOf({ "blurb.md": `\u{FEFF}\u{FEFF}${BLURB}` });
    expect(problem).toMatchObject({ file: "blurb.md", line: 1 });
    expect(problem.message).toContain("U+FEFF byte order mark");
    expect(problem.message).toContain("two byte order marks");
    expect(problem.fix).toContain("line 1, column 1");
  });

  it("refuses a byte order mark inside the text, at its line and column", () => {
    const problem = problemOf({
      "scenes/001-new-york.md": `\u{FEFF}${SCENE}\u{FEFF}---\nid: moscow\n`,
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 11 });
    expect(problem.message).toContain("line 11, column 1");
    expect(problem.message).toContain("U+FEFF byte order mark");
    expect(problem.fix).toContain("Delete");
  });

  it.each([
    ["U+0000 NUL", "front matter", "\u0000", 5, 16],
    ["U+001B ESC", "prose", "\u001B", 8, 9],
    ["U+0007 BEL", "prose", "\u0007", 8, 9],
    ["U+007F DEL", "front matter", "\u007F", 5, 16],
    ["U+0085 NEL", "prose", "\u0085", 8, 9],
    ["U+009B CSI", "prose", "\u009B", 8, 9],
  ])(
    "refuses the control character %s in the %s, at its line and column",
    (name, where, char, line, column) => {
      const text =
        where === "prose"
          ? SCENE.replace("His fist", `His fist${char}`)
          : SCENE.replace("New York City", `New York${char} City`);
      const problem = problemOf({ "scenes/001-new-york.md": text });
      expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line });
      expect(problem.message).toContain(`line ${line}, column ${column}`);
      expect(problem.message).toContain(name);
      expect(problem.fix).toContain("Delete");
    },
  );

  it("names a control character once, with the other lines that have it", () => {
    const problem = problemOf({
      "scenes/001-new-york.md": SCENE.replace("His", "\u001BHis").replace('"Go', '\u001B"Go'),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 8 });
    expect(problem.message).toContain("also on line 10");
  });

  it.each(["story.md", "authors-note.md", "blurb.md"])("reports a missing %s", (path) => {
    const problem = problemOf({ [path]: null });
    expect(problem.file).toBe(path);
    expect(problem.line).toBeUndefined();
    expect(problem.message).toContain(path);
    expect(problem.fix).toContain(`Create ${path}`);
  });

  it("reports a story with no scene file", () => {
    const problem = problemOf({ "scenes/001-new-york.md": null });
    expect(problem).toMatchObject({ file: "scenes/" });
    expect(problem.message).toContain("no scenes");
    expect(problem.fix).toContain("scenes/001-");
  });

  it("reports a file without front matter", () => {
    const problem = problemOf({ "blurb.md": "A blurb.\n" });
    expect(problem).toMatchObject({ file: "blurb.md", line: 1 });
    expect(problem.message).toContain("does not start with front matter");
  });

  it("reports an opening line with a language, so no other front matter engine runs", () => {
    const problem = problemOf({
      "blurb.md": "---js\n{ id: 'blurb', title: 'Blurb' }\n---\n\nA blurb.\n",
    });
    expect(problem).toMatchObject({ file: "blurb.md", line: 1 });
    expect(problem.message).toBe('The first line must be exactly "---", but it is "---js".');
  });

  it("reports front matter that is never closed", () => {
    const problem = problemOf({ "blurb.md": "---\nid: blurb\ntitle: Blurb\n\nA blurb.\n" });
    expect(problem).toMatchObject({ file: "blurb.md", line: 1 });
    expect(problem.message).toContain("never closed");
    expect(problem.fix).toContain('"---"');
  });

  it("reports a closing line that is not exactly ---", () => {
    const problem = problemOf({ "blurb.md": "---\nid: blurb\ntitle: Blurb\n----\n\nA blurb.\n" });
    expect(problem).toMatchObject({ file: "blurb.md", line: 4 });
    expect(problem.message).toContain('"----"');
  });

  it("reports a YAML syntax error at its line", () => {
    const problem = problemOf({
      "scenes/001-new-york.md": scene("new-york", "place: New York: the city\n"),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 4 });
    expect(problem.message).toContain("not valid YAML");
    expect(problem.fix).toContain("Check line 4");
  });

  it.each([
    ["place: !!js/function 'x'", 5, "!!js/function"],
    ["place: !foo New York", 5, "!foo"],
    ["!foo dateline: December", 4, "!foo"],
  ])("refuses an unknown YAML tag at its line: %s", (line, lineNumber, tag) => {
    const key = line.includes("dateline") ? "dateline" : "place";
    const problem = problemOf({
      "scenes/001-new-york.md": SCENE.replace(new RegExp(`^${key}:.*$`, "m"), line),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: lineNumber });
    expect(problem.message).toContain(`YAML tag ${tag}`);
    expect(problem.fix).toContain(`Remove ${tag}`);
    expect(problem.fix).toContain("double quotes");
  });

  it("reports front matter that is not key: value lines", () => {
    const problem = problemOf({ "blurb.md": "---\n- id\n- blurb\n---\n\nA blurb.\n" });
    expect(problem).toMatchObject({ file: "blurb.md", line: 2 });
    expect(problem.message).toContain("`key: value`");
  });

  it("reports a duplicate key at its second line", () => {
    const problem = problemOf({
      "blurb.md": "---\nid: blurb\ntitle: Blurb\ntitle: Again\n---\n\nA.\n",
    });
    expect(problem).toMatchObject({ file: "blurb.md", line: 4 });
    expect(problem.message).toContain('"title" appears more than once');
  });

  it("reports an unknown key at its line, with the likely key and the allowed ones", () => {
    const problem = problemOf({
      "scenes/001-new-york.md": SCENE.replace("title: New York", "titel: New York"),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 3 });
    expect(problem.message).toBe('Unknown key "titel".');
    expect(problem.fix).toContain('Did you mean "title"?');
    expect(problem.fix).toContain("id, title, dateline, place, release_at");
    const all = problemsOf({
      "scenes/001-new-york.md": SCENE.replace("title: New York", "titel: New York"),
      "story.md": STORY.replace("content_warnings", "contentWarnings"),
    });
    expect(all.map((p) => p.message)).toContain('Unknown key "contentWarnings".');
    expect(all.map((p) => p.fix)).toContain(
      'Did you mean "content_warnings"? The keys allowed in this file are: id, title, author, rating, content_warnings, tags, reactions, page_length.',
    );
  });

  it("reports a missing required key with an example", () => {
    const problem = problemOf({ "blurb.md": "---\nid: blurb\n---\n\nA blurb.\n" });
    expect(problem).toMatchObject({ file: "blurb.md", line: 1 });
    expect(problem.message).toContain('no "title" key');
    expect(problem.fix).toBe("Add a `title:` line to the front matter, e.g. `title: Blurb`.");
  });

  it("reports a key with no value", () => {
    const problem = problemOf({
      "scenes/001-new-york.md": SCENE.replace("place: New York City", "place:"),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 5 });
    expect(problem.message).toBe('"place" has no value.');
    expect(problem.fix).toContain("or remove the line");
  });

  it.each([
    [
      "content_warnings: Drug use",
      6,
      '"content_warnings" must be a list',
      "content_warnings: [Domestic violence",
    ],
    [
      "content_warnings: [Drug use, 42]",
      6,
      'Entry 2 of "content_warnings" must be text',
      'content_warnings: ["42"]',
    ],
    [
      "content_warnings: [Drug use, [x]]",
      6,
      'Entry 2 of "content_warnings" must be text, but it is a list',
      "[Domestic violence",
    ],
    ["rating: M", 5, '"rating" must be one of General, Teen, Mature, Explicit', "rating: Mature"],
    ["rating: mature", 5, 'but it is "mature"', "`rating: Mature`."],
    ["title: 1985", 3, '"title" must be text, but it is the number 1985', 'title: "1985"'],
    ["id: New York", 2, '"id" must be 1 to 32 lower-case letters', "id: new-york"],
    ["id: 001", 2, '"id" must be text, but it is the number 001', 'id: "001"'],
    [
      "id: a-very-long-id-that-goes-past-32-chars",
      2,
      '"id" must be 1 to 32',
      "id: a-very-long-id-that-goes-past",
    ],
  ])("reports a wrong value in story.md: %s", (line, lineNumber, message, fix) => {
    const key = line.slice(0, line.indexOf(":"));
    const text = STORY.replace(new RegExp(`^${key}:.*$`, "m"), line);
    const problem = problemOf({ "story.md": text });
    expect(problem).toMatchObject({ file: "story.md", line: lineNumber });
    expect(problem.message).toContain(message);
    expect(problem.fix).toContain(fix);
  });

  it.each([
    ["page_length: 499", "but it is the number 499"],
    ["page_length: 4097", "but it is the number 4097"],
    ["page_length: 2500.5", "but it is the number 2500.5"],
    ['page_length: "3000"', 'but it is "3000"'],
  ])("reports page_length out of 500..4096: %s", (line, found) => {
    const problem = problemOf({ "story.md": STORY.replace(/---\n$/, `${line}\n---\n`) });
    expect(problem).toMatchObject({ file: "story.md", line: 7 });
    expect(problem.message).toBe(
      `"page_length" must be a whole number from 500 to 4096, ${found}.`,
    );
    expect(problem.fix).toContain("page_length: 3000");
  });

  it.each([
    "next friday",
    "2026-01-09T18:00:00",
    "2026-02-30T18:00:00+01:00",
    "2026-01-09 18:00:00+01:00",
    "2026-01-09T24:00:00Z",
  ])("reports release_at that is not a date and time with an offset: %s", (value) => {
    const problem = problemOf({
      "scenes/001-new-york.md": scene("new-york", `release_at: "${value}"\n`),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line: 4 });
    expect(problem.message).toContain(`"release_at" must be a real date and time`);
    expect(problem.message).toContain(JSON.stringify(value));
    expect(problem.fix).toContain("release_at: 2026-01-09T18:00:00+01:00");
  });

  it.each([
    ["authors-note.md", "---\nid: authors-note\ntitle: Author's note\n---\n", 5, "author's note"],
    ["blurb.md", "---\nid: blurb\ntitle: Blurb\n---\n\n  \n\t\n", 5, "blurb"],
    ["scenes/001-new-york.md", scene("new-york", "place: New York City\n", ""), 6, "scene's text"],
  ])(
    "reports %s without text, at the line where the text should start",
    (path, text, line, what) => {
      const problem = problemOf({ [path]: text });
      expect(problem).toMatchObject({ file: path, line });
      expect(problem.message).toBe(`The file has no ${what} after its front matter.`);
      expect(problem.fix).toContain(`from line ${line}`);
    },
  );

  it("reports a duplicate id, naming both files", () => {
    const problem = problemOf({ "scenes/002-again.md": scene("new-york") });
    expect(problem).toMatchObject({ file: "scenes/002-again.md", line: 2 });
    expect(problem.message).toContain('"new-york" is already used by scenes/001-new-york.md');
    expect(problem.fix).toContain("id: again");
  });

  it("reports text in story.md at its first line", () => {
    const problem = problemOf({ "story.md": `${STORY}\n\nOnce upon a time.\n` });
    expect(problem).toMatchObject({ file: "story.md", line: 10 });
    expect(problem.message).toContain("story.md has text");
    expect(problem.fix).toContain("scene file");
  });

  it("reports files that are not .md, and .md files in the wrong place", () => {
    const problems = problemsOf({
      "cover.png": new Uint8Array([137, 80, 78, 71]),
      "scenes/003-paris.txt": "Paris.",
      "chapter-3.md": scene("chapter-3"),
      "scenes/extra/004-rome.md": scene("rome"),
      "drafts/005.md": scene("draft"),
    });
    expect(problems.map((problem) => [problem.file, problem.line])).toEqual([
      ["chapter-3.md", undefined],
      ["cover.png", undefined],
      ["drafts/005.md", undefined],
      ["scenes/003-paris.txt", undefined],
      ["scenes/extra/004-rome.md", undefined],
    ]);
    const byFile = new Map(problems.map((problem) => [problem.file, problem]));
    expect(byFile.get("cover.png")?.message).toContain("not a Markdown (.md) file");
    expect(byFile.get("scenes/003-paris.txt")?.fix).toContain("rename it to end in .md");
    expect(byFile.get("chapter-3.md")?.fix).toContain("move it into scenes/");
    expect(byFile.get("scenes/extra/004-rome.md")?.message).toContain("directly inside scenes/");
    expect(byFile.get("drafts/005.md")?.fix).toContain("scenes/005.md");
  });

  it.each([
    ['["❤️😢"]', 'Entry 1 of "reactions" must be a single emoji, but it is "❤️😢".'],
    ["[love]", 'Entry 1 of "reactions" must be a single emoji, but it is "love".'],
    ['["❤️", "🔥", "❤️"]', 'Entry 3 of "reactions" repeats "❤️".'],
    ["[😀, 😃, 😄, 😁, 😆, 😅]", '"reactions" has 6 entries, but at most 5 fit'],
  ])("reports bad reactions: %s", (list, message) => {
    const problem = problemOf({ "story.md": STORY.replace(/---\n$/, `reactions: ${list}\n---\n`) });
    expect(problem).toMatchObject({ file: "story.md", line: 7 });
    expect(problem.message).toContain(message);
  });

  it("suggests the emoji form of a text-style heart", () => {
    const problem = problemOf({
      "story.md": STORY.replace(/---\n$/, 'reactions:\n  - "🔥"\n  - "❤"\n---\n'),
    });
    expect(problem).toMatchObject({ file: "story.md", line: 9 });
    expect(problem.fix).toContain('"❤️"');
  });

  it.each([
    ["title", 3],
    ["place", 5],
  ])("reports a %s longer than 200 characters", (key, line) => {
    const long = "x".repeat(201);
    const problem = problemOf({
      "scenes/001-new-york.md": SCENE.replace(new RegExp(`^${key}: .*$`, "m"), `${key}: ${long}`),
    });
    expect(problem).toMatchObject({ file: "scenes/001-new-york.md", line });
    expect(problem.message).toContain(`"${key}" is 201 characters long, but at most 200`);
    expect(
      storyOf({
        "scenes/001-new-york.md": SCENE.replace(
          new RegExp(`^${key}: .*$`, "m"),
          `${key}: ${"x".repeat(200)}`,
        ),
      }).parts,
    ).toHaveLength(3);
  });

  it("refuses twelve content warnings of 190 characters next to first pages of 4096, at the key", () => {
    const warnings = Array.from({ length: 12 }, (_, index) => `${index}`.padEnd(190, "w"));
    const problem = problemOf({
      "story.md": STORY.replace(
        /^content_warnings: .*$/m,
        `content_warnings: [${warnings.join(", ")}]\npage_length: 4096`,
      ),
    });
    expect(problem).toMatchObject({ file: "story.md", line: 6 });
    expect(problem.message).toContain(
      "The story's first page shows the rating and the content warnings",
    );
    expect(problem.message).toContain("but Discord takes at most 6,000");
    expect(problem.fix).toMatch(
      /^Shorten or remove content warnings, by [\d,]+ characters or more in all, or lower page_length to \d+ or less\.$/,
    );
    expect(
      storyOf({
        "story.md": STORY.replace(
          /^content_warnings: .*$/m,
          `content_warnings: [${warnings.join(", ")}]`,
        ),
      }).meta.contentWarnings,
    ).toEqual(warnings);
  });

  it("collects every problem of every file, sorted by file and line", () => {
    const problems = problemsOf({
      "story.md": STORY.replace("rating: Mature", "rating: PG").replace("author", "writer"),
      "blurb.md": null,
      "scenes/001-new-york.md": scene("new-york", "plcae: Moscow\n", ""),
      "scenes/002-bad.md": new Uint8Array([0xff]),
    });
    expect(
      problems.map((problem) => [problem.file, problem.line, problem.message.slice(0, 30)]),
    ).toEqual([
      ["blurb.md", undefined, "The story folder has no blurb."],
      ["scenes/001-new-york.md", 4, 'Unknown key "plcae".'],
      ["scenes/001-new-york.md", 6, "The file has no scene's text a"],
      ["scenes/002-bad.md", 1, "The file is not UTF-8 text (th"],
      ["story.md", 1, 'The front matter has no "autho'],
      ["story.md", 4, 'Unknown key "writer".'],
      ["story.md", 5, '"rating" must be one of Genera'],
    ]);
  });
});
