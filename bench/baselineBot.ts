import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  Options,
  Partials,
} from "discord.js";

/**
 * The interactions benchmark's baseline: a discord.js bot with the serial bot's intents and
 * partials, and caches like its own (no messages or reactions kept), that answers every slash command and button with the same private
 * page, and does nothing else. The page is shaped like the bot's (an embed with a page of text,
 * Back and Next buttons) and sent the same way (a reply to /next, an update of the message for a
 * button), so that both bots ask the same of discord.js and of the local Discord, and the
 * comparison measures what the serial bot does on top. Reads DISCORD_TOKEN and DISCORD_API_URL;
 * registers `/next` at start and prints "ready" once it can be used.
 */
const token = process.env.DISCORD_TOKEN;
const api = process.env.DISCORD_API_URL;
if (token === undefined || api === undefined) {
  throw new Error("baselineBot: set DISCORD_TOKEN and DISCORD_API_URL");
}

/** About the length of an average answer of the bot in the benchmark (pages and caught-up cards). */
const PAGE_TEXT = "A fixed page of the story, the same for every member and every turn. ".repeat(
  15,
);

const page: APIEmbed = {
  color: 0x8b5cf6,
  author: { name: "Baseline" },
  title: "A fixed page",
  description: PAGE_TEXT,
  footer: { text: "Page 1 of 1" },
};

const buttons: APIActionRowComponent<APIButtonComponentWithCustomId> = {
  type: ComponentType.ActionRow,
  components: [
    {
      type: ComponentType.Button,
      custom_id: "back",
      label: "Back",
      emoji: { name: "◀️" },
      style: ButtonStyle.Secondary,
    },
    {
      type: ComponentType.Button,
      custom_id: "next",
      label: "Next",
      emoji: { name: "▶️" },
      style: ButtonStyle.Primary,
    },
  ],
};

/** The page as discord.js takes API JSON to send as is (the serial bot's dispatcher does too). */
const message = {
  embeds: [{ toJSON: () => page }],
  components: [{ toJSON: () => buttons }],
};

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
  partials: [Partials.Message, Partials.Reaction, Partials.User],
  rest: { api },
  makeCache: Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    ReactionManager: 0,
  }),
});

/** Answers a slash command with the fixed page, a button by updating its message to it. */
async function answer(interaction: Interaction): Promise<void> {
  if (interaction.isButton()) await interaction.update(message);
  else if (interaction.isChatInputCommand()) {
    await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  }
}

client.on(Events.InteractionCreate, (interaction) => {
  answer(interaction).catch((error: unknown) => console.error("baseline answer failed", error));
});
client.once(Events.ClientReady, async (ready) => {
  await ready.application.commands.set([{ name: "next", description: "A fixed page" }]);
  console.log("ready");
});
process.once("SIGTERM", () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(token);
