import { createHash } from "node:crypto";

/**
 * The nonce of one page of one drop: the same on every attempt, so that with `enforce_nonce`
 * Discord returns the page it already has instead of posting it twice. At most 25 characters.
 */
export function dropNonce(
  key: { readonly guildId: string; readonly storyId: string; readonly partId: string },
  page: number,
): string {
  return createHash("sha256")
    .update(`${key.guildId}/${key.storyId}/${key.partId}/${page}`)
    .digest("base64url")
    .slice(0, 25);
}
