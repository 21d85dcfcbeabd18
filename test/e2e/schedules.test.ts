import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

const serial = (subcommand: string, options: Record<string, string> = {}, guild = h.guild) =>
  h.discord.runCommand({
    channelId: guild.systemChannelId,
    userId: guild === h.guild ? h.author.id : guild.ownerId,
    name: `serial ${subcommand}`,
    options,
  });
const field = async (name: string, guild = h.guild) =>
  embedOf(await serial("status", {}, guild)).fields?.find((f) => f.name === name)?.value;

describe("schedules the authors set", () => {
  it("refuses a schedule that never fires, and one too frequent to be meant, showing its next runs", async () => {
    h = await startHarness();
    for (const cron of ["0 0 1-7 * 1#2", "0 0 1 * 1L"]) {
      expect(messageOf(await serial("schedule", { cron })).content).toMatch(
        /never fires: no date matches it.*Nothing would ever be posted/,
      );
    }
    expect(messageOf(await serial("schedule", { cron: "* * * * * *" })).content).toMatch(
      /^`\* \* \* \* \* \*` has six fields, the first for seconds.*at most every 1 hour/,
    );
    const everyMinute = messageOf(await serial("schedule", { cron: "* * * * *" })).content;
    expect(everyMinute).toMatch(
      /^`\* \* \* \* \*` would post parts 1 minute apart, and drops must be at least 1 hour apart/,
    );
    expect(everyMinute.match(/<t:\d+:F> \(<t:\d+:R>\)/g)).toHaveLength(3);
    expect(messageOf(await serial("schedule", { cron: "0,30 9 * * 1" })).content).toMatch(
      /would post parts 30 minutes apart/,
    );
    expect(await field("Schedule")).toBe("None");
    expect(h.app.store.settings.get(h.guild.id, "drago").schedule).toBeUndefined();

    expect(messageOf(await serial("schedule", { cron: "0 * * * *" })).content).toMatch(
      /^Drops now follow `0 \* \* \* \*` \(UTC\)\. The next three:/,
    );
    expect(await field("Next drop")).toMatch(/^<t:\d+:F>/);
  });

  it("changes one server's schedule without touching the settings of the others", async () => {
    h = await startHarness();
    const others = Array.from({ length: 20 }, (_, index) =>
      h.discord.createGuild({ name: `Other ${index}` }),
    );
    await eventually(() => h.app.client.guilds.cache.size === 21, "the bot in 21 servers");
    for (const subcommand of ["schedule", "pause", "resume"]) {
      await serial(subcommand, subcommand === "schedule" ? { cron: "0 18 * * 5" } : {});
    }
    const [first] = others;
    if (first !== undefined) await serial("status", {}, first);
    const db = new Database(h.config.databasePath, { readonly: true });
    const rows = db.prepare("SELECT guild_id, story_id FROM story_settings").all();
    db.close();
    expect(rows).toEqual([{ guild_id: h.guild.id, story_id: "drago" }]);
  });

  it("keeps a stored schedule that cannot be computed to its own server: the bot starts, says so, and serves the rest", async () => {
    h = await startHarness();
    const other = h.discord.createGuild({ name: "Another" });
    h.app.store.settings.update(h.guild.id, "drago", { schedule: "0 0 1-7 * 1#2" }, new Date());
    await h.restart();

    expect(await field("Next drop")).toMatch(
      /^None: the schedule `0 0 1-7 \* 1#2` \(UTC\) never fires.*Set a new one with \/serial schedule\./,
    );
    const notice = h.discord
      .posts(h.guild.systemChannelId)
      .find((message) => message.content.includes("drop schedule cannot be used"));
    expect(notice?.content).toMatch(/^⚠️ This server's drop schedule cannot be used/);
    const read = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
    });
    expect(embedOf(read).title).toBeDefined();
    expect(await field("Reading channel", other)).toMatch(/Not set/);
    expect(messageOf(await serial("schedule", { cron: "0 18 * * 5" })).content).toMatch(
      /^Drops now follow/,
    );
    expect(await field("Next drop")).toMatch(/^<t:\d+:F>/);
  });

  it("lets the operator set a frequent DROP_SCHEDULE, with a warning at start", async () => {
    h = await startHarness({ DROP_SCHEDULE: "*/5 * * * * *" }, {}, { logLevel: "warn" });
    const warnings = h.logs.map((line): { msg: string } => JSON.parse(line)).map((l) => l.msg);
    expect(warnings).toContain(
      "DROP_SCHEDULE drops parts closer together than /serial schedule allows; every server without its own schedule follows it",
    );
    expect(await field("Schedule")).toBe("`*/5 * * * * *` (UTC)");
  });
});
