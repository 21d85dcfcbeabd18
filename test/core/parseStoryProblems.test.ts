import { describe, expect, it } from "vitest";
import { problemOf, problemsOf, SCENE, STORY, scene, storyOf } from "../helpers/storyFiles.js";

describe("parseStory problems", () => {
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
