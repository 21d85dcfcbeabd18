import { readingMinutes } from "./countWords.js";
import {
  DISCORD_LIMITS,
  discordLength,
  type EmbedFieldText,
  type EmbedText,
  embedLength,
} from "./discordLimits.js";
import { contentWarningFields, tagFields } from "./listFields.js";
import { partLabel } from "./partLabel.js";
import { PAGE_LENGTH_RANGE } from "./readStoryMeta.js";
import type { Part, Story, StoryProblem } from "./story.js";

/** The file line of a front matter key, when the file has that key. */
export type KeyLine = (file: string, key: string) => number | undefined;

/** The latest time JavaScript can hold, in seconds: the longest `<t:…:R>` timestamp. */
const LATEST_SECONDS = 8_640_000_000_000;

const count = (n: number) => n.toLocaleString("en");
const characters = (n: number) => `${count(n)} ${n === 1 ? "character" : "characters"}`;

/**
 * Checks every text the bot builds from the story's details against Discord's limits, each at
 * its longest: pages of page_length characters, as many pages as a part could have, as many
 * words as characters. One problem per text or message that would not fit, at the front matter
 * key to change (`storyFile` is story.md). The messages are those of titleCard, pageMessage,
 * dropMessages and resumeCard, which lay the content warnings and tags out with the same
 * functions; the tests build those views at the limits to keep them in step with this.
 */
export function storyLimitProblems(
  story: Story,
  storyFile: string,
  keyLine: KeyLine,
): StoryProblem[] {
  const { meta } = story;
  const problems: StoryProblem[] = [];
  const storyProblem = (key: string, message: string, fix: string) =>
    problems.push({ file: storyFile, line: keyLine(storyFile, key), message, fix });

  // The resume card's title; /progress's "Your reading of …" is as long, the author line shorter.
  const welcome = discordLength(`Welcome back to ${meta.title}`);
  if (welcome > DISCORD_LIMITS.title) {
    storyProblem(
      "title",
      `The title makes the resume card's title, "Welcome back to …", ${characters(welcome)} long, but Discord allows at most ${DISCORD_LIMITS.title}.`,
      `Shorten the title by ${characters(welcome - DISCORD_LIMITS.title)} or more.`,
    );
  }
  const warningFields = contentWarningFields(meta.contentWarnings);
  const tagList = tagFields(meta.tags);
  const lists = [
    { key: "content_warnings", fields: warningFields },
    { key: "tags", fields: tagList },
  ];
  for (const { key, fields } of lists) {
    for (const field of fields) {
      const length = discordLength(field.value);
      if (length > DISCORD_LIMITS.fieldValue) {
        storyProblem(
          key,
          `The entry ${JSON.stringify(`${field.value.slice(0, 40)}…`)} of "${key}" is ${characters(length)} long, but a Discord embed field holds at most ${count(DISCORD_LIMITS.fieldValue)}.`,
          `Shorten it to ${characters(DISCORD_LIMITS.fieldValue)} or fewer, or split it into two entries.`,
        );
      }
    }
  }

  const card = titleCard(story);
  const cardLength = embedLength(card);
  const cardFields = card.fields?.length ?? 0;
  if (cardLength > DISCORD_LIMITS.total || cardFields > DISCORD_LIMITS.fields) {
    const warnings = fieldsLength(warningFields);
    const tags = fieldsLength(tagList);
    const excess = cardLength - DISCORD_LIMITS.total;
    storyProblem(
      tags > warnings ? "tags" : "content_warnings",
      `The title card that /read shows would have ${characters(cardLength)} in ${cardFields} fields, but Discord takes at most ${characters(DISCORD_LIMITS.total)} and ${DISCORD_LIMITS.fields} fields in a message; the content warnings take ${characters(warnings)} of it and the tags ${count(tags)}.`,
      `Shorten or remove content warnings or tags${excess > 0 ? `: ${characters(excess)} fewer in all would fit` : ""}.`,
    );
  }

  const page = "x".repeat(meta.pageLength);
  const [first] = story.parts;
  if (first !== undefined) {
    const opening = firstPage(story, first, page);
    const length = embedLength(opening);
    if (length > DISCORD_LIMITS.total || (opening.fields?.length ?? 0) > DISCORD_LIMITS.fields) {
      const excess = length - DISCORD_LIMITS.total;
      const lower = meta.pageLength - excess;
      storyProblem(
        "content_warnings",
        `The story's first page shows the rating and the content warnings (${characters(fieldsLength(warningFields))}) next to up to ${characters(meta.pageLength)} of text (page_length): a message of ${characters(length)}, but Discord takes at most ${count(DISCORD_LIMITS.total)}.`,
        excess > 0
          ? `Shorten or remove content warnings, by ${characters(excess)} or more in all${lower >= PAGE_LENGTH_RANGE.min ? `, or lower page_length to ${lower} or less` : ""}.`
          : "Shorten or remove content warnings.",
      );
    }
  }

  for (const part of story.parts) problems.push(...partProblems(story, part, page, keyLine));
  return problems;
}

/** The part's embed titles, footers and messages at their longest. */
function partProblems(story: Story, part: Part, page: string, keyLine: KeyLine): StoryProblem[] {
  const problems: StoryProblem[] = [];
  const problem = (key: string | undefined, message: string, fix: string) =>
    problems.push({
      file: part.file,
      line: key === undefined ? undefined : keyLine(part.file, key),
      message,
      fix,
    });
  const pages = mostPages(part);
  const onPage: EmbedText = {
    author: { name: story.meta.title },
    title: partLabel(part),
    description: page,
    footer: { text: pageFooter(part, pages, pages) },
  };
  const dropped: EmbedText = {
    author: { name: story.meta.title },
    title: `New: ${partLabel(part)}`,
    description: page,
    footer: {
      text: [
        part.dateline,
        part.place,
        `about ${readingMinutes(part.text.length)} min read`,
        `${pages}/${pages}`,
      ]
        .filter((item) => item !== undefined)
        .join(" · "),
    },
  };
  const title = discordLength(dropped.title);
  if (title > DISCORD_LIMITS.title) {
    problem(
      "title",
      `The title makes the title of the part's drop post, "${dropped.title?.slice(0, 20)}…", ${characters(title)} long, but Discord allows at most ${DISCORD_LIMITS.title}.`,
      `Shorten the title by ${characters(title - DISCORD_LIMITS.title)} or more.`,
    );
  }
  const footer = Math.max(discordLength(onPage.footer?.text), discordLength(dropped.footer?.text));
  if (footer > DISCORD_LIMITS.footer) {
    problem(
      ["dateline", "place", "title"].find((key) => keyLine(part.file, key) !== undefined),
      `The dateline and place make the part's page footers ${characters(footer)} long, but Discord allows at most ${count(DISCORD_LIMITS.footer)}.`,
      `Shorten the dateline or the place, by ${characters(footer - DISCORD_LIMITS.footer)} or more in all.`,
    );
  }
  const message = Math.max(embedLength(onPage), embedLength(dropped));
  if (message > DISCORD_LIMITS.total) {
    problem(
      "title",
      `A page of this part, with its titles and footer, would make a message of ${characters(message)}, but Discord takes at most ${count(DISCORD_LIMITS.total)}.`,
      "Shorten the part's title, dateline or place, or the story's title, or lower page_length in story.md.",
    );
  }
  return problems;
}

/** The title card at its longest: every word of the story out, no scene yet, a next drop. */
function titleCard(story: Story): EmbedText {
  const { meta, parts } = story;
  const words = parts.reduce((sum, part) => sum + part.text.length, 0);
  return {
    title: meta.title,
    description: `by ${meta.author}`,
    fields: [
      { name: "Rating", value: meta.rating },
      {
        name: "Length so far",
        value: `${count(words)} words · about ${readingMinutes(words)} min`,
      },
      // Longer than "N parts".
      { name: "Released", value: "No parts yet: the author's note and the blurb are ready." },
      ...contentWarningFields(meta.contentWarnings),
      ...tagFields(meta.tags),
      { name: "Next part", value: `<t:${LATEST_SECONDS}:R>` },
    ],
    footer: { text: "Only you can see this. Your place is saved as you read." },
  };
}

/** The first page of the story, with the rating and the content warnings. */
function firstPage(story: Story, first: Part, page: string): EmbedText {
  return {
    author: { name: story.meta.title },
    title: partLabel(first),
    description: page,
    footer: { text: pageFooter(first, 1, mostPages(first)) },
    fields: [
      { name: "Rating", value: story.meta.rating },
      ...contentWarningFields(story.meta.contentWarnings),
    ],
  };
}

/** A page's footer, with the longest share of the story. */
function pageFooter(part: Part, page: number, pages: number): string {
  return [part.dateline, part.place, `Page ${page} of ${pages}`, "100% of the story"]
    .filter((item) => item !== undefined)
    .join(" · ");
}

/** The most pages a part could have: every page holds at least one character. */
function mostPages(part: Part): number {
  return Math.max(1, part.text.length);
}

function fieldsLength(fields: readonly EmbedFieldText[]): number {
  return fields.reduce(
    (sum, field) => sum + discordLength(field.name) + discordLength(field.value),
    0,
  );
}
