import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { chatCommands } from "../../src/commands/registry.js";
import { type SyncTarget, syncCommands } from "../../src/commands/syncCommands.js";

/** A Discord that holds `registered` and records what the bot writes. */
function discordWith(registered: unknown[]) {
  const written: unknown[] = [];
  const rest = {
    get: async () => registered,
    put: async (_route: string, options?: { body?: unknown }) => {
      written.push(options?.body);
      return options?.body;
    },
  } satisfies SyncTarget["rest"];
  return { target: { rest, applicationId: "1", guildId: undefined }, written };
}

/** The registry's commands as Discord returns them, with what it adds. */
const asRegistered = () =>
  [...chatCommands.values()].map((command, index) => ({
    ...structuredClone(command.data),
    id: String(index),
    version: "1",
  }));

const log = pino({ level: "silent" });

describe("syncCommands", () => {
  it("spends no request on commands Discord already has", async () => {
    const { target, written } = discordWith(asRegistered());
    expect(await syncCommands(target, chatCommands.values(), log)).toBe(false);
    expect(written).toEqual([]);
  });

  it("registers again when only a choice differs, which the bot would refuse at every use", async () => {
    const json = JSON.stringify(asRegistered());
    const offered = '{"name":"off","value":"off"}';
    expect(json).toContain(offered);
    const registered: unknown[] = JSON.parse(
      json.replace(offered, `${offered},{"name":"weekly","value":"weekly"}`),
    );
    const { target, written } = discordWith(registered);
    expect(await syncCommands(target, chatCommands.values(), log)).toBe(true);
    expect(written).toHaveLength(1);
  });
});
