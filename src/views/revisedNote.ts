import { partLabel } from "../core/partLabel.js";
import type { Part } from "../core/story.js";

/** Under a dropped part whose text the author changed since: where to read it as it is now. */
export function revisedNote(part: Part): string {
  return `✏️ The author revised **${partLabel(part)}** after it was posted here. /read shows it as it is now.`;
}
