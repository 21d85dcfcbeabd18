import type { StoryLine } from "../views/serialOverview.js";
import type { ServedStory } from "./servedStory.js";

/** A story's drops in a server in brief, from the parts `released` there and its drops. */
export function storyLineOf(
  { book, drops }: ServedStory,
  guildId: string,
  now: Date,
  released: ReadonlySet<string>,
): StoryLine {
  const scenes = book.parts.filter(({ part }) => part.kind === "scene");
  return {
    title: book.story.meta.title,
    settings: drops.settingsFor(guildId),
    next: drops.nextDrops(guildId, now, 1)[0],
    released: scenes.filter(({ part }) => released.has(part.id)).length,
    scenes: scenes.length,
  };
}
