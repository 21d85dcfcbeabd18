import { TimestampStyles, time } from "@discordjs/formatters";
import {
  ChannelType,
  ApplicationCommandOptionType as OptionType,
  PermissionFlagsBits,
} from "discord.js";
import type { Book } from "../core/Book.js";
import type { DropAttempt } from "../core/drop.js";
import { isTimeZone } from "../core/isTimeZone.js";
import { partLabel } from "../core/partLabel.js";
import { nextUnreleased } from "../core/reading.js";
import type { ScheduleVerdict } from "../core/scheduleRules.js";
import { UserError } from "../core/UserError.js";
import { storyProblemsNotice } from "../story/storyProblemsNotice.js";
import { formatDuration } from "../views/formatDuration.js";
import type { Reply } from "../views/ReplyMessage.js";
import { serialOverview } from "../views/serialOverview.js";
import { serialStatus } from "../views/serialStatus.js";
import { guildCommand } from "./guildCommand.js";
import { runSubcommand, type SubcommandHandlers } from "./runSubcommand.js";
import { serialStatusOf } from "./serialStatusOf.js";
import {
  carriedBooks,
  findBook,
  serve,
  storyChoices,
  storyFor,
  storyOption,
} from "./servedStory.js";
import type { ChatCommand } from "./types.js";

const say = (content: string): Reply => ({ mode: "reply", message: { content } });

const listTimes = (times: readonly Date[]) =>
  times
    .map(
      (date) =>
        `- ${time(date, TimestampStyles.FullDateShortTime)} (${time(date, TimestampStyles.RelativeTime)})`,
    )
    .join("\n");

function describeAttempt(book: Book, attempt: DropAttempt): string {
  if (attempt.drop === undefined) throw new UserError(`Nothing was dropped: ${attempt.error}.`);
  const part = book.part(attempt.drop.partId)?.part;
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
      options: [storyOption],
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
        storyOption,
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
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "ping-role",
      description: "Mention a role on each new part (leave empty for none)",
      options: [
        { type: OptionType.Role, name: "role", description: "The role to mention" },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "threads",
      description: "Open a discussion thread for each new part",
      options: [
        { type: OptionType.Boolean, name: "on", description: "Open threads?", required: true },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "pause",
      description: "Stop scheduled drops until resumed",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "resume",
      description: "Start scheduled drops again",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "drop-now",
      description: "Post the next part now",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "skip-drop",
      description: "Give up a drop that cannot be finished; its part is released unposted",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "release-next",
      description: "Release the next part to readers without posting it",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "early-access",
      description: "Let a role read the next parts privately before their public drop",
      options: [
        {
          type: OptionType.Role,
          name: "role",
          description: "e.g. your patrons' role",
          required: true,
        },
        {
          type: OptionType.Integer,
          name: "parts",
          description: "How many of the next parts it may read early (0 ends its early access)",
          required: true,
          min_value: 0,
          max_value: 50,
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "revisions",
      description:
        "What to do in the channel when a part already posted is edited and no longer fits",
      options: [
        {
          type: OptionType.String,
          name: "mode",
          description: "A short note under it, the whole part posted again, or nothing",
          required: true,
          choices: [
            { name: "note", value: "note" },
            { name: "repost", value: "repost" },
            { name: "leave", value: "leave" },
          ],
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "reload",
      description: "Read the story folder again now (it is also watched for changes)",
    },
    {
      type: OptionType.Subcommand,
      name: "carry",
      description: "Choose whether this server carries a story (every story is carried at first)",
      options: [
        { ...storyOption, required: true, description: "The story" },
        {
          type: OptionType.Boolean,
          name: "on",
          description: "Carry it here? Off hides it from readers and stops its drops",
          required: true,
        },
      ],
    },
  ],
});

const subcommands: SubcommandHandlers<typeof data> = {
  "release-next"(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const { store } = services;
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
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    const channelId = context.options.channel;
    const problem = drops.channelProblem(context.guildId, channelId);
    if (problem !== undefined)
      throw new UserError(
        `${problem} Pick another channel, or fix the channel's permissions and try again.`,
      );
    services.store.settings.update(context.guildId, book.story.meta.id, { channelId }, context.now);
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
    services.store.settings.update(
      context.guildId,
      book.story.meta.id,
      { schedule: cron, timezone },
      context.now,
    );
    drops.reschedule(context.guildId);
    const settings = drops.settingsFor(context.guildId);
    return say(
      `Drops now follow \`${cron}\` (${timezone}).${settings.paused ? " Drops are paused: /serial resume starts them." : ` The next three:\n${listTimes(verdict.runs)}`}`,
    );
  },

  pause(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    services.store.settings.update(
      context.guildId,
      book.story.meta.id,
      { paused: true },
      context.now,
    );
    drops.reschedule(context.guildId);
    return say("Drops are paused. Nothing is posted until /serial resume.");
  },

  resume(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    services.store.settings.update(
      context.guildId,
      book.story.meta.id,
      { paused: false },
      context.now,
    );
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
    services.store.settings.update(
      context.guildId,
      book.story.meta.id,
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
    const { book } = storyFor(services, context.guildId, context.options.story);
    const threads = context.options.on;
    services.store.settings.update(context.guildId, book.story.meta.id, { threads }, context.now);
    return say(
      threads
        ? "Each new part will open a discussion thread on its last message."
        : "New parts will open no thread.",
    );
  },

  async "drop-now"(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    const attempt = await drops.drop(context.guildId, "now");
    drops.reschedule(context.guildId);
    return say(describeAttempt(book, attempt));
  },

  async "skip-drop"(services, context) {
    const { book, drops } = storyFor(services, context.guildId, context.options.story);
    const skipped = await drops.skip(context.guildId, context.now);
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
    const part = book.part(skipped.partId)?.part;
    const posted = `${skipped.messageIds.length} of ${skipped.pages} messages had been posted`;
    return say(
      part === undefined
        ? `Gave up the drop of "${skipped.partId}", which is no longer in the story (${posted}). The next drop posts the next part.`
        : `Skipped posting **${partLabel(part)}** (${posted}). It is released: readers can read it with /read. The next drop posts the next part.`,
    );
  },

  status(services, context) {
    const problems = services.libraryProblems();
    const notice =
      problems.length === 0 ? undefined : storyProblemsNotice(services.storyDir, problems);
    const carried = carriedBooks(services, context.guildId);
    if (context.options.story === undefined && carried.length > 1) {
      const overview = serialOverview(
        carried.map((book) =>
          serialStatusOf(services, serve(services, book), context.guildId, context.now),
        ),
      );
      return say(notice === undefined ? overview : `${notice}\n\n${overview}`.slice(0, 2000));
    }
    const served = storyFor(services, context.guildId, context.options.story);
    const status = serialStatusOf(services, served, context.guildId, context.now);
    return { mode: "reply", message: { ...serialStatus(status), content: notice } };
  },

  "early-access"(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const { role, parts } = context.options;
    const { id, title } = book.story.meta;
    const { earlyAccess } = services.store;
    services.log.info(
      { guildId: context.guildId, userId: context.userId, storyId: id, roleId: role, parts },
      "early access set",
    );
    if (parts === 0) {
      return say(
        earlyAccess.revoke(context.guildId, id, role)
          ? `<@&${role}> no longer reads **${title}** early. Its members keep their places; they read what is out, like everyone.`
          : `<@&${role}> had no early access to **${title}**.`,
      );
    }
    earlyAccess.grant(context.guildId, id, role, parts, context.now);
    return say(
      `Members with <@&${role}> can now read the next ${parts === 1 ? "part" : `${parts} parts`} of **${title}** privately with /read, before the public drop; each page says it is early access. Drops and their order are unchanged.`,
    );
  },

  revisions(services, context) {
    const { book } = storyFor(services, context.guildId, context.options.story);
    const revisions = context.options.mode;
    services.store.settings.update(context.guildId, book.story.meta.id, { revisions }, context.now);
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

  async reload(services, context) {
    const outcome = await services.reload();
    services.log.info(
      { guildId: context.guildId, userId: context.userId, ok: outcome.ok },
      "story folder reload asked for",
    );
    if (!outcome.ok) return say(storyProblemsNotice(services.storyDir, outcome.problems));
    const books = outcome.library.books;
    const parts = books.reduce((sum, book) => sum + book.parts.length, 0);
    const warned =
      outcome.warnings.length === 0
        ? ""
        : ` ${outcome.warnings.length} ${outcome.warnings.length === 1 ? "warning" : "warnings"}: \`npm run preview\` shows them.`;
    return say(
      `Reloaded the story folder: ${books.length} ${books.length === 1 ? "story" : "stories"}, ${parts} parts. New scenes drop on schedule; edited text is what readers see from their next page.${warned}`,
    );
  },

  carry(services, context) {
    const book = findBook(services.library().books, context.options.story);
    if (book === undefined)
      throw new UserError(
        `There is no story called "${context.options.story}". Pick one from the list as you type.`,
      );
    const { id, title } = book.story.meta;
    const carried = context.options.on;
    services.store.carried.set(context.guildId, id, carried, context.now);
    services.drops(id).reschedule(context.guildId);
    services.log.info(
      { guildId: context.guildId, userId: context.userId, storyId: id, carried },
      "story carried",
    );
    return say(
      carried
        ? `This server carries **${title}** again: readers can read what is out, and its drops follow its schedule.`
        : `This server no longer carries **${title}**: readers no longer see it here and it drops nothing. Its readers' places, releases and figures are kept; /serial carry turns it back on.`,
    );
  },
};

/** `/serial …`: the author's controls for releases and drops. */
export const serial = {
  data,
  access: "author",
  execute(services, context) {
    return runSubcommand(subcommands, context.subcommand, services, context);
  },

  autocomplete(services, context, focused) {
    const books =
      context.canManageGuild || services.authorIds.has(context.userId)
        ? services.library().books
        : carriedBooks(services, context.guildId);
    return storyChoices(books, focused.typed);
  },
} satisfies ChatCommand<typeof data>;
