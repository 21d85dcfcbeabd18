import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type BookPart, bindBook } from "../../src/core/Book.js";
import { contentWarningFields, tagFields } from "../../src/core/listFields.js";
import { previewReport } from "../../src/core/previewReport.js";
import type { Story, StoryProblem } from "../../src/core/story.js";
import { type LoadedLibrary, loadLibrary } from "../../src/story/loadLibrary.js";
import { StoryLoadError } from "../../src/story/StoryLoadError.js";
import { expectValidPages, type Unbreakable } from "../helpers/pageProblems.js";

const root = new URL("../..", import.meta.url).pathname;
const corpus = join(root, "test", "fixtures", "hostile");

const Problem = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  /** A regular expression the message must match, case-insensitive. */
  message: z.string(),
});
const Bytes = z.object({ file: z.string(), match: z.string(), noMatch: z.string().optional() });
const Common = { theme: z.string(), bytes: z.array(Bytes).optional() };
const Expectation = z.discriminatedUnion("outcome", [
  z.object({
    ...Common,
    outcome: z.literal("loads"),
    warnings: z.array(Problem).optional(),
    keep: z.array(z.string()).optional(),
    keepPattern: z.array(z.string()).optional(),
    balanced: z.array(z.string()).optional(),
    partIds: z.array(z.string()).optional(),
  }),
  z.object({ ...Common, outcome: z.literal("refused"), problems: z.array(Problem).min(1) }),
]);
type Expectation = z.infer<typeof Expectation>;
type Loads = Extract<Expectation, { outcome: "loads" }>;
type ExpectedProblem = z.infer<typeof Problem>;
/** A problem or a warning as the loader reports it (a StoryProblem, less what is not compared). */
const Reported = z.object({ file: z.string(), line: z.number().optional(), message: z.string() });
type Reported = z.infer<typeof Reported>;

const { $comment: _, ...entries } = z
  .record(z.string(), z.unknown())
  .parse(JSON.parse(readFileSync(join(corpus, "expected.json"), "utf8")));
const expected = new Map(
  Object.entries(entries).map(([name, value]) => [name, Expectation.parse(value)]),
);
const folders = readdirSync(corpus).filter((name) => statSync(join(corpus, name)).isDirectory());

/** Discord's longest embed field value, in code points: the title card's content warnings and tags. */
const FIELD_LIMIT = 1024;
const codePoints = (text: string) => [...text].length;

interface LoadedStory {
  readonly story: Story;
  readonly warnings: LoadedLibrary["warnings"];
}
type Loaded = LoadedStory | { problems: readonly StoryProblem[] };

async function load(dir: string): Promise<Loaded> {
  try {
    const { stories, warnings } = await loadLibrary(dir);
    return { story: stories[0], warnings };
  } catch (error) {
    if (error instanceof StoryLoadError) return { problems: error.problems };
    throw error;
  }
}

const describeProblem = (problem: Reported) =>
  `${problem.file}:${problem.line ?? "-"}: ${problem.message}`;

const matches = (actual: Reported, want: ExpectedProblem) =>
  actual.file === want.file &&
  actual.line === want.line &&
  new RegExp(want.message, "i").test(actual.message);

/** The expected problems no actual one matches, and the actual ones no expected one matches. */
function unmatched(actual: readonly Reported[], wanted: readonly ExpectedProblem[]) {
  return {
    missing: wanted
      .filter((want) => !actual.some((problem) => matches(problem, want)))
      .map((want) => `${want.file}:${want.line}: /${want.message}/i`),
    unexpected: actual
      .filter((problem) => !wanted.some((want) => matches(problem, want)))
      .map(describeProblem),
  };
}

function expectBytes(name: string, expectation: Expectation): void {
  for (const { file, match, noMatch } of expectation.bytes ?? []) {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      readFileSync(join(corpus, name, file)),
    );
    expect(new RegExp(match, "u").test(text), `${file} matches ${JSON.stringify(match)}`).toBe(
      true,
    );
    if (noMatch !== undefined) {
      expect(new RegExp(noMatch, "u").test(text), `${file} has no ${JSON.stringify(noMatch)}`).toBe(
        false,
      );
    }
  }
}

/** Where the `keep` strings and `keepPattern` matches lie in `text`, by what was looked for. */
function keptSpans(text: string, expectation: Loads): Map<string, Unbreakable[]> {
  const spans = new Map<string, Unbreakable[]>();
  for (const literal of expectation.keep ?? []) {
    const found: Unbreakable[] = [];
    for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
      found.push({ start: at, end: at + literal.length });
    }
    spans.set(JSON.stringify(literal), found);
  }
  for (const pattern of expectation.keepPattern ?? []) {
    const found = Array.from(text.matchAll(new RegExp(pattern, "gu")), (match) => ({
      start: match.index,
      end: match.index + match[0].length,
    }));
    spans.set(`/${pattern}/`, found);
  }
  return spans;
}

/** Every way one part's pages fail: the shared invariants, and delimiters left open on a page. */
function pageFailures(
  bookPart: BookPart,
  pageLength: number,
  unbreakable: Unbreakable[],
  balanced: readonly string[],
): string[] {
  const { text, file } = bookPart.part;
  const failures: string[] = [];
  try {
    expectValidPages(text, bookPart.pages, pageLength, { graphemes: true, unbreakable });
  } catch (error) {
    const detail = error instanceof Error && "actual" in error ? error.actual : error;
    failures.push(`${file}: ${JSON.stringify(detail)}`);
  }
  bookPart.pages.forEach((page, index) => {
    for (const delimiter of balanced) {
      const count = page.text.split(delimiter).length - 1;
      if (count % 2 !== 0) {
        failures.push(`${file}: page ${index + 1} holds ${count} × ${delimiter}, an odd number`);
      }
    }
  });
  return failures;
}

function expectLoaded({ story, warnings }: LoadedStory, expectation: Loads): void {
  expect(unmatched(warnings, expectation.warnings ?? [])).toEqual({ missing: [], unexpected: [] });
  const { meta } = story;
  for (const field of [...contentWarningFields(meta.contentWarnings), ...tagFields(meta.tags)]) {
    expect(codePoints(field.value)).toBeLessThanOrEqual(FIELD_LIMIT);
  }
  if (expectation.partIds) expect(story.parts.map((part) => part.id)).toEqual(expectation.partIds);
  for (const part of story.parts) expect(part.text, part.file).not.toMatch(/^\uFEFF/);

  const book = bindBook(story);
  const failures: string[] = [];
  const found = new Map<string, number>();
  for (const bookPart of book.parts) {
    const kept = keptSpans(bookPart.part.text, expectation);
    for (const [what, spans] of kept) found.set(what, (found.get(what) ?? 0) + spans.length);
    failures.push(
      ...pageFailures(
        bookPart,
        meta.pageLength,
        [...kept.values()].flat(),
        expectation.balanced ?? [],
      ),
    );
  }
  const neverFound = [...found].filter(([, count]) => count === 0).map(([what]) => what);
  expect(neverFound, "keep and keepPattern entries that occur nowhere in the story").toEqual([]);
  expect(failures).toEqual([]);

  const report = previewReport(book);
  for (const { part } of book.parts) expect(report).toContain(`${part.file}  [${part.id}]`);
  expect(report).not.toMatch(/over the limit/);
}

describe("the hostile corpus", () => {
  it("has an expectation for every story and a story for every expectation, at least 20 that load and the refusals the issue lists", () => {
    expect([...expected.keys()].sort()).toEqual([...folders].sort());
    const outcomes = [...expected.values()].map((expectation) => expectation.outcome);
    expect(outcomes.filter((outcome) => outcome === "loads").length).toBeGreaterThanOrEqual(20);
    expect(outcomes.filter((outcome) => outcome === "refused").length).toBeGreaterThanOrEqual(5);
  });

  it("stays small: well under 300 KB in all", () => {
    const size = (path: string): number =>
      statSync(path).isDirectory()
        ? readdirSync(path).reduce((sum, name) => sum + size(join(path, name)), 0)
        : statSync(path).size;
    expect(size(corpus)).toBeLessThan(200_000);
  });

  it.each(folders)("%s", async (name) => {
    const expectation = expected.get(name);
    if (expectation === undefined) throw new Error(`expected.json has no entry for ${name}`);
    expectBytes(name, expectation);
    const loaded = await load(join(corpus, name));
    if (expectation.outcome === "refused") {
      expect("problems" in loaded, "the story is refused").toBe(true);
      const problems = "problems" in loaded ? loaded.problems : [];
      const { missing, unexpected } = unmatched(problems, expectation.problems);
      const files = new Set(expectation.problems.map((problem) => problem.file));
      expect({
        missing,
        elsewhere: unexpected.filter(
          (problem) => !files.has(problem.slice(0, problem.indexOf(":"))),
        ),
      }).toEqual({ missing: [], elsewhere: [] });
      return;
    }
    if ("problems" in loaded) {
      expect(loaded.problems.map(describeProblem), "the story loads").toEqual([]);
      return;
    }
    expectLoaded(loaded, expectation);
  });
});

/** Runs `npm run preview` (tsx src/preview.ts) on a story folder, as an author would. */
function preview(
  storyDir: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(root, "node_modules", ".bin", "tsx"),
      [join(root, "src", "preview.ts")],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "", STORY_DIR: storyDir },
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 30_000,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("npm run preview on the hostile corpus", () => {
  it("prints the pages of a story with CRLF line endings, every part, and no problem", async () => {
    const dir = join(corpus, "crlf-endings");
    const book = bindBook((await loadLibrary(dir)).stories[0]);
    const result = await preview(dir);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${previewReport(book)}\n`);
    expect(result.stdout).toMatch(
      /scenes\/001-the-apartment\.md {2}\[the-apartment\] The Apartment \(January 1986, New York City\): \d+ pages, \d+ words/,
    );
    expect(result.stdout).not.toMatch(/\r/);
    expect(result.stdout).toMatch(/No problems found\.$/m);
  });

  it("warns where a bold passage longer than a page is closed and opened again", async () => {
    const dir = join(corpus, "bold-longer-than-page");
    const result = await preview(dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Warnings:\n- [^\n]*\/scenes\/001-the-speech\.md:\d+: Page \d of the-speech ends inside formatting longer than a page of 500 characters: it is closed there and opened again on page \d \("\*\*", then "\*\*"\)\./m,
    );
  });

  it("refuses a story with a CR-only file, naming the file, and exits 1", async () => {
    const dir = join(corpus, "refuse-cr-only");
    const result = await preview(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${dir}/scenes/001-the-old-mac.md: `);
    expect(result.stderr).toMatch(/scenes\/001-the-old-mac\.md: [^\n]*CR[- ]only/i);
  });
});
