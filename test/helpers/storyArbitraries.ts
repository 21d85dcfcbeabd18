import fc from "fast-check";
import {
  authorLineAtom,
  INLINE_MARKERS,
  lineAtom,
  longRun,
  sceneBreak,
  url,
  words,
} from "./lineAtoms.js";
import { join, joinedBy, type Piece, plain, wrap } from "./Piece.js";

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
