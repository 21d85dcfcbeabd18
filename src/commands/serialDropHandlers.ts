import type { Book } from "../core/Book.js";
import type { DropAttempt } from "../core/drop.js";
import { partLabel } from "../core/partLabel.js";
import { nextUnreleased } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { storyProblemsNotice } from "../story/storyProblemsNotice.js";
import { clip } from "../views/clip.js";
import { serialOverview } from "../views/serialOverview.js";
import { serialStatus } from "../views/serialStatus.js";
import type { SubcommandHandlers } from "./runSubcommand.js";
import { say } from "./say.js";
import type { serialData } from "./serialData.js";
import { serialStatusOf } from "./serialStatusOf.js";
import { carriedBooks, serve, storyFor } from "./servedStory.js";
import { storyLineOf } from "./storyLineOf.js";

function describeAttempt(book: Book, attempt: DropAttempt): string {
  if (attempt.drop === undefined) throw new UserError(`Nothing was dropped: ${attempt.error}.`);
  const part = book.part(attempt.drop.partId)?.part;
  const name = part === undefined ? attempt.drop.partId : partLabel(part);
  if (attempt.ok) {
    return `Dropped **${name}** in <#${attempt.drop.channelId}> (${attempt.drop.pages} ${attempt.drop.pages === 1 ? "message" : "messages"}). Readers can now read it with /read.`;
  }
  return `**${name}** is not out yet: ${attempt.error}. It is kept (${attempt.drop.messageIds.length} of ${attempt.drop.pages} messages posted) and will be finished at the next drop, or with /serial drop-now.`;
}

/** `/serial` for the drops: release or drop the next part, give one up, and the status. */
export const serialDropHandlers: Pick<
  SubcommandHandlers<typeof serialData>,
  "release-next" | "drop-now" | "skip-drop" | "status"
> = {
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
          storyLineOf(
            serve(services, book),
            context.guildId,
            context.now,
            services.store.releases.releasedIds(context.guildId, book.story.meta.id),
          ),
        ),
      );
      return say(notice === undefined ? overview : clip(`${notice}\n\n${overview}`, 2000));
    }
    const served = storyFor(services, context.guildId, context.options.story);
    const status = serialStatusOf(services, served, context.guildId, context.now);
    return { mode: "reply", message: { ...serialStatus(status), content: notice } };
  },
};
