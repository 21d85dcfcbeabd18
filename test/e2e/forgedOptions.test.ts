import { Routes } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { serial } from "../../src/commands/serial.js";
import { type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

/** /serial as a stale registration (or a forged payload) has it: `threads on` takes text. */
const forged = {
  ...serial.data,
  options: serial.data.options?.map((option) =>
    option.name === "threads"
      ? {
          ...option,
          options: [{ type: 3, name: "on", description: "Open threads?", required: true }],
        }
      : option,
  ),
};

describe("an option Discord sends with a type the command does not declare", () => {
  it("is refused with what it must be, and changes nothing", async () => {
    h = await startHarness();
    const run = (name: string, options: Record<string, string | boolean> = {}) =>
      h.discord.runCommand({ channelId: h.reading.id, userId: h.author.id, name, options });
    await run("serial threads", { on: true });
    expect(h.app.store.settings.get(h.guild.id, "drago").threads).toBe(true);
    const { discordGuildId } = h.config;
    const application = h.discord.application.id;
    await h.app.client.rest.put(
      discordGuildId === undefined
        ? Routes.applicationCommands(application)
        : Routes.applicationGuildCommands(application, discordGuildId),
      { body: [forged] },
    );
    const refused = messageOf(await run("serial threads", { on: "yes" }));
    expect(refused.content).toBe(
      "The on option of /serial threads must be true or false. Discord may still be updating its list of commands; try again in a minute.",
    );
    expect(h.app.store.settings.get(h.guild.id, "drago").threads).toBe(true);
  });
});
