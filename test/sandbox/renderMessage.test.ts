import type { APIButtonComponentWithCustomId, APIMessage } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { renderMessage } from "../../src/sandbox/renderMessage.js";

const now = new Date("2026-11-24T12:00:00Z");
const options = { width: 40, color: false, now, timeZone: "UTC" };

function message(fields: Partial<APIMessage>): APIMessage {
  return {
    id: "1",
    channel_id: "2",
    content: "",
    embeds: [],
    components: [],
    flags: 0,
    ...fields,
  } as APIMessage;
}

describe("renderMessage", () => {
  it("frames an embed with its author, title, text and footer, then the buttons as [Labels]", () => {
    const text = renderMessage(
      message({
        flags: 64,
        embeds: [
          {
            author: { name: "After Moscow" },
            title: "Part 1 · New York",
            description: "His fist hit the wall.",
            footer: { text: "Page 1 of 3" },
          },
        ],
        components: [
          {
            type: 1,
            components: [
              {
                type: 2,
                style: 2,
                label: "Back",
                custom_id: "b",
                disabled: true,
                emoji: { name: "◀️" },
              },
              { type: 2, style: 1, label: "Next", custom_id: "n" },
            ],
          },
        ],
      }),
      options,
    );
    expect(text.split("\n")).toEqual([
      "(only visible to you)",
      `╭${"─".repeat(39)}`,
      "│ After Moscow",
      "│ Part 1 · New York",
      "│ ",
      "│ His fist hit the wall.",
      "│ ",
      "│ Page 1 of 3",
      `╰${"─".repeat(39)}`,
      "[◀️ Back]  [Next]",
    ]);
  });

  it("sets a field of several lines under its name, apart, and one of a line as name: value", () => {
    const text = renderMessage(
      message({
        embeds: [
          {
            title: "The stories in this server",
            fields: [
              { name: "Rating", value: "Mature", inline: true },
              { name: "After Moscow", value: "by The Author\nNot started." },
              { name: "Tea", value: "by A Test Fixture\nNot started." },
              { name: "Released", value: "1 of 2 parts" },
            ],
          },
        ],
      }),
      options,
    );
    expect(text.split("\n").slice(1, -1)).toEqual([
      "│ The stories in this server",
      "│ ",
      "│ Rating: Mature",
      "│ ",
      "│ After Moscow",
      "│ by The Author",
      "│ Not started.",
      "│ ",
      "│ Tea",
      "│ by A Test Fixture",
      "│ Not started.",
      "│ ",
      "│ Released: 1 of 2 parts",
    ]);
  });

  it("wraps a row of buttons to the width, each label whole", () => {
    const button = (label: string) =>
      ({ type: 2, style: 2, label, custom_id: label }) satisfies APIButtonComponentWithCustomId;
    const text = renderMessage(
      message({
        components: [
          {
            type: 1,
            components: ["Open After Moscow", "Open The Tea Merchant's Ledger", "Open Three"].map(
              button,
            ),
          },
          { type: 1, components: [button("Resume")] },
        ],
      }),
      options,
    );
    expect(text.split("\n")).toEqual([
      "[Open After Moscow]",
      "[Open The Tea Merchant's Ledger]",
      "[Open Three]",
      "[Resume]",
    ]);
  });

  it("shows Discord timestamps as the app would", () => {
    const unix = now.getTime() / 1000 + 3 * 24 * 3600;
    const text = renderMessage(message({ content: `Next part <t:${unix}:R>, on <t:${unix}:F>.` }), {
      ...options,
      width: 100,
    });
    expect(text).toBe("Next part in 3 days, on Friday, 27 November 2026 at 12:00.");
  });
});
