import { type Client, Routes } from "discord.js";
import { type CreatedGuild, LocalDiscord } from "local-discord";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ButtonHandler, ChatCommand } from "../../src/commands/types.js";
import { dispatcherClient, type LoggedLine } from "../helpers/dispatcherClient.js";
import { eventually } from "../helpers/eventually.js";
import { messageOf } from "../helpers/harness.js";

const NOT_SERVED = "I don't serve this server. Ask the bot's operator if you think I should.";

/** What the handlers were asked to do, so that a refused interaction is seen to reach none. */
let handled: string[];

const pick: ChatCommand = {
  data: {
    name: "pick",
    description: "pick",
    contexts: [0],
    options: [{ type: 3, name: "part", description: "part", autocomplete: true }],
  },
  access: "member",
  execute(_services, context) {
    handled.push(`execute ${context.guildId}`);
    return { mode: "reply", message: { content: `picked ${String(context.options.part)}` } };
  },
  autocomplete(_services, context) {
    handled.push(`autocomplete ${context.guildId}`);
    return [{ name: "Part 1", value: "new-york" }];
  },
};

const press: ButtonHandler = {
  prefix: "press",
  execute(_services, context) {
    handled.push(`button ${context.guildId}`);
    return { mode: "update", message: { content: "pressed" } };
  },
};

let discord: LocalDiscord;
let client: Client;
let served: CreatedGuild;
let stranger: CreatedGuild;
let refused: string[];
let logged: LoggedLine[];

beforeEach(async () => {
  discord = await LocalDiscord.start({ interactionTimeoutMs: 1000 });
  served = discord.createGuild({ name: "Served" });
  stranger = discord.createGuild({ name: "Stranger" });
  handled = [];
  refused = [];
  ({ client, logged } = await dispatcherClient(discord, {
    commands: new Map([[pick.data.name, pick]]),
    buttons: new Map([[press.prefix, press]]),
    serves: (guildId) => guildId === served.id,
    refuseStranger: (guildId) => refused.push(guildId),
  }));
});

afterEach(async () => {
  await client.destroy();
  expect(discord.unhandledRequests).toEqual([]);
  await discord.close();
});

/** The guild's owner: Manage Server there, so an author of the story if the server were served. */
const owner = (guild: CreatedGuild) => ({
  channelId: guild.systemChannelId,
  userId: guild.ownerId,
});

describe("the dispatcher and servers it does not serve", () => {
  it("refuses a stranger's command privately, runs no handler, and calls refuseStranger", async () => {
    const outcome = await discord.runCommand({
      ...owner(stranger),
      name: "pick",
      options: { part: "new-york" },
    });
    expect(outcome.type).toBe(4);
    expect("ephemeral" in outcome && outcome.ephemeral).toBe(true);
    expect(messageOf(outcome).content).toBe(NOT_SERVED);
    expect(messageOf(outcome).embeds).toEqual([]);
    expect(messageOf(outcome).components ?? []).toEqual([]);
    await eventually(() => refused.length === 1, "refuseStranger called");
    expect(refused).toEqual([stranger.id]);
    expect(handled).toEqual([]);
    expect(
      logged.filter((entry) => entry.msg === "interaction refused: the server is not served"),
    ).toEqual([expect.objectContaining({ level: 40, guildId: stranger.id })]);

    const answer = await discord.runCommand({
      ...owner(served),
      name: "pick",
      options: { part: "new-york" },
    });
    expect(messageOf(answer).content).toBe("picked new-york");
    expect(handled).toEqual([`execute ${served.id}`]);
    expect(refused).toEqual([stranger.id]);
  });

  it("answers a stranger's autocomplete with no choices, and refuses its buttons", async () => {
    const choices = await discord.autocomplete({
      ...owner(stranger),
      name: "pick",
      options: { part: "ne" },
      focused: "part",
    });
    expect(choices).toEqual([]);
    await eventually(() => refused.length === 1, "refuseStranger called");
    expect(refused).toEqual([stranger.id]);

    const posted = (await client.rest.post(Routes.channelMessages(stranger.systemChannelId), {
      body: {
        content: "start",
        components: [
          { type: 1, components: [{ type: 2, style: 1, label: "Press", custom_id: "press" }] },
        ],
      },
    })) as { id: string };
    const clicked = await discord.clickButton({
      userId: stranger.ownerId,
      message: posted.id,
      customId: "press",
    });
    expect(clicked.type).toBe(4);
    expect(messageOf(clicked).content).toBe(NOT_SERVED);
    expect(discord.message(posted.id)?.content).toBe("start");
    await eventually(() => refused.length === 2, "refuseStranger called again");
    expect(refused).toEqual([stranger.id, stranger.id]);
    expect(handled).toEqual([]);

    expect(
      await discord.autocomplete({
        ...owner(served),
        name: "pick",
        options: { part: "ne" },
        focused: "part",
      }),
    ).toEqual([{ name: "Part 1", value: "new-york" }]);
    expect(handled).toEqual([`autocomplete ${served.id}`]);
  });
});
