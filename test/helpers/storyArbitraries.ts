import fc from "fast-check";
import type { Unbreakable } from "./pageProblems.js";

/**
 * Generated text for the pager's property tests, with the stretches the generator knows
 * Discord shows as one thing (a URL, a mention, a bidi pair, words held by a no-break space):
 * they must not be split when they fit on a page.
 */
export interface Piece {
  readonly text: string;
  readonly unbreakable: readonly Unbreakable[];
}

export const plain = (text: string): Piece => ({ text, unbreakable: [] });

/** A piece that must stay whole. */
const whole = (text: string): Piece => ({ text, unbreakable: [{ start: 0, end: text.length }] });

/** Pieces one after another, their stretches moved to where they land. */
export function join(pieces: readonly Piece[], separator = ""): Piece {
  let text = "";
  const unbreakable: Unbreakable[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index > 0) text += separator;
    for (const span of piece.unbreakable) {
      unbreakable.push({ start: text.length + span.start, end: text.length + span.end });
    }
    text += piece.text;
  }
  return { text, unbreakable };
}

/** `open + piece + close`, the whole of it kept whole when `keep`. */
function wrap(open: string, piece: Piece, close: string, keep: boolean): Piece {
  const inner = join([plain(open), piece, plain(close)]);
  if (!keep) return inner;
  return {
    text: inner.text,
    unbreakable: [...inner.unbreakable, { start: 0, end: inner.text.length }],
  };
}

/** Pieces joined by the separators generated between them. */
const joinedBy = (pieces: fc.Arbitrary<Piece[]>, separator: fc.Arbitrary<string>) =>
  pieces.chain((list) =>
    fc
      .array(separator, { minLength: list.length, maxLength: list.length })
      .map((gaps) =>
        join(
          list.flatMap((piece, index) =>
            index === 0 ? [piece] : [plain(gaps[index] ?? " "), piece],
          ),
        ),
      ),
  );

// Words and sentences.

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

const words = (most: number): fc.Arbitrary<Piece> =>
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

const url = fc
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

const sceneBreak: fc.Arbitrary<Piece> = fc
  .constantFrom("***", "* * *", "---", "#", "~~~", "⁂", "o0o")
  .map((marker) => join([plain("\n"), whole(marker), plain("\n")]));

/** A run with no break in it, often longer than a small page. */
const longRun = fc
  .tuple(
    fc.constantFrom("x", "日本", "ab", "👨‍👩‍👧‍👦", "🇯🇵", "e\u0301", "ภาษา"),
    fc.integer({ min: 20, max: 150 }),
  )
  .map(([unit, count]) => plain(unit.repeat(count)));

// Discord Markdown.

const INLINE_MARKERS = ["**", "*", "_", "__", "~~", "||"] as const;

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
const lineAtom = lineAtomOf(clusters);
const authorLineAtom = lineAtomOf(authorClusters);

/**
 * Inline code. Hostile: any of its tokens, a backtick in single-backtick code. An author's: a
 * backtick only between two, and no `*` or `__` inside, which Discord's parser takes for the
 * end of italics or underline around the code (`*see `a*b`*` ends the italics inside it).
 */
const inlineCode = (hostile: boolean) =>
  fc
    .tuple(
      fc.constantFrom("`", "``"),
      fc.array(
        hostile
          ? fc.constantFrom("const", "x", "=", "a*b", "`", "__init__", "<@1>")
          : fc.constantFrom("const", "x", "=", "a + b", "`", "init", "<@1>"),
        { minLength: 1, maxLength: 8 },
      ),
    )
    .map(([ticks, parts]) => {
      const joined = parts.join(" ").replace(/^`|`$/g, "q");
      const content = hostile || ticks === "``" ? joined : joined.replaceAll("`", "q");
      return plain(
        `${ticks}${ticks === "``" ? " " : ""}${content}${ticks === "``" ? " " : ""}${ticks}`,
      );
    });

const SPAN_SEPARATORS = fc.constantFrom(" ", " ", " ", "\n", "\n\n");

/** A masked link around some inline text. */
const link = (label: fc.Arbitrary<Piece>) =>
  fc
    .tuple(joinedBy(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constant(" ")), url)
    .map(([text, target]) => wrap("[", text, `](${target})`, false));

/**
 * Inline Markdown, nested, sometimes across lines and paragraphs, sometimes long, and often not
 * as Discord can read it: a span inside one of its own kind (`**a **b** c**`), a backtick
 * inside single-backtick code, a link in a link.
 */
const hostileInline: fc.Arbitrary<Piece> = fc.letrec<{ inline: Piece; span: Piece }>((tie) => ({
  inline: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 6, arbitrary: lineAtom },
    { weight: 3, arbitrary: tie("span") },
    { weight: 1, arbitrary: inlineCode(true) },
  ),
  span: fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...INLINE_MARKERS),
        joinedBy(fc.array(tie("inline"), { minLength: 1, maxLength: 6 }), SPAN_SEPARATORS),
      )
      .map(([marker, content]) => wrap(marker, content, marker, false)),
    link(tie("inline")),
  ),
})).inline;

/**
 * Inline Markdown as an author writes it: spans nested, across lines and paragraphs, long, but
 * each closed, none inside one of its own kind, code without a stray backtick, links not nested.
 */
function authorInline(
  outer: readonly string[],
  inLink: boolean,
  depth: number,
): fc.Arbitrary<Piece> {
  const markers = INLINE_MARKERS.filter((marker) => !outer.includes(marker));
  const options: fc.WeightedArbitrary<Piece>[] = [
    { weight: 6, arbitrary: authorLineAtom },
    { weight: 1, arbitrary: inlineCode(false) },
  ];
  if (depth > 0 && markers.length > 0) {
    const span = fc.constantFrom(...markers).chain((marker) =>
      joinedBy(
        fc.array(authorInline([...outer, marker], inLink, depth - 1), {
          minLength: 1,
          maxLength: 6,
        }),
        SPAN_SEPARATORS,
      ).map((content) => wrap(marker, content, marker, false)),
    );
    options.push({ weight: 3, arbitrary: span });
  }
  if (depth > 0 && !inLink) {
    options.push({ weight: 1, arbitrary: link(authorInline(outer, true, depth - 1)) });
  }
  return fc.oneof(...options);
}

const codeLine = fc.constantFrom(
  "const x = 1;",
  "  return a * b;",
  "    if (x) { y(); }",
  "",
  "",
  "// **not bold** _nor this_",
  "let s = `tpl ` + x;",
  "\tindented with a tab",
  "https://example.com/in/code",
  "日本語のコメント",
);

const codeBlock = fc
  .tuple(
    fc.constantFrom("", "js", "ts", "py", "c++", "diff", "x".repeat(12)),
    fc.array(codeLine, { minLength: 1, maxLength: 20 }),
  )
  .map(([language, lines]) => {
    const body = lines.join("\n").trim() === "" ? `${lines.join("\n")}x` : lines.join("\n");
    return plain(`\`\`\`${language}\n${body}\n\`\`\``);
  });

/** A story whose inline Markdown is `inline`. */
function storyWith(inline: fc.Arbitrary<Piece>): fc.Arbitrary<Piece> {
  const paragraph = joinedBy(
    fc.array(inline, { minLength: 1, maxLength: 5 }),
    fc.constantFrom(" ", " ", " ", "  ", "\n", "\t"),
  );
  const line = joinedBy(fc.array(inline, { minLength: 1, maxLength: 4 }), fc.constant(" ")).map(
    (piece) => ({ ...piece, text: piece.text.replaceAll("\n", " ") }),
  );
  /** Blocks that must start a line, each given as its own line(s). */
  const block: fc.Arbitrary<Piece> = fc.oneof(
    { weight: 10, arbitrary: paragraph },
    { weight: 2, arbitrary: codeBlock },
    {
      weight: 2,
      arbitrary: fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) =>
        join(
          lines.map((quoted) => join([plain("> "), quoted])),
          "\n",
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom("# ", "## ", "### ", "-# "), line)
        .map(([marker, heading]) => join([plain(marker), heading])),
    },
    { weight: 1, arbitrary: sceneBreak },
    { weight: 1, arbitrary: longRun },
    // Markers that only count at a line's start, here in the middle of one.
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          words(6),
          fc.constantFrom(" # ", " ## ", " > ", " >>> ", " -# ", " ```", " - ", " 1. "),
          words(6),
        )
        .map(([before, marker, after]) => join([before, plain(marker), after])),
    },
  );
  // Blocks between line breaks, sometimes ending in a `>>>` quote (which runs to the end).
  return fc
    .tuple(
      joinedBy(
        fc.array(block, { minLength: 1, maxLength: 14 }),
        fc.constantFrom("\n", "\n\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\n\n\n"),
      ),
      fc.option(fc.array(paragraph, { minLength: 1, maxLength: 4 }), { freq: 6 }),
    )
    .map(([body, quoted]) => (quoted ? join([body, plain("\n>>> "), join(quoted, "\n\n")]) : body));
}

/** A story, its Markdown often not as Discord can read it. */
export const story = storyWith(hostileInline);

/**
 * A story with its Markdown as an author writes it. Its URLs have `-` for `_`: Discord's parser
 * ends `_italics_` at a URL's `_` (`_see example.com/a_b_`), as Discord shows it.
 */
export const authorStory = storyWith(authorInline([], false, 2)).map((piece) => ({
  ...piece,
  text: piece.text.replace(/Page_\(|a_b|utm_source/g, (part) => part.replace("_", "-")),
}));

/** Page lengths: small ones (where breaking is hardest) most often, embed-sized ones too. */
export const maxLength = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 20, max: 60 }) },
  { weight: 3, arbitrary: fc.integer({ min: 60, max: 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: 400, max: 4096 }) },
);

/** Pages too small for most tokens: every break there is a cut, but never inside a grapheme that fits. */
export const tinyMaxLength = fc.integer({ min: 2, max: 19 });

/** Page lengths where carried delimiters always fit in a quarter of the page. */
export const roomyMaxLength = fc.integer({ min: 200, max: 1200 });
