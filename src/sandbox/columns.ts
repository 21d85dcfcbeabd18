const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The columns a terminal gives the text: two for an emoji, one for anything else. */
export const columns = (text: string) =>
  Array.from(graphemes.segment(text)).reduce(
    (sum, { segment }) => sum + (/\p{Extended_Pictographic}/u.test(segment) ? 2 : 1),
    0,
  );
