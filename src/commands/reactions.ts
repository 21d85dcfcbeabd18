import { TimestampStyles, time } from "@discordjs/formatters";
import { ApplicationCommandOptionType as OptionType, PermissionFlagsBits } from "discord.js";
import { reactionCsv } from "../core/reactionCsv.js";
import { type ReactionReport, reactionReport } from "../core/reactionReport.js";
import { findPart, readableParts } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { reactionsEmbed } from "../views/reactionsEmbed.js";
import { guildCommand } from "./guildCommand.js";
import { partChoices } from "./partChoices.js";
import {
  askedBooks,
  carriedBooks,
  type ServedStory,
  STORY_OPTION,
  storyChoices,
  storyFor,
  storyOption,
} from "./servedStory.js";
import type { ChatCommand, MemberContext, Services } from "./types.js";

const CHART = "reactions.png";

/** The chart module and its canvas library load on the first /reactions, not at start-up. */
const loadChart = () => import("../views/reactionChart.js");

/**
 * The figures for the parts readers can reach in this server (or the one asked for), without the
 * authors' own reading and reactions.
 */
function reportFor(
  services: Services,
  context: MemberContext,
  { book }: ServedStory,
  asked: string | undefined,
): ReactionReport {
  const { store, authorIds } = services;
  const storyId = book.story.meta.id;
  const readable = readableParts(book, store.releases.releasedIds(context.guildId, storyId));
  let shown = readable;
  if (asked !== undefined) {
    const part = findPart(readable, asked);
    if (part === undefined)
      throw new UserError(
        `There is no part "${asked}" out in this server. Pick one from the list as you type.`,
      );
    shown = [part];
  }
  const { guildId } = context;
  return reactionReport(
    book,
    shown.map(({ part }) => part.id),
    store.reads.readers(guildId, storyId, authorIds),
    store.reads.carryOn(guildId, storyId, authorIds),
    store.reactions.tallies(guildId, storyId, authorIds),
    store.readingReactions.earlyTallies(guildId, storyId, authorIds),
  );
}

const data = guildCommand({
  name: "reactions",
  description: "How each part landed: readers and reactions (authors only)",
  permissions: PermissionFlagsBits.ManageGuild,
  options: [
    {
      type: OptionType.Subcommand,
      name: "show",
      description: "Readers who started and finished each part, and their reactions, charted",
      options: [
        {
          type: OptionType.String,
          name: "part",
          description: "Only this part",
          autocomplete: true,
          max_length: 100,
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "export",
      description: "The same figures for every part out, as a CSV file",
      options: [storyOption],
    },
  ],
});

/** `/reactions show` and `/reactions export`: how each part landed, for the authors. */
export const reactions = {
  data,
  access: "author",

  async execute(services, context) {
    const served = storyFor(services, context.guildId, context.options.story);
    if (context.subcommand === "export") {
      const report = reportFor(services, context, served, undefined);
      const name = `${served.book.story.meta.id}-reactions.csv`;
      return {
        mode: "reply",
        message: {
          content: `Readers and reactions per part in this server, as of ${time(context.now, TimestampStyles.FullDateShortTime)}. The reading and reactions of the authors in AUTHOR_IDS are left out.`,
          files: [{ name, data: Buffer.from(reactionCsv(report), "utf8") }],
        },
      };
    }
    const report = reportFor(services, context, served, context.options.part);
    const { reactionChart } = await loadChart();
    return {
      mode: "reply",
      message: {
        embeds: [reactionsEmbed(report, CHART).toJSON()],
        files: [{ name: CHART, data: reactionChart(report) }],
      },
    };
  },

  autocomplete(services, context, focused) {
    const carried = carriedBooks(services, context.guildId);
    if (focused.option === STORY_OPTION) return storyChoices(carried, focused.typed);
    return partChoices(
      askedBooks(carried, focused).flatMap((book) =>
        readableParts(
          book,
          services.store.releases.releasedIds(context.guildId, book.story.meta.id),
        ),
      ),
      focused.typed,
    );
  },
} satisfies ChatCommand<typeof data>;
