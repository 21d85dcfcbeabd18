import { DiscordApiError } from "../DiscordApiError.js";
import type { Emoji } from "../state/records.js";

const CUSTOM = /^(?:a:)?([\w~-]{2,32}):(\d{17,20})$/;

/**
 * The emoji of a reaction route: "name:id" for a custom emoji, else a Unicode emoji. Plain
 * ASCII such as "heart" or ":heart:" is refused with 10014 Unknown Emoji, as Discord does.
 */
export function parseEmoji(text: string): Emoji {
  const custom = CUSTOM.exec(text);
  if (custom?.[1] !== undefined && custom[2] !== undefined) {
    return { id: custom[2], name: custom[1] };
  }
  if (text.length === 0 || /^[\x20-\x7e]*$/.test(text)) {
    throw DiscordApiError.unknownEmoji();
  }
  return { id: null, name: text };
}
