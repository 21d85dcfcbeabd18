import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/sandbox/parseCommandLine.js";

const subcommands = (command: string) => (command === "serial" ? ["release-next"] : []);

describe("parseCommandLine", () => {
  it("reads a command, its subcommand and name:value options, with quotes for spaces", () => {
    expect(parseCommandLine("/read", subcommands)).toEqual({ name: "read", options: {} });
    expect(parseCommandLine("/read part:2", subcommands)).toEqual({
      name: "read",
      options: { part: "2" },
    });
    expect(parseCommandLine('/read part:"New York"', subcommands)).toEqual({
      name: "read",
      options: { part: "New York" },
    });
    expect(parseCommandLine("  /serial release-next ", subcommands)).toEqual({
      name: "serial release-next",
      options: {},
    });
  });

  it("explains a word that is neither an option nor a subcommand", () => {
    expect(() => parseCommandLine("/read 2", subcommands)).toThrow(/"2" is not an option.*part:2/);
    expect(() => parseCommandLine("/", subcommands)).toThrow(/Type a command/);
  });
});
