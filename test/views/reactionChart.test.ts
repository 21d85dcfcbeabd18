import { createCanvas, GlobalFonts, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import type { PartFigures, ReactionReport } from "../../src/core/reactionReport.js";
import { reactionChart } from "../../src/views/reactionChart.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The width and height in a PNG's IHDR chunk, the first after the signature. */
function dimensions(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function part(index: number, started: number, finished: number, heart: number): PartFigures {
  return {
    partId: `part-${index}`,
    label: `Part ${index} · Somewhere`,
    started,
    finished,
    earlyStarted: 0,
    earlyReactions: [],
    fromPrevious: { label: `Part ${index - 1}`, finished: started + 2, went: started },
    reactions: [
      { emoji: "❤️", readers: heart },
      { emoji: "😂", readers: 0 },
    ],
  };
}

const report: ReactionReport = {
  storyTitle: "The Quiet Year",
  parts: [
    {
      partId: "authors-note",
      label: "Author's Note",
      started: 12,
      finished: 11,
      earlyStarted: 0,
      earlyReactions: [],
      reactions: [
        { emoji: "❤️", readers: 4 },
        { emoji: "😂", readers: 0 },
      ],
    },
    {
      partId: "new-york",
      label: "Part 1 · New York",
      started: 10,
      finished: 7,
      earlyStarted: 0,
      earlyReactions: [],
      fromPrevious: { label: "Author's Note", finished: 11, went: 10 },
      reactions: [
        { emoji: "❤️", readers: 5 },
        { emoji: "😂", readers: 0 },
        { emoji: "🔥", readers: 2 },
      ],
    },
    {
      partId: "albany",
      label: "Part 2 · Albany",
      started: 6,
      finished: 0,
      earlyStarted: 0,
      earlyReactions: [],
      fromPrevious: { label: "Part 1 · New York", finished: 7, went: 6 },
      reactions: [
        { emoji: "❤️", readers: 0 },
        { emoji: "😂", readers: 3 },
        { emoji: "party:123456789012345678", readers: 1 },
      ],
    },
  ],
};

describe("reactionChart", () => {
  it("draws a PNG 1000 px wide, with a 48 px row per part under a 184 px head and 84 px foot", () => {
    const png = reactionChart(report);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(dimensions(png)).toEqual({ width: 1000, height: 184 + 3 * 48 + 84 });
  });

  it("draws the emoji in colour, with the Twemoji font the module registers", async () => {
    const png = reactionChart(report);
    expect(GlobalFonts.has("Twemoji")).toBe(true);
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let heartRed = 0;
    for (let at = 0; at < data.length; at += 4) {
      const [red = 0, green = 0, blue = 0] = data.subarray(at, at + 3);
      // Twemoji's heart is #dd2e44; nothing else in the chart is that red.
      if (Math.abs(red - 0xdd) + Math.abs(green - 0x2e) + Math.abs(blue - 0x44) < 24) heartRed += 1;
    }
    expect(heartRed).toBeGreaterThan(30);
  });

  it("gives different images for different figures", () => {
    const changed: ReactionReport = {
      ...report,
      parts: report.parts.map((figures, index) =>
        index === 1 ? { ...figures, finished: figures.finished + 1 } : figures,
      ),
    };
    expect(reactionChart(changed).equals(reactionChart(report))).toBe(false);
  });

  it("shows only the latest 12 of 40 parts, so the image stays 844 px high", () => {
    const parts = Array.from({ length: 40 }, (_, index) =>
      part(index + 1, 200 - index, 150, index),
    );
    const png = reactionChart({ storyTitle: "Forty parts", parts });
    expect(dimensions(png)).toEqual({ width: 1000, height: 184 + 12 * 48 + 84 });
    const earlierChanged = parts.map((figures, index) =>
      index < 28 ? { ...figures, started: figures.started + 1000, label: "Changed" } : figures,
    );
    expect(reactionChart({ storyTitle: "Forty parts", parts: earlierChanged }).equals(png)).toBe(
      true,
    );
    const latestChanged = parts.map((figures, index) =>
      index === 39 ? { ...figures, finished: figures.finished - 1 } : figures,
    );
    expect(reactionChart({ storyTitle: "Forty parts", parts: latestChanged }).equals(png)).toBe(
      false,
    );
  });

  it("draws a report with no parts as one empty row", () => {
    expect(dimensions(reactionChart({ storyTitle: "Not out yet", parts: [] }))).toEqual({
      width: 1000,
      height: 184 + 48 + 84,
    });
  });
});
