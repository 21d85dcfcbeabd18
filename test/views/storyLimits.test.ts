import type { APIEmbed } from "discord.js";
import { DiscordApiError, parseMessagePayload } from "local-discord";
import { describe, expect, it } from "vitest";
import { type Book, bindBook } from "../../src/core/Book.js";
import { embedLength } from "../../src/core/discordLimits.js";
import { parseStory } from "../../src/core/parseStory.js";
import type { Story, StoryFile, StoryProblem } from "../../src/core/story.js";
import { dropMessages } from "../../src/views/dropMessages.js";
import { pageMessage } from "../../src/views/pageMessage.js";
import { resumeCard } from "../../src/views/resumeCard.js";
import { titleCard } from "../../src/views/titleCard.js";
import { storyFixture } from "../helpers/storyFixture.js";

/** A message the bot sends: a reply, a drop post. */
interface Message {
  readonly embeds?: readonly APIEmbed[];
}

/** The latest date JavaScript holds: the longest "Next part" timestamp. */
const LATEST = new Date(8.64e15);
const WARNING_LENGTH = 190;

/** What the local Discord says about a message: undefined when it takes it, else its errors. */
function discordRefusal(message: unknown): string | undefined {
  try {
    parseMessagePayload({ json: message, files: [] }, "create");
    return undefined;
  } catch (error) {
    if (error instanceof DiscordApiError) return JSON.stringify(error.toJSON());
    throw error;
  }
}

function expectDiscordTakes(messages: readonly Message[]): void {
  for (const message of messages) expect(discordRefusal(message)).toBeUndefined();
}

/** `length` characters of words, ending in a letter. */
function words(length: number): string {
  return `${"word ".repeat(Math.ceil(length / 5)).slice(0, length - 1)}x`;
}

/** Entries of 190 letters with `length` letters in all (the last one shorter). */
function entries(length: number, letter: string): string[] {
  return Array.from({ length: Math.ceil(length / WARNING_LENGTH) }, (_, index) =>
    letter.repeat(Math.min(WARNING_LENGTH, length - index * WARNING_LENGTH)),
  );
}

const yamlList = (items: readonly string[]) =>
  items.length === 0 ? " []" : items.map((item) => `\n  - ${item}`).join("");

/**
 * A story with every text at the longest the loader allows (200 characters), page_length 4096,
 * an author's note of exactly one full page and a scene of several.
 */
function storyFiles(warnings: readonly string[], tags: readonly string[]): StoryFile[] {
  const long = (letter: string) => letter.repeat(200);
  const tree: Record<string, string> = {
    "story.md": `---\nid: limits\ntitle: ${long("T")}\nauthor: ${long("A")}\nrating: Explicit\ncontent_warnings:${yamlList(warnings)}\ntags:${yamlList(tags)}\npage_length: 4096\n---\n`,
    "authors-note.md": `---\nid: authors-note\ntitle: ${long("N")}\n---\n\n${words(4096)}\n`,
    "blurb.md": `---\nid: blurb\ntitle: ${long("B")}\n---\n\nA blurb.\n`,
    "scenes/001-one.md": `---\nid: one\ntitle: ${long("S")}\ndateline: ${long("D")}\nplace: ${long("P")}\n---\n\n${Array.from({ length: 12 }, () => words(1000)).join("\n\n")}\n`,
  };
  return Object.entries(tree).map(([path, text]) => ({
    path,
    bytes: new TextEncoder().encode(text),
  }));
}

/** The largest `n` from 0 to `max` whose files the loader accepts (0 is accepted, `max` not). */
function largestAccepted(files: (n: number) => StoryFile[], max: number): number {
  expect(parseStory(files(0)).ok).toBe(true);
  expect(parseStory(files(max)).ok).toBe(false);
  let low = 0;
  let high = max;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (parseStory(files(middle)).ok) low = middle;
    else high = middle;
  }
  return low;
}

function storyOf(files: StoryFile[]): Story {
  const result = parseStory(files);
  if (!result.ok) throw new Error(`Expected a story, got ${JSON.stringify(result.problems)}`);
  return result.story;
}

function problemsOf(files: StoryFile[]): StoryProblem[] {
  const result = parseStory(files);
  if (result.ok) throw new Error("Expected problems, but the story parsed");
  return result.problems;
}

/** Every message the bot builds from the story's details, each in its longest form. */
function everyView(book: Book): Message[] {
  const withoutScenes = book.parts.filter(({ part }) => part.kind !== "scene");
  const reactions = { readers: new Map([["❤️", 1_000_000]]), chosen: new Set(["❤️"]) };
  const places = book.parts.flatMap((part) =>
    part.pages.map((_, pageIndex) => ({ part, pageIndex })),
  );
  return [
    titleCard(book, withoutScenes, LATEST),
    titleCard(book, book.parts, LATEST),
    ...places.map((place) => pageMessage(book, book.parts, place, reactions)),
    ...places.map((place) => resumeCard(book, place)),
    ...book.parts.flatMap((part) => dropMessages(book, part, "123456789012345678")),
  ];
}

const messageLength = (message: Message) =>
  (message.embeds ?? []).reduce((sum, embed) => sum + embedLength(embed), 0);

describe("Discord's limits on the story's details", () => {
  it("spreads twelve content warnings of 190 characters over fields Discord takes", () => {
    const fixture = storyFixture([{ id: "one", text: "Some prose." }], 3000);
    const contentWarnings = entries(12 * WARNING_LENGTH, "w");
    const book = bindBook({ ...fixture, meta: { ...fixture.meta, contentWarnings } });
    const [first] = book.parts;
    if (first === undefined) throw new Error("no parts");
    const card = titleCard(book, book.parts, LATEST);
    const page = pageMessage(book, book.parts, { part: first, pageIndex: 0 });
    expectDiscordTakes([card, page]);
    for (const message of [card, page]) {
      const fields = (message.embeds?.[0]?.fields ?? []).filter((field) =>
        field.name.startsWith("Content warnings"),
      );
      expect(fields.map((field) => field.name)).toEqual([
        "Content warnings",
        "Content warnings (continued)",
        "Content warnings (continued)",
      ]);
      expect(fields.flatMap((field) => field.value.split(", "))).toEqual(contentWarnings);
    }
  });

  it("takes a story whose first page is right at the limit, and refuses one character more at content_warnings", () => {
    const files = (length: number) => storyFiles(entries(length, "w"), []);
    const largest = largestAccepted(files, 6000);
    const book = bindBook(storyOf(files(largest)));
    expect(book.parts[0]?.pages.map((page) => page.text.length)).toEqual([4096]);
    const views = everyView(book);
    expectDiscordTakes(views);
    expect(Math.max(...views.map(messageLength))).toBeGreaterThan(5990);

    const [problem, ...others] = problemsOf(files(largest + 1));
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ file: "story.md", line: 6 });
    expect(problem?.message).toContain("first page");
    expect(problem?.message).toContain("at most 6,000");
    expect(problem?.fix).toMatch(/^Shorten or remove content warnings, by 1 character or more/);
    expect(problem?.fix).toContain("or lower page_length to 4095 or less");
  });

  it("takes a story whose title card is right at the limit, and refuses one character more at tags", () => {
    const warnings = entries(1000, "w");
    const files = (length: number) => storyFiles(warnings, entries(length, "g"));
    const largest = largestAccepted(files, 6000);
    const views = everyView(bindBook(storyOf(files(largest))));
    expectDiscordTakes(views);
    expect(Math.max(...views.map(messageLength))).toBeGreaterThan(5990);

    const [problem, ...others] = problemsOf(files(largest + 1));
    expect(others).toEqual([]);
    expect(problem).toMatchObject({ file: "story.md", line: 7 + warnings.length });
    expect(problem?.message).toContain("title card");
    expect(problem?.fix).toContain("Shorten or remove content warnings or tags");
  });
});
