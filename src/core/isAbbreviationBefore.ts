/**
 * Titles and abbreviations a full stop follows in running text, not a sentence end. ICU has
 * such lists (sentence-break suppressions, the `ss` locale key), but V8's Intl.Segmenter does
 * not expose them, so the common ones of English and French are kept here.
 */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "mx",
  "dr",
  "st",
  "mt",
  "sr",
  "jr",
  "prof",
  "rev",
  "hon",
  "gen",
  "col",
  "capt",
  "lt",
  "sgt",
  "cpl",
  "gov",
  "sen",
  "rep",
  "pres",
  "supt",
  "insp",
  "det",
  "fr",
  "mme",
  "mlle",
  "mmes",
  "mlles",
  "mgr",
  "vs",
  "cf",
  "approx",
  "vol",
  "fig",
  "pp",
  "e.g",
  "i.e",
  "a.m",
  "p.m",
  "u.s",
  "u.k",
]);
/** The word before a full stop: letters and inner full stops (`e.g`, `U.S`). */
const WORD_BEFORE_STOP = /(?:^|[^\p{L}.])((?:\p{L}+\.)*\p{L}+)\.$/u;
const INITIAL = /^\p{Lu}$/u;

/**
 * Whether the sentence the segmenter ended at `end` (just after its last character) ends in a
 * title, an abbreviation or an initial (`Mr.`, `e.g.`, `M.`, `J. R. R.`), so that the next
 * words belong to it.
 */
export function isAbbreviationBefore(text: string, end: number): boolean {
  const word = WORD_BEFORE_STOP.exec(text.slice(Math.max(0, end - 24), end))?.[1];
  if (word === undefined) return false;
  return INITIAL.test(word) || ABBREVIATIONS.has(word.toLowerCase());
}
