import { DISCORD_LIMITS, discordLength, type EmbedFieldText } from "./discordLimits.js";

const SEPARATOR = ", ";

/**
 * `entries` joined with ", " into as many embed fields as it takes to keep each within Discord's
 * 1,024 characters, broken only between entries: the first field is named `name`, the others
 * "`name` (continued)". An entry too long for a field gets one of its own: the loader refuses a
 * story with such an entry (see `storyLimitProblems`).
 */
export function listFields(name: string, entries: readonly string[]): EmbedFieldText[] {
  const values: string[][] = [];
  let length = 0;
  for (const entry of entries) {
    const current = values.at(-1);
    const added = SEPARATOR.length + discordLength(entry);
    if (current !== undefined && length + added <= DISCORD_LIMITS.fieldValue) {
      current.push(entry);
      length += added;
    } else {
      values.push([entry]);
      length = discordLength(entry);
    }
  }
  return values.map((value, index) => ({
    name: index === 0 ? name : `${name} (continued)`,
    value: value.join(SEPARATOR),
  }));
}

/** The story's content warnings as embed fields: "None" when it has none. */
export function contentWarningFields(contentWarnings: readonly string[]): EmbedFieldText[] {
  return listFields("Content warnings", contentWarnings.length === 0 ? ["None"] : contentWarnings);
}

/** The story's tags as embed fields: none when it has none. */
export function tagFields(tags: readonly string[]): EmbedFieldText[] {
  return listFields("Tags", tags);
}
