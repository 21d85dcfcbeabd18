import { afterEach, describe, expect, it } from "vitest";
import { LocalDiscord } from "../src/LocalDiscord.js";
import { takeSpecViolations } from "./failOnSpecViolations.js";

describe("LocalDiscord: Discord's OpenAPI spec", () => {
  const servers: LocalDiscord[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  async function post(path: string, body: unknown, checkSpec = true) {
    const discord = await LocalDiscord.start({ rateLimits: false, checkSpec });
    servers.push(discord);
    const guild = discord.createGuild({ name: "Serial" });
    const channel = discord.createChannel(guild.id, { name: "reading" });
    const response = await fetch(`${discord.apiUrl}/v10${path.replace(":channel", channel.id)}`, {
      method: "POST",
      headers: { Authorization: `Bot ${discord.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { discord, channel, status: response.status, json: await response.json() };
  }

  it("answers a body the spec rejects with 400 Invalid Form Body, naming the field", async () => {
    const { discord, channel, status, json } = await post("/channels/:channel/messages", {
      content: "A page",
      embeds: [{ title: 7 }],
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({
      code: 50035,
      errors: { embeds: { "0": { title: { _errors: [{ code: "SPEC_INVALID" }] } } } },
    });
    expect(discord.messages(channel.id)).toEqual([]);
    const violations = takeSpecViolations();
    expect(violations).toEqual([
      expect.objectContaining({ method: "POST", operation: "create_message" }),
    ]);
    expect(violations[0]?.problems).toEqual(["/embeds/0/title must be string,null"]);
    expect(discord.specViolations).toEqual(violations);
  });

  it("lets a body the spec accepts through to the route", async () => {
    const { status, json } = await post("/channels/:channel/messages", { content: "A page" });
    expect(status).toBe(200);
    expect(json).toMatchObject({ content: "A page" });
    expect(takeSpecViolations()).toEqual([]);
  });

  it("lets every body through to the route with the checks off, as the benchmarks run it", async () => {
    const { discord, channel, status } = await post(
      "/channels/:channel/messages",
      { content: "A page", tts: "loud" },
      false,
    );
    expect(status).toBe(200);
    expect(discord.messages(channel.id)).toHaveLength(1);
    expect(takeSpecViolations()).toEqual([]);
  });
});
