import fc from "fast-check";
import { join, type Piece, plain, whole, wrap } from "./Piece.js";

const word = fc
  .tuple(
    fc.constantFrom(
      "the",
      "a",
      "night",
      "walked",
      "don't",
      "extraordinarily",
      "I",
      "x",
      "Zoë",
      "naïve",
      "and/or",
      "well-known",
      "3.14",
      "(aside)",
      "\u201Cquoted\u201D",
      "co\u00ADoperate",
    ),
    fc.constantFrom("", "", "", "", ",", ".", "!", "?", "…", ".\u201D", ";", ":"),
  )
  .map(([letters, end]) => letters + end);

/** Words held together or apart as typography wants: no-break spaces, titles, times. */
const special: fc.Arbitrary<Piece> = fc.oneof(
  fc
    .constantFrom(
      "M.\u00A0Dupont",
      "Mme\u00A0Curie",
      "10\u202F%",
      "\u00AB\u00A0Bonjour\u00A0\u00BB",
      "\u00AB\u202FOui\u202F\u00BB",
      "1\u2007234",
      "page\u00A012",
      "un\uFEFFbreakable",
      "No\u00A0\u00A0two",
    )
    .map(whole),
  fc.constantFrom("Mr.", "Dr.", "e.g.", "i.e.", "J. R. R.", "St.", "U.S.").map(plain),
  fc.constantFrom("10:30", "23:59:59", "9:05", "10:30\u00A0p.m.", "00:00").map(plain),
);

export const words = (most: number): fc.Arbitrary<Piece> =>
  fc
    .array(fc.oneof({ weight: 8, arbitrary: word.map(plain) }, { weight: 1, arbitrary: special }), {
      minLength: 1,
      maxLength: most,
    })
    .map((list) => join(list, " "));

// Discord's own things: URLs, mentions, custom emoji, timestamps.

const snowflake = fc
  .tuple(
    fc.integer({ min: 100_000_000, max: 999_999_999 }),
    fc.integer({ min: 0, max: 999_999_999 }),
  )
  .map(([high, low]) => `${high}${String(low).padStart(9, "0")}`);

export const url = fc
  .tuple(
    fc.constantFrom("https://", "http://"),
    fc.constantFrom("example.com", "en.wikipedia.org", "a.b.co.uk", "xn--bcher-kva.example"),
    fc.array(
      fc.constantFrom(
        "wiki",
        "Page_(disambiguation)",
        "a_b",
        "2024",
        "%C3%A9t%C3%A9",
        "x-y.html",
        "~me",
      ),
      { maxLength: 4 },
    ),
    fc.constantFrom("", "", "?q=1", "?q=a+b&page=2", "?x=(1)&y=[2]", "?utm_source=discord&s=1"),
    fc.constantFrom("", "", "#section-2", "#:~:text=hello"),
    fc.integer({ min: 0, max: 8 }),
  )
  .map(([scheme, host, path, query, fragment, longer]) => {
    const segments = [
      ...path,
      ...Array.from({ length: longer > 6 ? longer * 2 : 0 }, () => "long-segment"),
    ];
    const tail = segments.length > 0 ? `/${segments.join("/")}` : "";
    return `${scheme}${host}${tail}${query}${fragment}`;
  });

/**
 * Discord's own tokens. Whether one is shown as one thing depends on the Markdown around it
 * (`_a <https://x/a_b>` is italic up to `a_`), so the checks take them from Discord's parser.
 */
const discordToken: fc.Arbitrary<Piece> = fc.oneof(
  url.map(plain),
  url.map((target) => plain(`<${target}>`)),
  snowflake.map((id) => plain(`<@${id}>`)),
  snowflake.map((id) => plain(`<@!${id}>`)),
  snowflake.map((id) => plain(`<@&${id}>`)),
  snowflake.map((id) => plain(`<#${id}>`)),
  fc
    .tuple(
      fc.constantFrom("", "a"),
      fc.constantFrom("blob", "party_parrot", "kek", "a1", "x".repeat(32)),
      snowflake,
    )
    .map(([animated, name, id]) => plain(`<${animated}:${name}:${id}>`)),
  fc
    .tuple(
      fc.integer({ min: -100_000, max: 2_000_000_000 }),
      fc.constantFrom("", ":t", ":T", ":d", ":D", ":f", ":F", ":R"),
    )
    .map(([seconds, style]) => plain(`<t:${seconds}${style}>`)),
  fc.constantFrom("@everyone", "@here").map(plain),
);

// Scripts and clusters.

/** ZWJ sequences, flags (a tag flag too), skin tones, keycaps, marks, conjuncts, jamo. */
const cluster = fc.constantFrom(
  "👨‍👩‍👧‍👦",
  "👩🏽‍💻",
  "🧑🏻‍🚀",
  "❤️‍🔥",
  "👁️‍🗨️",
  "🏳️‍🌈",
  "🇯🇵",
  "🇫🇷",
  "🇺🇦",
  "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
  "👍🏽",
  "👋🏿",
  "1️⃣",
  "#️⃣",
  "*️⃣",
  "❤️",
  "😀",
  "e\u0301",
  "n\u0303\u0323",
  "क्ष",
  "각",
  "\u1100\u1161\u11A8",
);

const clustersOf = (from: fc.Arbitrary<string>) =>
  fc.array(from, { minLength: 1, maxLength: 8 }).map((list) => plain(list.join("")));
const clusters = clustersOf(cluster);
/**
 * Clusters but the keycap asterisk, `*️⃣`: Discord's parser takes its `*` for italics, so
 * among an author's italics it ends them where the author did not.
 */
const authorClusters = clustersOf(cluster.filter((grapheme) => grapheme !== "*️⃣"));

const cjk = fc
  .array(
    fc.constantFrom(
      "日本語の文章は空白を使わずに書かれます。",
      "「こんにちは」と言った。",
      "漢字とかなとカナ、",
      "中文没有空格，",
      "我们去吧！",
      "한국어는 띄어쓰기를 합니다.",
      "ＡＢＣ１２３",
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((list) => plain(list.join("")));

/** Thai writes no spaces between words, only between phrases. */
const thai = fc
  .array(
    fc
      .array(
        fc.constantFrom(
          "ภาษาไทย",
          "ไม่มี",
          "การเว้นวรรค",
          "ระหว่าง",
          "คำ",
          "สวัสดี",
          "ครับ",
          "ที่นี่",
          "กำลัง",
        ),
        {
          minLength: 1,
          maxLength: 12,
        },
      )
      .map((list) => list.join("")),
    { minLength: 1, maxLength: 4 },
  )
  .map((list) => plain(list.join(" ")));

const rtlWords = fc
  .array(
    fc.constantFrom(
      "مرحبا",
      "بالعالم",
      "الْعَرَبِيَّة",
      "كِتَاب،",
      "١٢٣",
      "שלום",
      "עולם.",
      "שָׁלוֹם",
      "עִבְרִית",
      "abc",
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((list) => plain(list.join(" ")));

/** Embeddings and overrides end at PDF, isolates at PDI. */
const BIDI_PAIRS: readonly (readonly [string, string])[] = [
  ["\u202A", "\u202C"],
  ["\u202B", "\u202C"],
  ["\u202D", "\u202C"],
  ["\u202E", "\u202C"],
  ["\u2066", "\u2069"],
  ["\u2067", "\u2069"],
  ["\u2068", "\u2069"],
];

/** Right-to-left text in directional pairs, nested, sometimes long; on one line (a line ends them all). */
const rtl: fc.Arbitrary<Piece> = fc.letrec<{ bidi: Piece }>((tie) => ({
  bidi: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    rtlWords,
    fc
      .tuple(
        fc.constantFrom(...BIDI_PAIRS),
        fc.array(fc.oneof(rtlWords, tie("bidi")), { minLength: 1, maxLength: 3 }),
      )
      .map(([[open, close], inside]) => wrap(open, join(inside, " "), close, true)),
  ),
})).bidi;

export const sceneBreak: fc.Arbitrary<Piece> = fc
  .constantFrom("***", "* * *", "---", "#", "~~~", "⁂", "o0o")
  .map((marker) => join([plain("\n"), whole(marker), plain("\n")]));

/** A run with no break in it, often longer than a small page. */
export const longRun = fc
  .tuple(
    fc.constantFrom("x", "日本", "ab", "👨‍👩‍👧‍👦", "🇯🇵", "e\u0301", "ภาษา"),
    fc.integer({ min: 20, max: 150 }),
  )
  .map(([unit, count]) => plain(unit.repeat(count)));

// Discord Markdown.

export const INLINE_MARKERS = ["**", "*", "_", "__", "~~", "||"] as const;

/** A line's worth of text: words, Discord's tokens, clusters, scripts. */
const lineAtomOf = (graphemes: fc.Arbitrary<Piece>): fc.Arbitrary<Piece> =>
  fc.oneof(
    { weight: 8, arbitrary: words(8) },
    { weight: 2, arbitrary: discordToken },
    { weight: 1, arbitrary: graphemes },
    { weight: 1, arbitrary: cjk },
    { weight: 1, arbitrary: thai },
    { weight: 1, arbitrary: rtl },
  );
export const lineAtom = lineAtomOf(clusters);
export const authorLineAtom = lineAtomOf(authorClusters);
