import { TimestampStyles, time } from "@discordjs/formatters";
import { PermissionFlagsBits } from "discord.js";
import { reactionCsv } from "../core/reactionCsv.js";
import { type ReactionReport, reactionReport } from "../core/reactionReport.js";
import { findPart, readableParts } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { reactionsEmbed } from "../views/reactionsEmbed.js";
import { guildCommand } from "./guildCommand.js";
import { assertAuthor } from "./isAuthor.js";
import { partChoices } from "./partChoices.js";
import type { ChatCommand, CommandContext, Services } from "./types.js";

const CHART = "reactions.png";

/** The chart module and its canvas library load on the first /reactions, not at start-up. */
const loadChart = () => import("../views/reactionChart.js");

/**
 * The figures for the parts readers can reach in this server (or one of them), without the
 * authors' own reading and reactions.
 */
function reportFor(services: Services, context: CommandContext): ReactionReport {
  const { book, store, authorIds } = services;
  const storyId = book.story.meta.id;
  const readable = readableParts(book, store.releases.releasedIds(context.guildId, storyId));
  const asked = context.options.get("part");
  let shown = readable;
  if (asked !== undefined) {
    const part = findPart(readable, String(asked));
    if (part === undefined)
      throw new UserError(
        `There is no part "${String(asked)}" out in this server. Pick one from the list as you type.`,
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
  );
}

/** `/reactions show` and `/reactions export`: how each part landed, for the authors. */
export const reactions = {
  data: guildCommand(
    "reactions",
    "How each part landed: readers and reactions (authors only)",
    PermissionFlagsBits.ManageGuild,
  )
    .addSubcommand((sub) =>
      sub
        .setName("show")
        .setDescription("Readers who started and finished each part, and their reactions, charted")
        .addStringOption((option) =>
          option
            .setName("part")
            .setDescription("Only this part")
            .setAutocomplete(true)
            .setMaxLength(100),
        ),
    )
    .addSubcommand((sub) =>
      sub.setName("export").setDescription("The same figures for every part out, as a CSV file"),
    )
    .toJSON(),

  async execute(services, context) {
    assertAuthor(services, context);
    const report = reportFor(services, context);
    if (context.subcommand === "export") {
      const name = `${services.book.story.meta.id}-reactions.csv`;
      return {
        mode: "reply",
        message: {
          content: `Readers and reactions per part in this server, as of ${time(context.now, TimestampStyles.FullDateShortTime)}. The reading and reactions of the authors in AUTHOR_IDS are left out.`,
          files: [{ name, data: Buffer.from(reactionCsv(report), "utf8") }],
        },
      };
    }
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
    if (!services.authorIds.has(context.userId) && !context.canManageGuild) return [];
    const released = services.store.releases.releasedIds(
      context.guildId,
      services.book.story.meta.id,
    );
    return partChoices(readableParts(services.book, released), focused);
  },
} satisfies ChatCommand;
