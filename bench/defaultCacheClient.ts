/**
 * The memory benchmark's baseline: a discord.js Client with its default caches (no makeCache or
 * sweepers of its own) and the bot's intents and partials, which answers `/next` with a fixed page
 * and a Next press by turning to the same page again, so it gets the same interactions as the bot.
 * Prints a JSON line with "ready" once connected. Reads DISCORD_TOKEN and DISCORD_API_URL.
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  type InteractionUpdateOptions,
  MessageFlags,
  Partials,
} from "discord.js";

const token = process.env.DISCORD_TOKEN;
const api = process.env.DISCORD_API_URL;
if (token === undefined || api === undefined) {
  throw new Error("defaultCacheClient: set DISCORD_TOKEN and DISCORD_API_URL");
}

/** A page the size of one of the story's: an embed of about 3,000 characters and Back/Next. */
const page = {
  embeds: [
    new EmbedBuilder()
      .setTitle("Part 1 · New York")
      .setDescription("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(52))
      .setFooter({ text: "Page 1 of 2 · 10% of the story" }),
  ],
  components: [
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("back").setLabel("Back").setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId("next").setLabel("Next").setStyle(ButtonStyle.Primary),
    ),
  ],
} satisfies InteractionUpdateOptions;

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessageReactions],
  partials: [Partials.Message, Partials.Reaction, Partials.User],
  rest: { api },
});

/** Answers /next with the page, privately, and a button by showing the page in its place. */
async function answer(interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    await interaction.reply({ ...page, flags: MessageFlags.Ephemeral });
  } else if (interaction.isButton()) {
    await interaction.update(page);
  }
}

client.on(Events.InteractionCreate, (interaction) => {
  answer(interaction).catch((error: unknown) => console.error("baseline answer failed", error));
});

client.once(Events.ClientReady, async (ready) => {
  await ready.application.commands.set([{ name: "next", description: "Read the next page" }]);
  console.log(JSON.stringify({ msg: "ready", guilds: ready.guilds.cache.size }));
});

await client.login(token);
process.on("SIGTERM", () => {
  void client.destroy().then(() => process.exit(0));
});
