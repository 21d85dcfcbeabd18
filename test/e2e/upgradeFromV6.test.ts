import { copyFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

/** Server A, member u2 and A's reading channel in the fixture (see test/store/upgradeFromV6.test.ts). */
const FIXTURE = {
  guild: "100000000000000001",
  reader: "200000000000000002",
  channel: "300000000000000001",
};

/**
 * The database made by the bot at schema version 6 (today's main before several stories), with
 * server A, member u2 and A's reading channel given the ids of the harness's server, reader and
 * reading channel, so the bot upgrading it meets them in its local Discord.
 */
function fixtureFor(path: string, ids: typeof FIXTURE): void {
  copyFileSync("test/fixtures/databases/v6-drago.sqlite", path);
  const db = new Database(path);
  // A drop and its messages are renamed one table after the other; their keys agree at the end.
  db.pragma("foreign_keys = OFF");
  const tables = (column: string) =>
    db
      .prepare<[], { name: string }>(
        `SELECT m.name FROM sqlite_master m WHERE m.type = 'table'
           AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = '${column}')`,
      )
      .all()
      .map((row) => row.name);
  const rename = (column: string, from: string, to: string) => {
    for (const table of tables(column)) {
      db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${column} = ?`).run(to, from);
    }
  };
  rename("guild_id", FIXTURE.guild, ids.guild);
  rename("user_id", FIXTURE.reader, ids.reader);
  rename("channel_id", FIXTURE.channel, ids.channel);
  db.close();
}

describe("the upgrade from today's database", () => {
  it("keeps a reader's place, the server's settings, releases and figures, under the story", async () => {
    h = await startHarness();
    await h.app.stop();
    fixtureFor(h.config.databasePath, {
      guild: h.guild.id,
      reader: h.reader.id,
      channel: h.reading.id,
    });
    await h.restart();

    const resumed = embedOf(
      await h.discord.runCommand({ channelId: h.reading.id, userId: h.reader.id, name: "read" }),
    );
    expect(resumed.title).toBe("Welcome back to After Moscow");
    expect(resumed.description).toMatch(/You were reading \*\*Part 1 · New York\*\*/);

    const status = embedOf(
      await h.discord.runCommand({
        channelId: h.reading.id,
        userId: h.author.id,
        name: "serial status",
      }),
    );
    const field = (name: string) => status.fields?.find((each) => each.name === name)?.value;
    expect(field("Reading channel")).toBe(`<#${h.reading.id}>`);
    expect(field("Schedule")).toBe("`0 18 * * 5` (Europe/London)");
    // The drop of Part 2 that was cut off after its first page was finished at start, once.
    expect(field("Released")).toBe("2 of 2 parts");
    expect(h.discord.posts(h.reading.id).map((message) => message.embeds[0]?.footer?.text)).toEqual(
      ["Part 2 · Moscow · 2/2"],
    );
    expect(field("Readers (authors not counted)")).toMatch(
      /Part 1 · New York: 4 started, 3 finished/,
    );
    const notify = messageOf(
      await h.discord.runCommand({
        channelId: h.reading.id,
        userId: h.reader.id,
        name: "notify",
        options: { dm: "on" },
      }),
    );
    expect(notify.content).toMatch(/mentions <@&600000000000000001> on each new part/);
  });
});
