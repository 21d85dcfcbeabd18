import { EventEmitter, once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  GatewayIntentBits,
  type Interaction,
  InteractionResponseType,
  MessageFlags,
  ModalBuilder,
  Partials,
  Routes,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from "discord.js";
import type { LocalDiscord } from "../src/LocalDiscord.js";

/** The slash commands of the test bot. */
export const TEST_COMMANDS = [
  new SlashCommandBuilder()
    .setName("story")
    .setDescription("Read the story")
    .addSubcommand((sub) =>
      sub
        .setName("read")
        .setDescription("Read a page")
        .addIntegerOption((option) =>
          option.setName("page").setDescription("Page").setRequired(true).setMinValue(1),
        )
        .addStringOption((option) =>
          option.setName("title").setDescription("Which story").setAutocomplete(true),
        ),
    )
    .addSubcommand((sub) => sub.setName("slow").setDescription("A deferred answer"))
    .addSubcommand((sub) => sub.setName("secret").setDescription("An ephemeral answer"))
    .addSubcommand((sub) => sub.setName("late").setDescription("Answers too late"))
    .addSubcommand((sub) => sub.setName("twice").setDescription("Answers twice"))
    .addSubcommand((sub) => sub.setName("long").setDescription("Posts a message that is too long"))
    .addSubcommand((sub) => sub.setName("post").setDescription("Posts with a nonce, twice"))
    .addSubcommand((sub) => sub.setName("feedback").setDescription("Asks for feedback in a modal"))
    .addSubcommand((sub) => sub.setName("more").setDescription("Replies, then follows up"))
    .addSubcommand((sub) => sub.setName("pick").setDescription("Offers a select menu")),
].map((command) => command.toJSON());

const TITLES = ["Dracula", "Dream Story", "Frankenstein"];

export interface TestBot {
  readonly client: Client<true>;
  /** Errors discord.js threw at the bot's calls, in order. */
  readonly apiErrors: DiscordAPIError[];
  /** Resolves with the n-th (0-based) API error the bot got, now or when it comes. */
  apiError(index?: number): Promise<DiscordAPIError>;
  /** How long login took until clientReady, in ms. */
  stop(): Promise<void>;
}

export interface TestBotOptions {
  readonly intents?: readonly GatewayIntentBits[];
  readonly shards?: readonly number[];
  readonly shardCount?: number;
  /** How long /story late waits before replying. */
  readonly lateMs?: number;
}

/** A tiny bot built on the real discord.js Client, connected to the local Discord. */
export async function startTestBot(
  discord: LocalDiscord,
  options: TestBotOptions = {},
): Promise<TestBot> {
  const client = new Client({
    intents: options.intents ?? [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    partials: [Partials.Message, Partials.Reaction, Partials.Channel, Partials.User],
    rest: { api: discord.apiUrl },
    ...(options.shards === undefined
      ? {}
      : { shards: [...options.shards], shardCount: options.shardCount ?? 1 }),
  });
  const apiErrors: DiscordAPIError[] = [];
  const errorEvents = new EventEmitter();
  const capture = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      if (error instanceof DiscordAPIError) {
        apiErrors.push(error);
        errorEvents.emit("error-added");
        return;
      }
      throw error;
    }
  };
  const apiError = async (index = 0): Promise<DiscordAPIError> => {
    while (apiErrors[index] === undefined) {
      await once(errorEvents, "error-added", { signal: AbortSignal.timeout(5000) });
    }
    return apiErrors[index];
  };
  client.on("interactionCreate", (interaction) => {
    void capture(() => handle(interaction, options.lateMs ?? 0, capture));
  });
  const ready = new Promise<Client<true>>((resolve) => client.once("clientReady", resolve));
  await client.login(discord.token);
  const readyClient = await ready;
  return {
    client: readyClient,
    apiErrors,
    apiError,
    stop: () => client.destroy(),
  };
}

function pageMessage(page: number) {
  return {
    embeds: [
      new EmbedBuilder().setTitle(`Page ${page}`).setDescription(`The text of page ${page}.`),
    ],
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(`next:${page}`)
          .setLabel("Next")
          .setStyle(ButtonStyle.Primary),
        new ButtonBuilder()
          .setCustomId(`later:${page}`)
          .setLabel("Next (deferred)")
          .setStyle(ButtonStyle.Secondary),
      ),
    ],
  };
}

async function handle(
  interaction: Interaction,
  lateMs: number,
  capture: (action: () => Promise<unknown>) => Promise<void>,
): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused().toLowerCase();
    await interaction.respond(
      TITLES.filter((title) => title.toLowerCase().startsWith(typed)).map((title) => ({
        name: title,
        value: title,
      })),
    );
    return;
  }
  if (interaction.isModalSubmit()) {
    await interaction.reply(`Thanks: ${interaction.fields.getTextInputValue("text")}`);
    return;
  }
  if (interaction.isStringSelectMenu()) {
    await interaction.update({
      content: `Picked ${interaction.values.join(", ")}`,
      components: [],
    });
    return;
  }
  if (interaction.isButton()) {
    const [action, page] = interaction.customId.split(":");
    const next = Number(page) + 1;
    if (action === "next") {
      await interaction.update(pageMessage(next));
    } else {
      await interaction.deferUpdate();
      await interaction.editReply(pageMessage(next));
    }
    return;
  }
  if (!interaction.isChatInputCommand()) {
    return;
  }
  switch (interaction.options.getSubcommand()) {
    case "read": {
      const response = await interaction.reply({
        ...pageMessage(interaction.options.getInteger("page", true)),
        withResponse: true,
      });
      if (response.resource?.message?.embeds[0]?.title === undefined) {
        throw new Error("with_response=true should return the reply");
      }
      return;
    }
    case "feedback":
      await interaction.showModal(
        new ModalBuilder()
          .setCustomId("feedback")
          .setTitle("Feedback")
          .addComponents(
            new ActionRowBuilder<TextInputBuilder>().addComponents(
              new TextInputBuilder()
                .setCustomId("text")
                .setLabel("Your words")
                .setStyle(TextInputStyle.Paragraph),
            ),
          ),
      );
      return;
    case "more":
      await interaction.deferReply();
      await interaction.followUp("Replaces the thinking message.");
      await interaction.followUp({ content: "Just for you.", flags: MessageFlags.Ephemeral });
      return;
    case "pick":
      await interaction.reply({
        content: "Pick a story",
        components: [
          new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
            new StringSelectMenuBuilder()
              .setCustomId("story")
              .addOptions(TITLES.map((title) => ({ label: title, value: title }))),
          ),
        ],
      });
      return;
    case "slow":
      await interaction.deferReply();
      await interaction.editReply({ content: "Done thinking." });
      return;
    case "secret":
      await interaction.reply({ content: "Only you can see this.", flags: MessageFlags.Ephemeral });
      return;
    case "late":
      await new Promise((resolve) => setTimeout(resolve, lateMs));
      await interaction.reply("Too late?");
      return;
    case "twice":
      await interaction.reply("Once.");
      // discord.js refuses a second reply itself, so go to the API as a second process would.
      await capture(() =>
        interaction.client.rest.post(
          Routes.interactionCallback(interaction.id, interaction.token),
          {
            body: {
              type: InteractionResponseType.ChannelMessageWithSource,
              data: { content: "Twice." },
            },
            auth: false,
          },
        ),
      );
      return;
    case "long":
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await capture(async () => {
        if (interaction.channel?.isSendable()) {
          await interaction.channel.send("x".repeat(2001));
        }
      });
      await interaction.editReply("Tried.");
      return;
    case "post": {
      await interaction.reply("Posting.");
      const channel = interaction.channel;
      if (channel?.isSendable()) {
        await channel.send({ content: "Chapter 1", nonce: "chapter-1", enforceNonce: true });
        await channel.send({ content: "Chapter 1", nonce: "chapter-1", enforceNonce: true });
      }
      return;
    }
  }
}
