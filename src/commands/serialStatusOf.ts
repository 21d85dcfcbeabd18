import { partLabel } from "../core/partLabel.js";
import { readableParts } from "../core/reading.js";
import type { SerialStatus } from "../views/serialStatus.js";
import type { ServedStory } from "./servedStory.js";
import { storyLineOf } from "./storyLineOf.js";
import type { Services } from "./types.js";

/** What the authors' view of a story's drops in a server shows, read from the book, store and drops. */
export function serialStatusOf(
  services: Services,
  served: ServedStory,
  guildId: string,
  now: Date,
): SerialStatus {
  const { store, authorIds } = services;
  const { book, drops } = served;
  const storyId = book.story.meta.id;
  const released = store.releases.releasedIds(guildId, storyId);
  const last = store.drops.latest(guildId, storyId);
  const lastPart = last === undefined ? undefined : book.part(last.partId)?.part;
  const reads = new Map(
    store.reads.readers(guildId, storyId, authorIds).map((row) => [row.partId, row]),
  );
  const tallies = new Map<string, string[]>();
  for (const row of store.reactions.tallies(guildId, storyId, authorIds)) {
    tallies.set(row.partId, [...(tallies.get(row.partId) ?? []), `${row.emoji} ${row.readers}`]);
  }
  return {
    ...storyLineOf(served, guildId, now, released),
    scheduleProblem: drops.scheduleProblem(guildId),
    last: last && { drop: last, label: lastPart === undefined ? last.partId : partLabel(lastPart) },
    vanished: [...released].filter((partId) => book.part(partId) === undefined),
    readers: readableParts(book, released).map(({ part }) => ({
      label: partLabel(part),
      started: reads.get(part.id)?.started ?? 0,
      finished: reads.get(part.id)?.finished ?? 0,
    })),
    reactions: book.parts.flatMap(({ part }) => {
      const counts = tallies.get(part.id);
      return counts === undefined ? [] : [{ label: partLabel(part), counts }];
    }),
  };
}
