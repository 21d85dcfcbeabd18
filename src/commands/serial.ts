import { TimestampStyles, time } from "@discordjs/formatters";
import {
  ChannelType,
  ApplicationCommandOptionType as OptionType,
  PermissionFlagsBits,
} from "discord.js";
import type { DropAttempt } from "../core/drop.js";
import { isTimeZone } from "../core/isTimeZone.js";
import { partLabel } from "../core/partLabel.js";
import { nextUnreleased } from "../core/reading.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import { UserError } from "../core/UserError.js";
import { formatDuration } from "../views/formatDuration.js";
import type { Reply } from "../views/ReplyMessage.js";
import { serialStatus } from "../views/serialStatus.js";
import { guildCommand } from "./guildCommand.js";
import { runSubcommand, type SubcommandHandlers } from "./runSubcommand.js";
import { serialStatusOf } from "./serialStatusOf.js";
import type { ChatCommand, Services } from "./types.js";

const say = (content: string): Reply => ({ mode: "reply", message: { content } });

const listTimes = (times: readonly Date[]) =>
  times
    .map(
      (date) =>
        `- ${time(date, TimestampStyles.FullDateShortTime)} (${time(date, TimestampStyles.RelativeTime)})`,
    )
    .join("\n");

function describeAttempt(services: Services, attempt: DropAttempt): string {
  if (attempt.drop === undefined) throw new UserError(`Nothing was dropped: ${attempt.error}.`);
  const part = services.book.part(attempt.drop.partId)?.part;
  const name = part === undefined ? attempt.drop.partId : partLabel(part);
  if (attempt.ok) {
    return `Dropped **${name}** in <#${attempt.drop.channelId}> (${attempt.drop.pages} ${attempt.drop.pages === 1 ? "message" : "messages"}). Readers can now read it with /read.`;
  }
  return `**${name}** is not out yet: ${attempt.error}. It is kept (${attempt.drop.messageIds.length} of ${attempt.drop.pages} messages posted) and will be finished at the next drop, or with /serial drop-now.`;
}

const EXAMPLE = "e.g. `0 18 * * 5` for Fridays at 18:00";

/** Why /serial schedule refuses a schedule, in the words an author needs to pick another. */
function refusal(cron: string, verdict: Exclude<ScheduleVerdict, { kind: "ok" }>): string {
  switch (verdict.kind) {
    case "seconds":
      return `\`${cron}\` has six fields, the first for seconds: schedules here have five (minute hour day-of-month month day-of-week) and drops come at most every ${formatDuration(verdict.minIntervalMs)}, ${EXAMPLE}.`;
    case "invalid":
      return `"${cron}" ${verdict.problem}. Cron is minute hour day-of-month month day-of-week, ${EXAMPLE}.`;
    case "never":
      return `\`${cron}\` ${verdict.problem}. Nothing would ever be posted; pick another, ${EXAMPLE}.`;
    case "too-often":
      return `\`${cron}\` would post parts ${formatDuration(verdict.closest.gapMs)} apart, and drops must be at least ${formatDuration(verdict.minIntervalMs)} apart, so the story is not all out in a rush. Its next drops would be:\n${listTimes(verdict.runs)}\nPick a slower schedule, ${EXAMPLE}.`;
  }
}

const data = guildCommand({
  name: "serial",
  description: "Author controls for the serial",
  permissions: PermissionFlagsBits.ManageGuild,
  options: [
    {
      type: OptionType.Subcommand,
      name: "status",
      description: "Channel, schedule, next drop and the last drop's result",
    },
    {
      type: OptionType.Subcommand,
      name: "channel",
      description: "Set the channel where new parts are posted",
      options: [
        {
          type: OptionType.Channel,
          name: "channel",
          description: "The reading channel",
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "schedule",
      description: "Set when new parts are posted (cron)",
      options: [
        {
          type: OptionType.String,
          name: "cron",
          description: "e.g. 0 18 * * 5 for Fridays at 18:00",
          required: true,
          max_length: 100,
        },
        {
          type: OptionType.String,
          name: "timezone",
          description: "IANA time zone, e.g. Europe/London",
          max_length: 64,
        },
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "ping-role",
      description: "Mention a role on each new part (leave empty for none)",
      options: [{ type: OptionType.Role, name: "role", description: "The role to mention" }],
    },
    {
      type: OptionType.Subcommand,
      name: "threads",
      description: "Open a discussion thread for each new part",
      options: [
        { type: OptionType.Boolean, name: "on", description: "Open threads?", required: true },
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "pause",
      description: "Stop scheduled drops until resumed",
    },
    { type: OptionType.Subcommand, name: "resume", description: "Start scheduled drops again" },
    { type: OptionType.Subcommand, name: "drop-now", description: "Post the next part now" },
    {
      type: OptionType.Subcommand,
      name: "skip-drop",
      description: "Give up a drop that cannot be finished; its part is released unposted",
    },
    {
      type: OptionType.Subcommand,
      name: "release-next",
      description: "Release the next part to readers without posting it",
    },
  ],
});

const subcommands: SubcommandHandlers<typeof data> = {
  "release-next"(services, context) {
    const { book, store } = services;
    const storyId = book.story.meta.id;
    const next = nextUnreleased(book, store.releases.releasedIds(context.guildId, storyId));
    if (next === undefined) throw new UserError("Every part is already released.");
    store.releases.add(context.guildId, storyId, next.part.id, context.now);
    services.log.info(
      { guildId: context.guildId, userId: context.userId, partId: next.part.id },
      "part released",
    );
    return say(
      `Released **${partLabel(next.part)}** without posting it. Readers in this server can now read it with /read and /next.`,
    );
  },

  channel(services, context) {
    const channelId = context.options.channel;
    const problem = services.drops.channelProblem(context.guildId, channelId);
    if (problem !== undefined)
      throw new UserError(
        `${problem} Pick another channel, or fix the channel's permissions and try again.`,
      );
    services.store.settings.update(
      context.guildId,
      services.book.story.meta.id,
      { channelId },
      context.now,
    );
    const { waiting, retried } = services.drops.useChannel(context.guildId, channelId, context.now);
    const chosen = `New parts will be posted in <#${channelId}>.`;
    if (waiting === undefined) return say(chosen);
    return say(
      retried
        ? `${chosen} The part that could not be posted goes out at the next drop time, or now with /serial drop-now.`
        : `${chosen} The part that could not be posted has already begun in <#${waiting.channelId}>, and a part is never split across channels: fix that channel, then /serial drop-now (or give it up with /serial skip-drop).`,
    );
  },

  schedule(services, context) {
    const cron = context.options.cron.trim();
    const timezone = (
      context.options.timezone ?? services.drops.settingsFor(context.guildId).timezone
    ).trim();
    if (!isTimeZone(timezone))
      throw new UserError(
        `"${timezone}" is not a time zone I know. Use an IANA name such as Europe/London or America/New_York.`,
      );
    const verdict = services.drops.checkSchedule(cron, timezone, context.now);
    if (verdict.kind !== "ok") throw new UserError(refusal(cron, verdict));
    services.store.settings.update(
      context.guildId,
      services.book.story.meta.id,
      { schedule: cron, timezone },
      context.now,
    );
    services.drops.reschedule(context.guildId);
    const settings = services.drops.settingsFor(context.guildId);
    return say(
      `Drops now follow \`${cron}\` (${timezone}).${settings.paused ? " Drops are paused: /serial resume starts them." : ` The next three:\n${listTimes(verdict.runs)}`}`,
    );
  },

  pause(services, context) {
    services.store.settings.update(
      context.guildId,
      services.book.story.meta.id,
      { paused: true },
      context.now,
    );
    services.drops.reschedule(context.guildId);
    return say("Drops are paused. Nothing is posted until /serial resume.");
  },

  resume(services, context) {
    services.store.settings.update(
      context.guildId,
      services.book.story.meta.id,
      { paused: false },
      context.now,
    );
    services.drops.reschedule(context.guildId);
    const problem = services.drops.scheduleProblem(context.guildId);
    if (problem !== undefined)
      return say(`Drops are on again, but ${problem}: set a new one with /serial schedule.`);
    const times = services.drops.nextDrops(context.guildId, context.now, 3);
    return say(
      times.length === 0
        ? "Drops are on again, but no schedule is set: use /serial schedule."
        : `Drops are on again. The next three:\n${listTimes(times)}`,
    );
  },

  "ping-role"(services, context) {
    const pingRoleId = context.options.role;
    services.store.settings.update(
      context.guildId,
      services.book.story.meta.id,
      { pingRoleId },
      context.now,
    );
    return say(
      pingRoleId === undefined
        ? "New parts will mention no role."
        : `New parts will mention <@&${pingRoleId}>. Make the role mentionable, or give me Mention All Roles, so the mention pings.`,
    );
  },

  threads(services, context) {
    const threads = context.options.on;
    services.store.settings.update(
      context.guildId,
      services.book.story.meta.id,
      { threads },
      context.now,
    );
    return say(
      threads
        ? "Each new part will open a discussion thread on its last message."
        : "New parts will open no thread.",
    );
  },

  async "drop-now"(services, context) {
    const attempt = await services.drops.drop(context.guildId, "now");
    services.drops.reschedule(context.guildId);
    return say(describeAttempt(services, attempt));
  },

  async "skip-drop"(services, context) {
    const skipped = await services.drops.skip(context.guildId, context.now);
    if (skipped === undefined)
      throw new UserError("No drop is waiting to be finished, so there is nothing to skip.");
    services.log.info(
      {
        guildId: context.guildId,
        userId: context.userId,
        partId: skipped.partId,
        posted: skipped.messageIds.length,
      },
      "drop skipped by the authors",
    );
    const part = services.book.part(skipped.partId)?.part;
    const posted = `${skipped.messageIds.length} of ${skipped.pages} messages had been posted`;
    return say(
      part === undefined
        ? `Gave up the drop of "${skipped.partId}", which is no longer in the story (${posted}). The next drop posts the next part.`
        : `Skipped posting **${partLabel(part)}** (${posted}). It is released: readers can read it with /read. The next drop posts the next part.`,
    );
  },

  status(services, context) {
    const status = serialStatusOf(services, context.guildId, context.now);
    return { mode: "reply", message: serialStatus(status) };
  },
};

/** `/serial …`: the author's controls for releases and drops. */
export const serial = {
  data,
  access: "author",
  execute(services, context) {
    return runSubcommand(subcommands, context.subcommand, services, context);
  },
} satisfies ChatCommand<typeof data>;
