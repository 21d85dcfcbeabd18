import { describe, expect, it } from "vitest";
import type { PartFigures, ReactionReport } from "../../src/core/reactionReport.js";
import { reactionsEmbed } from "../../src/views/reactionsEmbed.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A part with a label of `labelLength` emoji-laden characters and `extraEmoji` more emoji. */
function part(index: number, labelLength: number, extraEmoji: number): PartFigures {
  const label = `Part ${index} · ${"😢é".repeat(labelLength)}`;
  return {
    partId: `part-${index}`,
    label,
    started: 1000 - index,
    finished: 900 - index,
    earlyStarted: 0,
    earlyReactions: [],
    fromPrevious: {
      label: `Part ${index - 1} · ${"😮".repeat(labelLength)}`,
      finished: 950,
      went: 900,
    },
    reactions: [
      { emoji: "❤️", readers: index },
      { emoji: "party:123456789012345678", readers: 3 },
      ...Array.from({ length: extraEmoji }, (_, extra) => ({
        emoji: String.fromCodePoint(0x1f600 + extra),
        readers: extra,
      })),
    ],
  };
}

describe("reactionsEmbed", () => {
  it("keeps within Discord's embed limits with many parts, long labels and many emoji, showing the latest", () => {
    const report: ReactionReport = {
      storyTitle: "🔥".repeat(300),
      parts: Array.from({ length: 40 }, (_, index) => part(index + 1, 200, 60)),
    };
    const embed = reactionsEmbed(report, "reactions.png").toJSON();
    const fields = embed.fields ?? [];
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.length).toBeLessThanOrEqual(25);
    expect(embed.title?.length).toBeLessThanOrEqual(256);
    expect(embed.description?.length).toBeLessThanOrEqual(4096);
    const total =
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    for (const text of [embed.title ?? "", ...fields.flatMap((f) => [f.name, f.value])]) {
      expect(text).not.toMatch(LONE_SURROGATE);
    }
    for (const field of fields) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
      for (const line of field.value.split("\n")) expect(line.split("`").length % 2).toBe(1);
    }
    expect(fields.at(-1)?.name).toMatch(/^Part 40 · /);
    expect(embed.description).toContain(`Showing the latest ${fields.length} of 40 parts`);
    expect(fields.at(-1)?.value).toContain("<:party:123456789012345678> `");
  });

  it("shows every part, without a note, when they fit", () => {
    const report: ReactionReport = {
      storyTitle: "After Moscow",
      parts: [part(1, 1, 0), part(2, 1, 0)],
    };
    const embed = reactionsEmbed(report).toJSON();
    expect(embed.fields?.map((field) => field.name)).toEqual(["Part 1 · 😢é", "Part 2 · 😢é"]);
    expect(embed.description).not.toContain("Showing the latest");
    expect(embed.image).toBeUndefined();
  });
});
