import { GatewayDispatchEvents, InteractionResponseType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreatedChannel, type CreatedGuild, LocalDiscord } from "../src/index.js";
import { isRecord, stringField } from "../src/isRecord.js";
import { DiscordSpec } from "../src/spec/DiscordSpec.js";

describe("LocalDiscord: its responses by Discord's OpenAPI spec", () => {
  const spec = DiscordSpec.load();
  let discord: LocalDiscord;
  let guild: CreatedGuild;
  let channel: CreatedChannel;

  beforeAll(async () => {
    discord = await LocalDiscord.start({ rateLimits: false, interactionTimeoutMs: 5000 });
    guild = discord.createGuild({ name: "Serial" });
    // Denied something, the bot has a member overwrite in the channel's permission_overwrites.
    channel = discord.createChannel(guild.id, { name: "reading", denyBot: ["MentionEveryone"] });
  });
  afterAll(() => discord.close());

  /** Sends a request as the bot does, and returns the status and JSON it got. */
  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${discord.apiUrl}/v10${path}`, {
      method,
      headers: {
        Authorization: `Bot ${discord.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text === "" ? undefined : JSON.parse(text) };
  }

  /** Sends a request and checks its answer by the spec's schema for that operation and status. */
  async function expectValid(method: string, path: string, status: number, body?: unknown) {
    const answer = await call(method, path, body);
    const [route = ""] = path.split("?");
    const what = `${method} ${route}`;
    expect(answer.status, `${what}: ${JSON.stringify(answer.json)}`).toBe(status);
    const segments = route.split("/").filter((segment) => segment !== "");
    const check = spec.checkResponse(method, segments, status, answer.json);
    expect(check.hasSchema, `${what}: the spec has a schema for ${status}`).toBe(true);
    const problems = check.problems.map(
      (problem) => `/${problem.path.join("/")} ${problem.message}`,
    );
    expect(problems, `${what} (${check.operation})`).toEqual([]);
    return answer.json;
  }

  it("answers the bot's usual requests as the spec describes them", async () => {
    await expectValid("GET", "/gateway/bot", 200);
    await expectValid("GET", "/users/@me", 200);
    await expectValid("GET", "/applications/@me", 200);
    await expectValid("GET", `/guilds/${guild.id}?with_counts=true`, 200);
    await expectValid("GET", `/guilds/${guild.id}/channels`, 200);
    await expectValid("GET", `/guilds/${guild.id}/roles`, 200);
    await expectValid("GET", `/guilds/${guild.id}/members/${guild.ownerId}`, 200);
    await expectValid("GET", `/channels/${channel.id}`, 200);
    const page = await expectValid("POST", `/channels/${channel.id}/messages`, 200, {
      content: `A page for <@${guild.ownerId}>`,
      embeds: [{ title: "Part 1", description: "It begins." }],
    });
    await expectValid("PATCH", `/channels/${channel.id}/messages/${page.id}`, 200, {
      content: "The page, edited",
    });
    const reacted = await call(
      "PUT",
      `/channels/${channel.id}/messages/${page.id}/reactions/❤️/@me`,
    );
    expect(reacted.status).toBe(204);
    await expectValid("GET", `/channels/${channel.id}/messages/${page.id}`, 200);
    await expectValid("GET", `/channels/${channel.id}/messages?limit=10`, 200);
    await expectValid("GET", `/channels/${channel.id}/messages/${page.id}/reactions/❤️`, 200);
    await expectValid("POST", `/channels/${channel.id}/messages/${page.id}/threads`, 201, {
      name: "Talk about part 1",
    });
    const dm = await expectValid("POST", "/users/@me/channels", 200, {
      recipient_id: guild.ownerId,
    });
    await expectValid("GET", `/channels/${dm.id}`, 200);
  });

  it("answers an interaction's callback and webhook as the spec describes them", async () => {
    const app = discord.application.id;
    await expectValid("PUT", `/applications/${app}/guilds/${guild.id}/commands`, 200, [
      { name: "read", description: "Read a page" },
    ]);
    const reader = discord.addMember(guild.id, { username: "ann" });
    const id = discord.dispatchCommand({ channelId: channel.id, userId: reader.id, name: "read" });
    const data = discord.dispatches.find(
      (record) => record.event === GatewayDispatchEvents.InteractionCreate,
    )?.data;
    const token = isRecord(data) ? stringField(data, "token") : undefined;
    expect(token, "the interaction's token").toBeDefined();
    await expectValid("POST", `/interactions/${id}/${token}/callback?with_response=true`, 200, {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: "Page 1", flags: 64 },
    });
    await expectValid("GET", `/webhooks/${app}/${token}/messages/@original`, 200);
    await expectValid("PATCH", `/webhooks/${app}/${token}/messages/@original`, 200, {
      content: "Page 2",
    });
    await expectValid("POST", `/webhooks/${app}/${token}?wait=true`, 200, {
      content: "And more",
    });
  });

  it("finds what is wrong with an answer the spec does not describe", async () => {
    const { json: me } = await call("GET", "/users/@me");
    expect(spec.checkResponse("GET", ["users", "@me"], 200, me).problems).toEqual([]);
    const wrong = spec.checkResponse("GET", ["users", "@me"], 200, { ...me, username: 7 });
    expect(
      wrong.problems.map((problem) => `/${problem.path.join("/")} ${problem.message}`),
    ).toEqual(["/username must be string"]);
  });
});
