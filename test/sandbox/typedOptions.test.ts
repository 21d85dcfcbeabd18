import { ApplicationCommandOptionType, ApplicationCommandType } from "discord.js";
import { describe, expect, it } from "vitest";
import { typedOptions } from "../../src/sandbox/typedOptions.js";

const serial = {
  id: "1",
  application_id: "2",
  version: "3",
  default_member_permissions: null,
  type: ApplicationCommandType.ChatInput,
  name: "serial",
  description: "The serial",
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "threads",
      description: "Threads",
      options: [{ type: ApplicationCommandOptionType.Boolean, name: "on", description: "On" }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "early-access",
      description: "Early access",
      options: [
        { type: ApplicationCommandOptionType.Integer, name: "parts", description: "Parts" },
        { type: ApplicationCommandOptionType.String, name: "note", description: "Note" },
      ],
    },
  ],
} satisfies Parameters<typeof typedOptions>[0];

describe("typedOptions", () => {
  it("sends a yes or no and a number as Discord's client does, and text as text", () => {
    expect(typedOptions(serial, "serial threads", { on: "true" })).toEqual({ on: true });
    expect(typedOptions(serial, "serial threads", { on: "off" })).toEqual({ on: false });
    expect(typedOptions(serial, "serial early-access", { parts: "2", note: "3" })).toEqual({
      parts: 2,
      note: "3",
    });
  });

  it("says what an option takes when the value cannot be read as it", () => {
    expect(() => typedOptions(serial, "serial threads", { on: "maybe" })).toThrow(
      'on: takes true or false, not "maybe".',
    );
    expect(() => typedOptions(serial, "serial early-access", { parts: "1.5" })).toThrow(
      'parts: takes a whole number, not "1.5".',
    );
  });
});
