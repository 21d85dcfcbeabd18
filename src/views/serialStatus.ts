import { EmbedBuilder } from "@discordjs/builders";
import { TimestampStyles, time } from "@discordjs/formatters";
import { DISCORD_LIMITS } from "../core/discordLimits.js";
import type { Drop } from "../core/drop.js";
import type { ReplyMessage } from "./ReplyMessage.js";
import type { StoryLine } from "./serialOverview.js";
import { ACCENT } from "./style.js";

/** What the authors' view of a story's drops in a server shows: its line, and the details. */
export interface SerialStatus extends StoryLine {
  /** Why the stored schedule cannot be used, if it cannot. */
  readonly scheduleProblem: string | undefined;
  readonly last: { readonly drop: Drop; readonly label: string } | undefined;
  /** Released parts no longer in the story (renamed or removed). */
  readonly vanished: readonly string[];
  /** Per readable part, how many members started and finished it (authors not counted). */
  readonly readers: readonly { label: string; started: number; finished: number }[];
  /** Per part with reactions, each emoji with its readers, as "❤️ 2". */
  readonly reactions: readonly { label: string; counts: readonly string[] }[];
}

/** The author's view of the drops in a server: settings, next drop, last drop's result. */
export function serialStatus(status: SerialStatus): ReplyMessage {
  const { settings, next, scheduleProblem, last } = status;
  let lastDrop = "None yet.";
  if (last !== undefined) {
    const { drop, label: name } = last;
    if (drop.state === "posted")
      lastDrop = `${name}: posted ${time(drop.postedAt ?? drop.updatedAt, TimestampStyles.RelativeTime)} (${drop.pages} messages).`;
    else if (drop.state === "abandoned")
      lastDrop = `${name}: **given up** (${drop.messageIds.length} of ${drop.pages} messages posted): ${drop.lastError ?? "abandoned"}.`;
    else
      lastDrop = `${name}: **not finished** (${drop.messageIds.length} of ${drop.pages} messages posted, ${drop.attempts} failed ${drop.attempts === 1 ? "try" : "tries"}).${drop.lastError === undefined ? "" : ` Last error: ${drop.lastError}.`}${drop.blocked ? " The schedule waits for you: fix it, then /serial drop-now (or /serial skip-drop to give it up)." : ""}`;
  }
  let nextDrop = "No schedule: set one with /serial schedule.";
  if (status.released === status.scenes) nextDrop = "Every part is out.";
  else if (settings.paused) nextDrop = "Paused: /serial resume starts the schedule again.";
  else if (scheduleProblem !== undefined)
    nextDrop = `None: ${scheduleProblem}. Set a new one with /serial schedule.`;
  else if (next !== undefined)
    nextDrop = `${time(next, TimestampStyles.FullDateShortTime)} (${time(next, TimestampStyles.RelativeTime)})`;
  const readers = status.readers.map(
    ({ label, started, finished }) => `${label}: ${started} started, ${finished} finished`,
  );
  const reactions = status.reactions.map(({ label, counts }) => `${label}: ${counts.join(" · ")}`);
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setTitle(`${status.title}: drops`)
    .addFields(
      {
        name: "Reading channel",
        value:
          settings.channelId === undefined
            ? "Not set: use /serial channel."
            : `<#${settings.channelId}>`,
        inline: true,
      },
      {
        name: "Schedule",
        value:
          settings.schedule === undefined
            ? "None"
            : `\`${settings.schedule}\` (${settings.timezone})`,
        inline: true,
      },
      { name: "Released", value: `${status.released} of ${status.scenes} parts`, inline: true },
      { name: "Next drop", value: nextDrop.slice(0, FIELD_LIMIT) },
      { name: "Last drop", value: lastDrop.slice(0, FIELD_LIMIT) },
      ...(status.vanished.length === 0
        ? []
        : [
            {
              name: "Released, no longer in the story",
              value: fitField(status.vanished.map((partId) => `\`${partId}\``)),
            },
          ]),
      { name: "Readers (authors not counted)", value: fitField(readers) },
      {
        name: "Reactions (authors not counted)",
        value: reactions.length === 0 ? "None yet." : fitField(reactions),
      },
    );
  return { embeds: [embed.toJSON()] };
}

const FIELD_LIMIT = DISCORD_LIMITS.fieldValue;

/** The last lines that fit in one embed field, in order. */
function fitField(lines: readonly string[]): string {
  const shown: string[] = [];
  for (const line of [...lines].reverse()) {
    if ([line, ...shown].join("\n").length > FIELD_LIMIT) break;
    shown.unshift(line);
  }
  return shown.join("\n");
}
