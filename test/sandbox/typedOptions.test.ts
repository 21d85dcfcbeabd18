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
      name: "channel",
      description: "Channel",
      options: [{ type: ApplicationCommandOptionType.Channel, name: "channel", description: "C" }],
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

const channels = new Map([
  ["reading", "300000000000000001"],
  ["general", "300000000000000002"],
]);

describe("typedOptions", () => {
  it("sends a yes or no and a number as Discord's client does, and text as text", () => {
    expect(typedOptions(serial, "serial threads", { on: "true" }, channels)).toEqual({ on: true });
    expect(typedOptions(serial, "serial threads", { on: "off" }, channels)).toEqual({ on: false });
    expect(
      typedOptions(serial, "serial early-access", { parts: "2", note: "3" }, channels),
    ).toEqual({
      parts: 2,
      note: "3",
    });
  });

  it("says what an option takes when the value cannot be read as it", () => {
    expect(() => typedOptions(serial, "serial threads", { on: "maybe" }, channels)).toThrow(
      'on: takes true or false, not "maybe".',
    );
    expect(() => typedOptions(serial, "serial early-access", { parts: "1.5" }, channels)).toThrow(
      'parts: takes a whole number, not "1.5".',
    );
  });

  it("takes a channel of the sandbox's server by its name, as Discord's client offers it", () => {
    expect(typedOptions(serial, "serial channel", { channel: "#general" }, channels)).toEqual({
      channel: "300000000000000002",
    });
    expect(typedOptions(serial, "serial channel", { channel: "reading" }, channels)).toEqual({
      channel: "300000000000000001",
    });
    expect(() => typedOptions(serial, "serial channel", { channel: "#chat" }, channels)).toThrow(
      'channel: takes a channel of the server, #reading or #general, not "#chat".',
    );
  });
});
