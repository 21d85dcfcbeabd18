import { afterEach, describe, expect, it } from "vitest";
import { loadLibrary } from "../../src/story/loadLibrary.js";
import { eventually } from "../helpers/eventually.js";
import { tablesWithRows } from "../helpers/guildRows.js";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly guildId?: string;
  readonly why?: string;
}

/** The bot's log lines from the `from`-th on. */
const logLines = (from = 0): LogLine[] =>
  h.logs.slice(from).map((line) => JSON.parse(line) as LogLine);

const UNSET = /^ALLOWED_GUILD_IDS is not set: any server that adds the bot is served/;
const LEAVING = "leaving a server that is not in ALLOWED_GUILD_IDS";
const WARN = 40;

/** The bot's requests to leave a server (Leave Guild), with Discord's answers. */
const leaveRequests = (guildId: string) =>
  h.discord.requests
    .filter(
      (request) => request.method === "DELETE" && request.path === `/users/@me/guilds/${guildId}`,
    )
    .map((request) => request.status);

/** Waits for the bot to be out of a server, its Leave Guild answered. */
const leftServer = (guildId: string) =>
  eventually(
    () => !h.discord.botIsIn(guildId) && leaveRequests(guildId).includes(204),
    `the bot to leave server ${guildId}`,
  );

/** What the bot stored of a server, less its own departure (purged after the retention). */
const storedOf = (guildId: string) =>
  tablesWithRows(h.config.databasePath, guildId).filter((table) => table !== "departed_guilds");

describe("ALLOWED_GUILD_IDS", () => {
  it("warns at start while unset; once set, leaves every other server, at start and when one adds the bot, and serves the allowed one", async () => {
    h = await startHarness({}, {}, { logLevel: "info" });
    expect(
      logLines()
        .filter((line) => UNSET.test(line.msg))
        .map((line) => line.level),
    ).toEqual([WARN]);

    // A stranger adds the bot while it is down; it is in that server when it starts again.
    await h.app.stop();
    const stranger = h.discord.createGuild({ name: "Stranger" });
    const restartedAt = h.logs.length;
    await h.restart({ ALLOWED_GUILD_IDS: h.guild.id });
    expect(logLines(restartedAt).filter((line) => UNSET.test(line.msg))).toEqual([]);
    await leftServer(stranger.id);
    expect(leaveRequests(stranger.id)).toEqual([204]);
    expect(
      logLines(restartedAt).filter((line) => line.msg === LEAVING && line.guildId === stranger.id),
    ).toEqual([expect.objectContaining({ level: WARN, why: "it is not in ALLOWED_GUILD_IDS" })]);
    expect(h.app.client.guilds.cache.has(stranger.id)).toBe(false);

    const read = await h.discord.runCommand({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "read",
    });
    expect(embedOf(read).title).toBe((await loadLibrary("story")).stories[0].meta.title);

    // A server that adds the bot while it runs is left too, with nothing stored of it.
    const latecomer = h.discord.createGuild({ name: "Latecomer" });
    await leftServer(latecomer.id);
    expect(leaveRequests(latecomer.id)).toEqual([204]);
    expect(
      logLines(restartedAt).filter((line) => line.msg === LEAVING && line.guildId === latecomer.id),
    ).toEqual([expect.objectContaining({ level: WARN, why: "it added the bot" })]);
    expect(logLines(restartedAt).filter((line) => line.msg === "joined a server")).toEqual([]);
    expect(storedOf(stranger.id)).toEqual([]);
    expect(storedOf(latecomer.id)).toEqual([]);
  });

  it("refuses a stranger's commands while it cannot leave, even from the owner, and leaves at the next one", async () => {
    h = await startHarness({}, {}, { logLevel: "info" });
    await h.restart({ ALLOWED_GUILD_IDS: h.guild.id });
    const outage = h.discord.injectFault({
      route: "DELETE /users/@me/guilds/:guild",
      times: 4,
      fault: { status: 500 },
    });
    const guild = h.discord.createGuild({ name: "Stranger" });
    await eventually(
      () =>
        logLines().some(
          (line) => line.msg === "could not leave a server" && line.guildId === guild.id,
        ),
      "the failed leave in the log",
    );
    expect(outage.hits).toBe(4);
    expect(h.discord.botIsIn(guild.id)).toBe(true);

    // The owner has Manage Server there, which would make them an author of the story.
    const outcome = await h.discord.runCommand({
      channelId: guild.systemChannelId,
      userId: guild.ownerId,
      name: "serial release-next",
    });
    expect(outcome.type).toBe(4);
    expect("ephemeral" in outcome && outcome.ephemeral).toBe(true);
    expect(messageOf(outcome).content).toBe(
      "I don't serve this server. Ask the bot's operator if you think I should.",
    );
    await leftServer(guild.id);
    expect(leaveRequests(guild.id)).toEqual([500, 500, 500, 500, 204]);
    expect(
      logLines().filter((line) => line.msg === "interaction refused: the server is not served"),
    ).toEqual([expect.objectContaining({ level: WARN, guildId: guild.id })]);
    expect(storedOf(guild.id)).toEqual([]);
  });
});
