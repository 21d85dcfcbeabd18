import { EmbedBuilder } from "@discordjs/builders";
import { TimestampStyles, time } from "@discordjs/formatters";
import { DISCORD_LIMITS } from "../../core/discordLimits.js";
import { partLabel } from "../../core/partLabel.js";
import { readableParts } from "../../core/reading.js";
import type { ReplyMessage, Services } from "../types.js";
import { ACCENT } from "./style.js";

/** The author's view of the drops in a server: settings, next drop, last drop's result. */
export function serialStatus(services: Services, guildId: string, now: Date): ReplyMessage {
  const { book, store, drops } = services;
  const storyId = book.story.meta.id;
  const settings = drops.settingsFor(guildId);
  const [next] = drops.nextDrops(guildId, now, 1);
  const scheduleProblem = drops.scheduleProblem(guildId);
  const released = store.releases.releasedIds(guildId, storyId);
  const scenes = book.parts.filter(({ part }) => part.kind === "scene");
  const last = store.drops.latest(guildId, storyId);
  const lastPart = last === undefined ? undefined : book.part(last.partId)?.part;
  let lastDrop = "None yet.";
  if (last !== undefined) {
    const name = lastPart === undefined ? last.partId : partLabel(lastPart);
    if (last.state === "posted")
      lastDrop = `${name}: posted ${time(last.postedAt ?? last.updatedAt, TimestampStyles.RelativeTime)} (${last.pages} messages).`;
    else if (last.state === "abandoned")
      lastDrop = `${name}: **given up** (${last.messageIds.length} of ${last.pages} messages posted): ${last.lastError ?? "abandoned"}.`;
    else
      lastDrop = `${name}: **not finished** (${last.messageIds.length} of ${last.pages} messages posted, ${last.attempts} failed ${last.attempts === 1 ? "try" : "tries"}).${last.lastError === undefined ? "" : ` Last error: ${last.lastError}.`}${last.blocked ? " The schedule waits for you: fix it, then /serial drop-now (or /serial skip-drop to give it up)." : ""}`;
  }
  let nextDrop = "No schedule: set one with /serial schedule.";
  if (scenes.every(({ part }) => released.has(part.id))) nextDrop = "Every part is out.";
  else if (settings.paused) nextDrop = "Paused: /serial resume starts the schedule again.";
  else if (scheduleProblem !== undefined)
    nextDrop = `None: ${scheduleProblem}. Set a new one with /serial schedule.`;
  else if (next !== undefined)
    nextDrop = `${time(next, TimestampStyles.FullDateShortTime)} (${time(next, TimestampStyles.RelativeTime)})`;
  const embed = new EmbedBuilder()
    .setColor(ACCENT)
    .setTitle(`${book.story.meta.title}: drops`)
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
      {
        name: "Released",
        value: `${scenes.filter(({ part }) => released.has(part.id)).length} of ${scenes.length} parts`,
        inline: true,
      },
      { name: "Next drop", value: nextDrop.slice(0, FIELD_LIMIT) },
      { name: "Last drop", value: lastDrop.slice(0, FIELD_LIMIT) },
      ...vanishedField(services, released),
      { name: "Readers (authors not counted)", value: readersField(services, guildId, released) },
      { name: "Reactions (authors not counted)", value: reactionsField(services, guildId) },
    );
  return { embeds: [embed.toJSON()] };
}

const FIELD_LIMIT = DISCORD_LIMITS.fieldValue;

/** Released parts that are no longer in the story (renamed or removed), when there are any. */
function vanishedField(services: Services, released: ReadonlySet<string>) {
  const gone = [...released].filter((partId) => services.book.part(partId) === undefined);
  if (gone.length === 0) return [];
  return [
    {
      name: "Released, no longer in the story",
      value: fitField(gone.map((partId) => `\`${partId}\``)),
    },
  ];
}

/** Per readable part, how many members started and finished it: the latest parts that fit. */
function readersField(services: Services, guildId: string, released: ReadonlySet<string>): string {
  const { book, store, authorIds } = services;
  const counts = new Map(
    store.reads.readers(guildId, book.story.meta.id, authorIds).map((row) => [row.partId, row]),
  );
  const lines = readableParts(book, released).map(({ part }) => {
    const row = counts.get(part.id);
    return `${partLabel(part)}: ${row?.started ?? 0} started, ${row?.finished ?? 0} finished`;
  });
  return fitField(lines);
}

/** The last lines that fit in one embed field, in order. */
function fitField(lines: readonly string[]): string {
  const shown: string[] = [];
  for (const line of [...lines].reverse()) {
    if ([line, ...shown].join("\n").length > FIELD_LIMIT) break;
    shown.unshift(line);
  }
  return shown.join("\n");
}

/** Per part, how many readers reacted with each emoji (authors left out). */
function reactionsField(services: Services, guildId: string): string {
  const { book, store, authorIds } = services;
  const byPart = new Map<string, string[]>();
  for (const row of store.reactions.tallies(guildId, book.story.meta.id, authorIds)) {
    byPart.set(row.partId, [...(byPart.get(row.partId) ?? []), `${row.emoji} ${row.readers}`]);
  }
  const lines = book.parts.flatMap(({ part }) => {
    const counts = byPart.get(part.id);
    return counts === undefined ? [] : [`${partLabel(part)}: ${counts.join(" · ")}`];
  });
  return lines.length === 0 ? "None yet." : fitField(lines);
}
