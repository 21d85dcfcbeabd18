import { createHash } from "node:crypto";

/**
 * A digest of a part's text (SHA-256, hex), kept with its drop so that an edit to a part
 * already dropped is seen: the same text always gives the same digest, another text another.
 */
export function textDigest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
