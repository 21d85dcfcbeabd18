import { describe, expect, it } from "vitest";
import { bindBook } from "../../src/core/Book.js";
import { dropNotice } from "../../src/core/dropNotice.js";
import {
  missedDrop,
  nextReleaseTime,
  nextScheduledPart,
  timedPartsDue,
} from "../../src/core/dueDrops.js";
import type { Story } from "../../src/core/story.js";
import { prose, storyFixture } from "../helpers/storyFixture.js";

const base = storyFixture([
  { id: "one", text: prose(1, 2, "One") },
  { id: "two", text: prose(1, 2, "Two") },
  { id: "three", text: prose(1, 2, "Three") },
  { id: "four", text: prose(1, 2, "Four") },
]);
const at = (iso: string) => new Date(iso);
/** Scene "three" has its own release time. */
const story: Story = {
  ...base,
  parts: base.parts.map((part) =>
    part.id === "three" ? { ...part, releaseAt: at("2026-12-01T18:00:00Z") } : part,
  ),
};
const book = bindBook(story);
const released = (...ids: string[]) => new Set(ids);

describe("which part drops", () => {
  it("drops scenes in story order, skipping scenes that have their own release time", () => {
    expect(nextScheduledPart(book, released())?.part.id).toBe("one");
    expect(nextScheduledPart(book, released("one"))?.part.id).toBe("two");
    expect(nextScheduledPart(book, released("one", "two"))?.part.id).toBe("four");
    expect(nextScheduledPart(book, released("one", "two", "four"))).toBeUndefined();
  });

  it("drops a timed scene once its time has come, and only then", () => {
    expect(timedPartsDue(book, released(), at("2026-12-01T17:59:59Z"))).toEqual([]);
    expect(
      timedPartsDue(book, released(), at("2026-12-01T18:00:00Z")).map((p) => p.part.id),
    ).toEqual(["three"]);
    expect(timedPartsDue(book, released("three"), at("2026-12-02T00:00:00Z"))).toEqual([]);
  });

  it("wakes up for the next release time still ahead", () => {
    expect(nextReleaseTime(book, at("2026-11-30T00:00:00Z"))).toEqual(at("2026-12-01T18:00:00Z"));
    expect(nextReleaseTime(book, at("2026-12-01T18:00:00Z"))).toBeUndefined();
  });
});

describe("missed drops", () => {
  const noted = at("2026-11-27T18:00:00Z");
  it("sees a drop time that passed while the bot was down", () => {
    expect(missedDrop(noted, undefined, at("2026-11-28T09:00:00Z"))).toBe(true);
    expect(missedDrop(noted, at("2026-11-20T18:00:00Z"), at("2026-12-25T09:00:00Z"))).toBe(true);
  });

  it("sees none before the drop time, without a schedule, or when a drop started at or after it", () => {
    expect(missedDrop(noted, undefined, at("2026-11-27T17:59:00Z"))).toBe(false);
    expect(missedDrop(undefined, undefined, at("2026-11-28T09:00:00Z"))).toBe(false);
    expect(missedDrop(noted, at("2026-11-27T18:00:01Z"), at("2026-11-28T09:00:00Z"))).toBe(false);
  });
});

describe("drop notice words", () => {
  const two = book.part("two");
  if (two === undefined) throw new Error("fixture has no part two");
  const before = released("one");
  it("tells a caught-up reader that /next goes straight in", () => {
    const lastPage = book.part("one")?.pages.at(-1)?.start ?? 0;
    expect(dropNotice(book, two, before, { partId: "one", offset: lastPage })).toMatch(
      /You're caught up, so \/next/,
    );
  });

  it("tells a reader who is behind where they are, and a newcomer to start from the beginning", () => {
    expect(dropNotice(book, two, before, { partId: "blurb", offset: 0 })).toMatch(
      /You're on Blurb, page 1 of 1: \/read/,
    );
    expect(dropNotice(book, two, before, undefined)).toMatch(
      /Start from the beginning with \/read/,
    );
    expect(dropNotice(book, two, before, undefined)).toMatch(
      /^\*\*Part 2 · Scene 2\*\* of \*Fixture Story\* is out\./,
    );
  });
});
