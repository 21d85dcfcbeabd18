import type { BookPart } from "../core/Book.js";
import { earlyAllowance, earlyParts } from "../core/earlyParts.js";
import {
  isLastPage,
  nextPlace,
  nextUnreleased,
  type Place,
  placeAt,
  positionOf,
  readableParts,
} from "../core/reading.js";
import type { ReaderKey } from "../store/ProgressRepository.js";
import { caughtUpMessage } from "../views/caughtUpMessage.js";
import { pageMessage, type ReactionButtons } from "../views/pageMessage.js";
import type { Reply } from "../views/ReplyMessage.js";
import { carriedBooks, type ServedStory, serve } from "./servedStory.js";
import type { MemberContext, Services } from "./types.js";

/** Why a member whose early access ended cannot go on from their place (it stays where it is). */
export const EARLY_ACCESS_ENDED =
  "The part you were reading is not out for you now (early access to it ended); your place in it is kept for its public drop.";

/** The member's sessions of every story the server carries, in the library's order. */
export function carriedSessions(services: Services, context: MemberContext): ReaderSession[] {
  return carriedBooks(services, context.guildId).map(
    (book) => new ReaderSession(services, context, serve(services, book)),
  );
}

/** One member's reading of one story in one server: what they may read and where they are. */
export class ReaderSession {
  readonly key: ReaderKey;
  readonly released: ReadonlySet<string>;
  /** Unreleased parts the member may read before their drop, by a role given early access. */
  readonly early: ReadonlySet<string>;
  readonly readable: readonly BookPart[];
  /** The parts out for the member: released, or theirs early. */
  readonly #open: ReadonlySet<string>;

  constructor(
    private readonly services: Services,
    private readonly context: MemberContext,
    readonly served: ServedStory,
  ) {
    const storyId = served.book.story.meta.id;
    this.key = { guildId: context.guildId, userId: context.userId, storyId };
    this.released = services.store.releases.releasedIds(context.guildId, storyId);
    const allowance = earlyAllowance(
      services.store.earlyAccess.grants(context.guildId, storyId),
      context.roleIds,
    );
    this.early = earlyParts(served.book, this.released, allowance);
    this.#open = new Set([...this.released, ...this.early]);
    this.readable = readableParts(served.book, this.#open);
  }

  /** The saved place, if the member has one and its part is still readable. */
  saved(): Place | undefined {
    const position = this.services.store.progress.get(this.key);
    return position === undefined ? undefined : placeAt(this.readable, position);
  }

  /**
   * Why the member's saved place cannot be served, when it cannot: its part was taken out of the
   * story ("removed"), or is not out for them (any more: early access ended).
   */
  lostPlace(): "removed" | "not-out" | undefined {
    const position = this.services.store.progress.get(this.key);
    if (position === undefined || this.saved() !== undefined) return undefined;
    return this.served.book.part(position.partId) === undefined ? "removed" : "not-out";
  }

  /**
   * Shows a page and saves it as the member's place, and the part as started (finished, on its
   * last page). Turning from a page of the same part (`from`), whose showing recorded the start,
   * to one that is not its last, only the place is saved: one write, not a transaction of two.
   */
  show(place: Place, mode: Reply["mode"], from?: Place): Reply {
    const { store } = this.services;
    const partId = place.part.part.id;
    if (from?.part.part.id === partId && !isLastPage(place)) {
      store.progress.save(this.key, positionOf(place), this.context.now);
    } else {
      store.transaction(() => {
        store.progress.save(this.key, positionOf(place), this.context.now);
        store.reads.record(this.key, partId, isLastPage(place), this.context.now);
      });
    }
    return this.render(place, mode);
  }

  /** Shows a page without moving the member's place. */
  render(place: Place, mode: Reply["mode"]): Reply {
    const { book } = this.served;
    const reactions =
      isLastPage(place) && place.part.part.kind === "scene" && book.story.meta.reactions.length > 0
        ? this.reactionButtons(place.part.part.id)
        : undefined;
    const early = this.early.has(place.part.part.id);
    return { mode, message: pageMessage(book, this.readable, place, reactions, early) };
  }

  /** Sets or unsets one of the member's reactions to a part, from the buttons on its last page. */
  toggleReaction(partId: string, emoji: string): void {
    const { readingReactions } = this.services.store;
    const chosen = readingReactions.of(this.key, partId).has(emoji);
    readingReactions.set(this.key, partId, emoji, !chosen, this.context.now);
  }

  private reactionButtons(partId: string): ReactionButtons {
    const { store } = this.services;
    const readers = new Map(
      store.reactions
        .tallies(this.key.guildId, this.key.storyId, [])
        .filter((tally) => tally.partId === partId)
        .map((tally) => [tally.emoji, tally.readers]),
    );
    return { readers, chosen: store.readingReactions.of(this.key, partId) };
  }

  /** Shows the page after `from`, or tells the member they are caught up. */
  showNext(from: Place, mode: Reply["mode"]): Reply {
    const next = nextPlace(this.readable, from);
    if (next !== undefined) return this.show(next, mode, from);
    const { book, drops } = this.served;
    const moreToCome = nextUnreleased(book, this.#open) !== undefined;
    const nextDrop = moreToCome
      ? drops.nextDrops(this.context.guildId, this.context.now, 1)[0]
      : undefined;
    return { mode, message: caughtUpMessage(book, from, moreToCome, nextDrop) };
  }
}
