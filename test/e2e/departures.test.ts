import { afterEach, describe, expect, it } from "vitest";
import { GUILD_TABLES } from "../../src/store/guildTables.js";
import { eventually } from "../helpers/eventually.js";
import { guildRows, tablesWithRows } from "../helpers/guildRows.js";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const run = (
  channelId: string,
  userId: string,
  name: string,
  options: Record<string, string> = {},
) => h.discord.runCommand({ channelId, userId, name, options });

const rows = (guildId: string) => guildRows(h.config.databasePath, guildId);
const departed = (guildId: string) => rows(guildId).departed_guilds.length > 0;

/** Every row of a server but its reconcile time, which each start of the bot moves on. */
function kept(guildId: string) {
  const { reaction_reconciles: _moves, ...rest } = rows(guildId);
  return rest;
}

describe("servers the bot was removed from", () => {
  it("keeps a server's data while it is away and forgets the departure when it is back; after the retention, a start purges every table of it and nothing of another server", async () => {
    h = await startHarness({}, {}, { logLevel: "info" });
    const { guild, reading, reader, author } = h;

    // Another server, with readers of its own.
    const other = h.discord.createGuild({ name: "Other" });
    const otherReader = h.discord.addMember(other.id, { username: "other-reader" });
    await eventually(
      () => h.app.client.guilds.cache.has(other.id),
      "the bot to see the other server",
    );
    expect(
      messageOf(await run(other.systemChannelId, other.ownerId, "serial release-next")).content,
    ).toMatch(/^Released \*\*Part 1 · New York\*\*/);
    expect(
      messageOf(await run(other.systemChannelId, otherReader.id, "notify", { dm: "on" })).content,
    ).toMatch(/^I'll DM you/);
    expect(
      embedOf(await run(other.systemChannelId, otherReader.id, "read", { part: "new-york" })).title,
    ).toBe("Part 1 · New York");

    // In the harness's server: a pause, a drop, a reader who reads and reacts.
    expect(messageOf(await run(reading.id, author.id, "serial pause")).content).not.toBe("");
    expect(messageOf(await run(reading.id, author.id, "serial drop-now")).content).toMatch(
      /^Dropped/,
    );
    expect(embedOf(await run(reading.id, reader.id, "read", { part: "new-york" })).title).toBe(
      "Part 1 · New York",
    );
    const lastPage = h.discord.posts(reading.id).at(-1);
    h.discord.react(reader.id, reading.id, lastPage?.id ?? "", "❤️");
    await eventually(
      () => rows(guild.id).reaction_counts.length === 1,
      "the reaction to be counted",
    );
    expect(tablesWithRows(h.config.databasePath, guild.id)).toEqual(
      expect.arrayContaining([
        "progress",
        "part_reads",
        "releases",
        "story_settings",
        "message_reactions",
        "reaction_counts",
        "drop_messages",
        "drops",
      ]),
    );
    const before = kept(guild.id);
    const otherBefore = kept(other.id);
    expect(otherBefore.progress).toHaveLength(1);
    expect(otherBefore.releases).toHaveLength(1);
    expect(otherBefore.notify_subscriptions).toHaveLength(1);

    // Removed: everything is kept, and the departure is on record.
    h.discord.removeBot(guild.id);
    await eventually(() => departed(guild.id), "the departure to be recorded");
    expect({ ...kept(guild.id), departed_guilds: [] }).toEqual(before);

    // Added back: the departure is forgotten, and the server is served again.
    h.discord.addBot(guild.id);
    await eventually(() => !departed(guild.id), "the departure to be forgotten");
    expect(kept(guild.id)).toEqual(before);
    expect(embedOf(await run(reading.id, reader.id, "progress")).description).toBeDefined();

    // Removed again, and started with no retention: the server's data is purged at start.
    h.discord.removeBot(guild.id);
    await eventually(() => departed(guild.id), "the departure to be recorded again");
    await h.restart({ DATA_RETENTION_DAYS: "0" });
    expect(tablesWithRows(h.config.databasePath, guild.id)).toEqual([]);
    expect(Object.keys(rows(guild.id)).sort()).toEqual([...GUILD_TABLES].sort());
    expect(kept(other.id)).toEqual(otherBefore);
    expect(
      h.logs
        .map((line) => JSON.parse(line) as { msg: string; guildId?: string })
        .filter((line) => line.msg === "purged the data of a server the bot left"),
    ).toEqual([expect.objectContaining({ guildId: guild.id })]);
    expect(
      embedOf(await run(other.systemChannelId, otherReader.id, "progress")).description,
    ).toBeDefined();
  });

  it("notices at start a server it was removed from while it was down, and purges it after the retention", async () => {
    h = await startHarness({}, {}, { logLevel: "info" });
    expect(embedOf(await run(h.reading.id, h.reader.id, "next")).title).toBeDefined();
    expect(tablesWithRows(h.config.databasePath, h.guild.id)).toContain("progress");
    await h.app.stop();
    h.discord.removeBot(h.guild.id);
    await h.restart({ DATA_RETENTION_DAYS: "0" });
    expect(tablesWithRows(h.config.databasePath, h.guild.id)).toEqual([]);
  });
});
