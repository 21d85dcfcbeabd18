import { ApplicationCommandOptionType as OptionType } from "discord.js";
import type { BookPart } from "../core/Book.js";
import { findPart, firstPlace } from "../core/reading.js";
import { UserError } from "../core/UserError.js";
import { libraryCard } from "../views/libraryCard.js";
import type { Reply } from "../views/ReplyMessage.js";
import { resumeCard } from "../views/resumeCard.js";
import { titleCard } from "../views/titleCard.js";
import { guildCommand } from "./guildCommand.js";
import { partChoices } from "./partChoices.js";
import { carriedSessions, EARLY_ACCESS_ENDED, ReaderSession } from "./readerSession.js";
import {
  askedBooks,
  carriedBooks,
  type ServedStory,
  STORY_OPTION,
  serve,
  storyChoices,
  storyFor,
  storyOption,
} from "./servedStory.js";
import type { ChatCommand, MemberContext, Services } from "./types.js";

const data = guildCommand({
  name: "read",
  description: "Read a story privately, page by page: start, resume, or open a part",
  options: [
    {
      type: OptionType.String,
      name: "part",
      description: "The part to open (only released parts are listed)",
      autocomplete: true,
      max_length: 100,
    },
    storyOption,
  ],
});

/** What a member whose place cannot be served is told above the title card. */
const LOST = {
  removed:
    "The part you were reading is no longer in the story: its author took it out. Start again below, or open a part with /read part:.",
  "not-out": `${EARLY_ACCESS_ENDED} Start reading, below, begins the story again.`,
} as const;

/** The title card for a new reader of a story, the resume card for a returning one. */
export function openStory(services: Services, context: MemberContext, served: ServedStory): Reply {
  const session = new ReaderSession(services, context, served);
  const saved = session.saved();
  if (saved !== undefined) return { mode: "reply", message: resumeCard(served.book, saved) };
  if (firstPlace(session.readable) === undefined)
    throw new UserError("The story has no pages yet.");
  const card = titleCard(
    served.book,
    session.readable,
    served.drops.nextDrops(context.guildId, context.now, 1)[0],
  );
  const lost = session.lostPlace();
  return { mode: "reply", message: lost === undefined ? card : { ...card, content: LOST[lost] } };
}

/** The readable part a member asked for, in the story they named, or in the one story that has it. */
function partAsked(
  services: Services,
  context: MemberContext,
  asked: string,
  story: string | undefined,
): { session: ReaderSession; part: BookPart } {
  const candidates =
    story === undefined
      ? carriedSessions(services, context)
      : [new ReaderSession(services, context, storyFor(services, context.guildId, story))];
  const found = candidates.flatMap((session) => {
    const part = findPart(session.readable, asked);
    return part === undefined ? [] : [{ session, part }];
  });
  const [only, ...others] = found;
  if (only === undefined) {
    throw new UserError(
      `There is no released part called "${asked}". Pick one from the list as you type the part option.`,
    );
  }
  if (others.length > 0) {
    throw new UserError(
      `"${asked}" is a part of ${found.length} stories here: say which with the story option.`,
    );
  }
  return only;
}

/**
 * `/read [part] [story]`: a part's first page, or the story's title or resume card; where the
 * server carries several stories and none is named, the library of them.
 */
export const read = {
  data,
  access: "member",

  execute(services, context) {
    const { part, story } = context.options;
    if (part !== undefined) {
      const found = partAsked(services, context, part, story);
      return found.session.show({ part: found.part, pageIndex: 0 }, "reply");
    }
    if (story !== undefined || carriedBooks(services, context.guildId).length <= 1) {
      return openStory(services, context, storyFor(services, context.guildId, story));
    }
    const entries = carriedSessions(services, context).map((session) => ({
      book: session.served.book,
      partsOut: session.readable.filter(({ part }) => part.kind === "scene").length,
      place: session.saved(),
    }));
    return { mode: "reply", message: libraryCard(entries) };
  },

  autocomplete(services, context, focused) {
    const carried = carriedBooks(services, context.guildId);
    if (focused.option === STORY_OPTION) return storyChoices(carried, focused.typed);
    return partChoices(
      askedBooks(carried, focused).flatMap(
        (book) => new ReaderSession(services, context, serve(services, book)).readable,
      ),
      focused.typed,
    );
  },
} satisfies ChatCommand<typeof data>;
