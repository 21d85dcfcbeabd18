import { createHash } from "node:crypto";

/**
 * The nonce of one page of one drop: the same on every attempt, so that with `enforce_nonce`
 * Discord returns the page it already has instead of posting it twice; a drop moved to another
 * channel starts over with new nonces. At most 25 characters.
 */
export function dropNonce(
  drop: {
    readonly guildId: string;
    readonly storyId: string;
    readonly partId: string;
    readonly channelId: string;
  },
  page: number,
): string {
  return createHash("sha256")
    .update(`${drop.guildId}/${drop.storyId}/${drop.partId}/${drop.channelId}/${page}`)
    .digest("base64url")
    .slice(0, 25);
}
