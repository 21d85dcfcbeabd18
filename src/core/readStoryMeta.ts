import { DISCORD_LIMITS } from "./discordLimits.js";
import { FrontMatterFields } from "./FrontMatterFields.js";
import { isSingleEmoji } from "./isSingleEmoji.js";
import type { FrontMatter } from "./readFrontMatter.js";
import type { StoryMeta, StoryProblem } from "./story.js";

export const STORY_KEYS = [
  "id",
  "title",
  "author",
  "rating",
  "content_warnings",
  "tags",
  "reactions",
  "page_length",
] as const;
export const RATINGS = ["General", "Teen", "Mature", "Explicit"] as const;
export const DEFAULT_REACTIONS = ["❤️", "😢", "😮", "😂", "🔥"] as const;
export const DEFAULT_PAGE_LENGTH = 3000;
/** A page is an embed description. */
export const PAGE_LENGTH_RANGE = { min: 500, max: DISCORD_LIMITS.description } as const;
/** Reactions become buttons, and Discord puts at most five in a row. */
export const MAX_REACTIONS = 5;

/**
 * Reads story.md: its front matter is the story's metadata, and it has no text of its own.
 * Problems are added to the list; the meta is returned only when the file has none.
 */
export function readStoryMeta(
  file: string,
  frontMatter: Extract<FrontMatter, { found: true }>,
  problems: StoryProblem[],
): StoryMeta | undefined {
  const before = problems.length;
  const firstText = frontMatter.body.search(/\S/);
  if (firstText !== -1) {
    const line = frontMatter.bodyLine + frontMatter.body.slice(0, firstText).split("\n").length - 1;
    problems.push({
      file,
      line,
      message: "story.md has text after its front matter, but it only holds the story's details.",
      fix: "Move the text into authors-note.md, blurb.md or a scene file in scenes/, and leave nothing after the closing `---` of story.md.",
    });
  }
  if (frontMatter.entries === undefined) return undefined;
  const fields = new FrontMatterFields(file, frontMatter.entries, STORY_KEYS, problems);
  const id = fields.id({ example: "drago" });
  const title = fields.text("title", { required: true, example: "After Moscow" });
  const author = fields.text("author", { required: true, example: "The Author" });
  const rating = fields.choice("rating", RATINGS, { required: true, example: "Mature" });
  const contentWarnings = fields.textList("content_warnings", {
    required: true,
    example: "Domestic violence, Strong language",
  });
  const tags = fields.textList("tags", { required: false, example: "Drama, Romance" });
  const reactions = fields.textList("reactions", { required: false, example: '"❤️", "😢"' });
  const pageLength = fields.wholeNumber("page_length", PAGE_LENGTH_RANGE, {
    required: false,
    example: String(DEFAULT_PAGE_LENGTH),
  });
  if (reactions !== undefined) checkReactions(file, fields.line("reactions"), reactions, problems);
  if (
    problems.length > before ||
    id === undefined ||
    title === undefined ||
    author === undefined ||
    rating === undefined ||
    contentWarnings === undefined
  ) {
    return undefined;
  }
  return {
    id,
    title,
    author,
    rating,
    contentWarnings: contentWarnings.map((entry) => entry.text),
    tags: tags?.map((entry) => entry.text) ?? [],
    reactions: reactions?.map((entry) => entry.text) ?? DEFAULT_REACTIONS,
    pageLength: pageLength ?? DEFAULT_PAGE_LENGTH,
  };
}

function checkReactions(
  file: string,
  keyLine: number | undefined,
  reactions: readonly { readonly text: string; readonly line: number }[],
  problems: StoryProblem[],
): void {
  if (reactions.length > MAX_REACTIONS) {
    problems.push({
      file,
      line: keyLine,
      message: `"reactions" has ${reactions.length} entries, but at most ${MAX_REACTIONS} fit (they become one row of buttons).`,
      fix: `Keep your ${MAX_REACTIONS} favourites and remove the others.`,
    });
  }
  const seen = new Set<string>();
  reactions.forEach((reaction, index) => {
    const label = `Entry ${index + 1} of "reactions"`;
    if (!isSingleEmoji(reaction.text)) {
      const emojiForm = `${reaction.text}\u{FE0F}`;
      problems.push({
        file,
        line: reaction.line,
        message: `${label} must be a single emoji, but it is ${JSON.stringify(reaction.text)}.`,
        fix: isSingleEmoji(emojiForm)
          ? `Use its emoji form ${JSON.stringify(emojiForm)} (the same character followed by U+FE0F), e.g. copy it from an emoji picker.`
          : `Write one emoji per entry, e.g. \`reactions: ["❤️", "😢", "🔥"]\`.`,
      });
    } else if (seen.has(reaction.text)) {
      problems.push({
        file,
        line: reaction.line,
        message: `${label} repeats ${JSON.stringify(reaction.text)}.`,
        fix: "Remove the repeated one: each reaction is a button of its own.",
      });
    }
    seen.add(reaction.text);
  });
}
