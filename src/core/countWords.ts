const words = new Intl.Segmenter("en", { granularity: "word" });

/** Counts words as Intl.Segmenter sees them (so CJK text without spaces counts too). */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of words.segment(text)) {
    if (segment.isWordLike) count += 1;
  }
  return count;
}

/** Average silent reading speed of adults for fiction, in words per minute. */
export const WORDS_PER_MINUTE = 238;

/** Minutes to read a number of words, rounded up; at least 1 for any text. */
export function readingMinutes(wordCount: number): number {
  return wordCount === 0 ? 0 : Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE));
}
