import { TimestampStyles, time } from "@discordjs/formatters";
import type { Book } from "../core/Book.js";
import { isTimeZone } from "../core/isTimeZone.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import { UserError } from "../core/UserError.js";
import type { SettingsChange } from "../store/StorySettingsRepository.js";
import { formatDuration } from "../views/formatDuration.js";
import type { SubcommandHandlers } from "./runSubcommand.js";
import { say } from "./say.js";
import type { serialData } from "./serialData.js";
import { storyFor } from "./servedStory.js";
import type { MemberContext, Services } from "./types.js";

const listTimes = (times: readonly Date[]) =>
  times
    .map(
      (date) =>
        `- ${time(date, TimestampStyles.FullDateShortTime)} (${time(date, TimestampStyles.RelativeTime)})`,
    )
    .join("\n");

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

/** Changes some of a story's settings in the server the command came from, keeping the rest. */
function change(
  services: Services,
  context: MemberContext,
  book: Book,
  settings: SettingsChange,
): void {
  services.store.settings.update(context.guildId, book.story.meta.id, settings, context.now);
}

/** `/serial` for a story's settings in a server: channel, schedule, pause, ping role, threads, revisions. */
export const serialSettingHandlers: Pick<
  SubcommandHandlers<typeof serialData>,
  "channel" | "schedule" | "pause" | "resume" | "ping-role" | "threads" | "revisions"
> = {
  async channel(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    const channelId = context.options.channel;
    const problem = await drops.channelProblem(context.guildId, channelId);
    if (problem !== undefined)
      throw new UserError(
        `${problem} Pick another channel, or fix the channel's permissions and try again.`,
      );
    change(services, context, book, { channelId });
    const { waiting, retried } = drops.useChannel(context.guildId, channelId, context.now);
    const chosen = `New parts will be posted in <#${channelId}>.`;
    if (waiting === undefined) return say(chosen);
    return say(
      retried
        ? `${chosen} The part that could not be posted goes out at the next drop time, or now with /serial drop-now.`
        : `${chosen} The part that could not be posted has already begun in <#${waiting.channelId}>, and a part is never split across channels: fix that channel, then /serial drop-now (or give it up with /serial skip-drop).`,
    );
  },

  schedule(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    const cron = context.options.cron.trim();
    const timezone = (
      context.options.timezone ?? drops.settingsFor(context.guildId).timezone
    ).trim();
    if (!isTimeZone(timezone))
      throw new UserError(
        `"${timezone}" is not a time zone I know. Use an IANA name such as Europe/London or America/New_York.`,
      );
    const verdict = drops.checkSchedule(cron, timezone, context.now);
    if (verdict.kind !== "ok") throw new UserError(refusal(cron, verdict));
    change(services, context, book, { schedule: cron, timezone });
    drops.reschedule(context.guildId);
    const settings = drops.settingsFor(context.guildId);
    return say(
      `Drops now follow \`${cron}\` (${timezone}).${settings.paused ? " Drops are paused: /serial resume starts them." : ` The next three:\n${listTimes(verdict.runs)}`}`,
    );
  },

  pause(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    change(services, context, book, { paused: true });
    drops.reschedule(context.guildId);
    return say("Drops are paused. Nothing is posted until /serial resume.");
  },

  resume(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    change(services, context, book, { paused: false });
    drops.reschedule(context.guildId);
    const problem = drops.scheduleProblem(context.guildId);
    if (problem !== undefined)
      return say(`Drops are on again, but ${problem}: set a new one with /serial schedule.`);
    const times = drops.nextDrops(context.guildId, context.now, 3);
    return say(
      times.length === 0
        ? "Drops are on again, but no schedule is set: use /serial schedule."
        : `Drops are on again. The next three:\n${listTimes(times)}`,
    );
  },

  "ping-role"(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const pingRoleId = context.options.role;
    change(services, context, book, { pingRoleId });
    return say(
      pingRoleId === undefined
        ? "New parts will mention no role."
        : `New parts will mention <@&${pingRoleId}>. Make the role mentionable, or give me Mention All Roles, so the mention pings.`,
    );
  },

  threads(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const threads = context.options.on;
    change(services, context, book, { threads });
    return say(
      threads
        ? "Each new part will open a discussion thread on its last message."
        : "New parts will open no thread.",
    );
  },

  revisions(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const revisions = context.options.mode;
    change(services, context, book, { revisions });
    const fits =
      "A part already posted that is edited is edited in place in the channel when its pages still fit its messages.";
    const otherwise = {
      note: "Otherwise a short note under it says it was revised.",
      repost: "Otherwise the whole part is posted again.",
      leave: "Otherwise the channel keeps it as it was posted.",
    } as const;
    return say(
      `${fits} ${otherwise[revisions]} Readers reading privately always get the current text.`,
    );
  },
};
