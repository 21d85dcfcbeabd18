import {
  type APIApplicationCommandBasicOption,
  type Client,
  ApplicationCommandOptionType as OptionType,
  Routes,
} from "discord.js";
import { LocalDiscord } from "local-discord";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guildCommand } from "../../src/commands/guildCommand.js";
import type { ChatCommand } from "../../src/commands/types.js";
import { dispatcherClient } from "../helpers/dispatcherClient.js";
import { messageOf } from "../helpers/harness.js";

const data = guildCommand({
  name: "toy",
  description: "toy",
  options: [
    {
      type: OptionType.Subcommand,
      name: "set",
      description: "set",
      options: [{ type: OptionType.Boolean, name: "on", description: "on", required: true }],
    },
    {
      type: OptionType.Subcommand,
      name: "pick",
      description: "pick",
      options: [{ type: OptionType.String, name: "part", description: "part", autocomplete: true }],
    },
  ],
});

/** /toy as a stale or forged registration has it: only `set`, with this one option. */
function registeredWithSet(option: APIApplicationCommandBasicOption) {
  return guildCommand({
    name: "toy",
    description: "toy",
    options: [{ type: OptionType.Subcommand, name: "set", description: "set", options: [option] }],
  });
}

/** /toy as an outdated registration (or a forged payload) has it: `on` takes text. */
const stale = registeredWithSet({
  type: OptionType.String,
  name: "on",
  description: "on",
  required: true,
});

/** /toy as a forged registration has it: `set`, open to members, autocompletes `part`. */
const forgedAutocomplete = registeredWithSet({
  type: OptionType.String,
  name: "part",
  description: "part",
  autocomplete: true,
});

/** What the handlers were asked to do, so that a refused interaction is seen to reach none. */
let handled: string[];

/** Any member may set; only the authors may pick, which offers choices as they type. */
const toy = {
  data,
  access: "member",
  subcommandAccess: { pick: "author" },
  execute(_services, context) {
    const done =
      context.subcommand === "set"
        ? `set ${String(context.options.on)}`
        : `picked ${context.options.part ?? "nothing"}`;
    handled.push(done);
    return { mode: "reply", message: { content: done } };
  },
  autocomplete() {
    handled.push("autocomplete");
    return [{ name: "Part 1", value: "new-york" }];
  },
} satisfies ChatCommand<typeof data>;

let discord: LocalDiscord;
let client: Client;
let channelId: string;
let member: string;
let manager: string;

beforeEach(async () => {
  handled = [];
  discord = await LocalDiscord.start();
  const guild = discord.createGuild({ name: "Test" });
  channelId = guild.systemChannelId;
  member = discord.addMember(guild.id, { username: "member", permissions: 0n }).id;
  manager = discord.addMember(guild.id, { username: "manager", permissions: 1n << 5n }).id;
  ({ client } = await dispatcherClient(discord, {
    commands: new Map([[toy.data.name, toy]]),
    buttons: new Map(),
  }));
});

afterEach(async () => {
  await client.destroy();
  expect(discord.unhandledRequests).toEqual([]);
  await discord.close();
});

describe("the dispatcher, with what a command declares", () => {
  it("refuses an option of the wrong type, as a forged or outdated registration sends it, before the handler runs", async () => {
    const set = await discord.runCommand({
      channelId,
      userId: member,
      name: "toy set",
      options: { on: true },
    });
    expect(messageOf(set).content).toBe("set true");
    await client.rest.put(Routes.applicationCommands(discord.application.id), { body: [stale] });
    const forged = await discord.runCommand({
      channelId,
      userId: member,
      name: "toy set",
      options: { on: "yes" },
    });
    expect(messageOf(forged).content).toMatch(
      /^The on option of \/toy set must be true or false\./,
    );
    expect(handled).toEqual(["set true"]);
  });

  it("holds back a subcommand for the authors from other members, in execute and autocomplete alike", async () => {
    const refused = await discord.runCommand({ channelId, userId: member, name: "toy pick" });
    expect(messageOf(refused).content).toBe(
      "Only the story's authors and members with Manage Server can do that.",
    );
    const offered = (userId: string) =>
      discord.autocomplete({
        channelId,
        userId,
        name: "toy pick",
        focused: "part",
        options: { part: "" },
      });
    expect(await offered(member)).toEqual([]);
    expect(handled).toEqual([]);
    expect(await offered(manager)).toEqual([{ name: "Part 1", value: "new-york" }]);
    const picked = await discord.runCommand({
      channelId,
      userId: manager,
      name: "toy pick",
      options: { part: "new-york" },
    });
    expect(messageOf(picked).content).toBe("picked new-york");
    expect(handled).toEqual(["autocomplete", "picked new-york"]);
  });

  it("offers no choices for an option the command's data does not autocomplete there, whoever asks", async () => {
    await client.rest.put(Routes.applicationCommands(discord.application.id), {
      body: [forgedAutocomplete],
    });
    const offered = await discord.autocomplete({
      channelId,
      userId: member,
      name: "toy set",
      focused: "part",
      options: { part: "" },
    });
    expect(offered).toEqual([]);
    expect(handled).toEqual([]);
  });
});
