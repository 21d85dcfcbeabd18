/** The words of the filler prose, in order. */
export const FILLER_WORDS = [
  "quiet",
  "harbour",
  "lamps",
  "under",
  "a",
  "grey",
  "morning",
  "rain",
  "of",
];

/** Prose without sentence ends or line breaks, `length` code units long. */
export function filler(length: number, seed = 0): string {
  let text = "";
  for (let index = seed; text.length < length; index++) {
    text += `${FILLER_WORDS[index % FILLER_WORDS.length]} `;
  }
  return text.slice(0, length).trimEnd();
}
