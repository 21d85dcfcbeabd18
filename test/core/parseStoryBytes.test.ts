import { describe, expect, it } from "vitest";
import { BLURB, NOTE, problemOf, SCENE } from "../helpers/storyFiles.js";

describe("parseStory problems with a file's bytes", () => {
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
});
