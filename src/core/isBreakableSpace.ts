import { isWhitespace } from "./isWhitespace.js";

/**
 * Whether a UTF-16 code unit is whitespace a line may break at: every whitespace character but
 * the no-break spaces U+00A0, U+2007 and U+202F and U+FEFF, which exist to forbid a break.
 */
export function isBreakableSpace(code: number): boolean {
  return (
    isWhitespace(code) && code !== 0xa0 && code !== 0x2007 && code !== 0x202f && code !== 0xfeff
  );
}
