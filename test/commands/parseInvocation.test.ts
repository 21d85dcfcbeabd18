import { describe, expect, it } from "vitest";
import { notify } from "../../src/commands/notify.js";
import { parseInvocation } from "../../src/commands/parseInvocation.js";
import { read } from "../../src/commands/read.js";
import { serial } from "../../src/commands/serial.js";
import { UserError } from "../../src/core/UserError.js";

const CHANNEL = "400000000000000001";

describe("parseInvocation", () => {
  it("reads the subcommand and options a command declares", () => {
    expect(
      parseInvocation(serial.data, {
        subcommand: "schedule",
        values: { cron: "0 18 * * 5", timezone: "Europe/London" },
      }),
    ).toEqual({
      subcommand: "schedule",
      options: { cron: "0 18 * * 5", timezone: "Europe/London" },
    });
    expect(parseInvocation(serial.data, { subcommand: "threads", values: { on: false } })).toEqual({
      subcommand: "threads",
      options: { on: false },
    });
    expect(
      parseInvocation(serial.data, { subcommand: "channel", values: { channel: CHANNEL } }),
    ).toEqual({ subcommand: "channel", options: { channel: CHANNEL } });
    expect(parseInvocation(read.data, { subcommand: undefined, values: {} })).toEqual({
      subcommand: undefined,
      options: {},
    });
  });

  it("refuses an option of the wrong type, saying what it must be", () => {
    const refusals: [typeof serial.data | typeof notify.data, string | undefined, object][] = [
      [serial.data, "threads", { on: "yes" }],
      [serial.data, "schedule", { cron: 5 }],
      [serial.data, "channel", { channel: "#reading" }],
      [serial.data, "ping-role", { role: true }],
      [notify.data, undefined, { dm: true }],
    ];
    const messages = refusals.map(([data, subcommand, values]) => {
      try {
        parseInvocation(data, { subcommand, values: { ...values } });
        return "accepted";
      } catch (error) {
        expect(error).toBeInstanceOf(UserError);
        return error instanceof Error ? error.message.split(". ")[0] : String(error);
      }
    });
    expect(messages).toEqual([
      "The on option of /serial threads must be true or false",
      "The cron option of /serial schedule must be text",
      "The channel option of /serial channel must be a channel",
      "The role option of /serial ping-role must be a role",
      "The dm option of /notify must be text",
    ]);
  });

  it("refuses a value that is not among the choices, a missing required option, an unknown option or subcommand", () => {
    const refused =
      (
        data: typeof serial.data | typeof notify.data,
        subcommand: string | undefined,
        values: Record<string, unknown>,
      ) =>
      () =>
        parseInvocation(data, { subcommand, values });
    expect(refused(notify.data, undefined, { dm: "maybe" })).toThrow(
      /^The dm option of \/notify must be one of on, off\./,
    );
    expect(refused(serial.data, "schedule", {})).toThrow(
      /^\/serial schedule needs its cron option\.$/,
    );
    expect(refused(serial.data, "pause", { force: true })).toThrow(
      /^\/serial pause has no option "force"\./,
    );
    expect(refused(serial.data, "fly", {})).toThrow(/^I don't know \/serial fly\./);
    expect(refused(serial.data, undefined, {})).toThrow(/^I don't know \/serial\./);
    expect(refused(notify.data, "on", { dm: "on" })).toThrow(/^I don't know \/notify on\./);
  });
});
