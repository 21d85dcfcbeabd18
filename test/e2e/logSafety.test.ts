import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  await h.close();
});

/** Words from the first page of Part 1, which is not released in these tests. */
const UNRELEASED_PROSE = "His fist hit the wall, inches from her face";

const entries = () => h.logs.map((line): Record<string, unknown> => JSON.parse(line));

describe("the logs of a failing run", () => {
  it("hold no interaction token, no bot token and no unreleased prose", async () => {
    h = await startHarness({}, {}, { logLevel: "debug" });

    // A drop Discord refuses: discord.js's error carries the request, the unreleased first page.
    h.discord.denyBot(h.reading.id, ["SendMessages"]);
    const refused = await h.discord.runCommand({
      channelId: h.guild.systemChannelId,
      userId: h.author.id,
      name: "serial drop-now",
    });
    expect(messageOf(refused).content).toMatch(/is not out yet: the bot lacks permission/);

    // An interaction whose every answer fails: discord.js's error carries the token in its URL.
    h.discord.injectFault({
      route: "POST /interactions/:interaction/:token/callback",
      times: Number.POSITIVE_INFINITY,
      fault: { status: 500 },
    });
    const interactionId = h.discord.dispatchCommand({
      channelId: h.guild.systemChannelId,
      userId: h.reader.id,
      name: "read",
    });
    await eventually(
      () => entries().some((entry) => entry.msg === "could not send the error reply"),
      "the bot to give up answering",
    );
    const callback = h.discord.requests.find((request) =>
      request.path.startsWith(`/interactions/${interactionId}/`),
    );
    const interactionToken = callback?.path.split("/")[3] ?? "";
    expect(interactionToken.length).toBeGreaterThan(20);

    const text = h.logs.join("");
    const dropFailed = entries().find((entry) => String(entry.msg).startsWith("drop failed"));
    expect(dropFailed?.err).toMatchObject({ code: 50013, status: 403 });
    expect(text).toContain(`/interactions/${interactionId}/:token/callback`);
    expect(text).not.toContain(interactionToken);
    expect(text).not.toContain(h.discord.token);
    expect(text).not.toContain(UNRELEASED_PROSE);
  });
});
