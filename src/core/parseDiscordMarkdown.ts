import { rulesExtended, SimpleMarkdown } from "discord-markdown-parser";

type Rule = (typeof rulesExtended)[string];
type Capture = NonNullable<ReturnType<Rule["match"]>>;
type State = Parameters<Rule["match"]>[1];
type NestedParse = Parameters<Rule["parse"]>[1];

/** A node of Discord's Markdown with where it lies in the source. */
export interface MarkdownNode {
  /**
   * The rule that matched: strong, em, u, strike, spoiler, inlineCode, codeBlock, blockQuote,
   * url, user, emoji, timestamp, text, br…; `nestedEm` for emphasis inside emphasis, which
   * discord-markdown-parser gives as its content alone.
   */
  readonly type: string;
  /** `source.slice(start, end)` is the node, delimiters included. */
  readonly start: number;
  readonly end: number;
  readonly children: readonly MarkdownNode[];
}

/** Where the code units of the string being parsed lie in the whole source. */
type SourceMap = (index: number) => number;

/** A string being parsed, nested or not: its length and where its code units lie. */
interface Origin {
  readonly length: number;
  readonly map: SourceMap;
}

interface Place {
  readonly start: number;
  readonly end: number;
  readonly origin: Origin;
  /** Index of the capture in the string being parsed. */
  readonly first: number;
}

/** The string each parse state is parsing; rules copy states, so this is set on each call. */
const origins = new WeakMap<State, Origin>();
const places = new WeakMap<Capture, Place>();
const spans = new WeakMap<object, { readonly start: number; readonly end: number }>();

/**
 * Parses `text` as Discord renders a message or an embed (masked links included), with each
 * node's place in `text`.
 *
 * discord-markdown-parser has Discord's rules (simple-markdown, as Discord's client uses) but
 * its nodes carry no positions, which the pager needs. So every rule is wrapped: a match
 * records where in the current source it starts, and a rule's nested parse learns where its
 * inner source lies in the outer one (a slice, or for `>` quotes the lines without their
 * markers). simple-markdown's preprocessing (tabs to four spaces, CRLF to LF) is done here
 * instead, keeping a map back to the text: CRLF becomes LF, and tabs, form feeds and lone
 * carriage returns become one space each, which the rules treat as four.
 */
export function parseDiscordMarkdown(text: string): MarkdownNode[] {
  const spaced = text.replace(/[\t\f]|\r(?!\n)/g, " ");
  const state: State = { inline: true };
  if (!spaced.includes("\r")) {
    origins.set(state, { length: spaced.length, map: (index) => index });
    return located(PARSER(spaced, state));
  }
  const source = spaced.replace(/\r\n/g, "\n");
  const positions = new Int32Array(source.length + 1);
  for (let index = 0, original = 0; index <= source.length; index++, original++) {
    if (spaced.charCodeAt(original) === CR) original++;
    positions[index] = original;
  }
  origins.set(state, { length: source.length, map: (index) => positions[index] ?? text.length });
  return located(PARSER(source, state));
}

const CR = 0x0d;
/** The type of emphasis inside emphasis (`_a *b* c_`), which Discord shows as the text alone. */
const NESTED_EMPHASIS = "nestedEm";

/**
 * Where Discord's text rule may stop: before a character another rule can start with, or a
 * word followed by `:` (a URL's scheme). Digits are Emoji_Component but start no rule here.
 */
const RULE_START = /[\n`\\<*_~|#\-@[:¯]|(?![0-9])[\p{Emoji}\p{Emoji_Component}]/gu;
const WORD = /\w/;
const SCHEME_BEFORE_COLON = /https?$/;

/**
 * discord-markdown-parser's text rule, `/^[\s\S]+?(?=[^0-9A-Za-z\s]|\n\n|\n|\w+:\S|$)/`,
 * stops before every character that is not a letter or digit, and its lookahead rescans a
 * word at each of its letters: a text node per comma, and quadratic on a long word (before a
 * colon, one text node per letter). This rule
 * takes the same text up to where another rule could start (no rule starts with `.`, `,` or a
 * letter outside ASCII), so the tree is the same with fewer, longer text nodes, in linear time.
 */
const text: Rule = {
  ...SimpleMarkdown.defaultRules.text,
  match(source) {
    const first = String.fromCodePoint(source.codePointAt(0) ?? 0).length;
    RULE_START.lastIndex = first;
    const stop = RULE_START.exec(source);
    let end = stop ? Math.max(first, stop.index) : source.length;
    if (stop?.[0] === ":" && /\S/.test(source[end + 1] ?? " ")) {
      let wordStart = end;
      while (wordStart > 0 && WORD.test(source[wordStart - 1] ?? "")) wordStart--;
      if (wordStart > 0) {
        end = Math.max(first, wordStart);
      } else if (source.startsWith("://", end)) {
        // Inside a word only the url rule can start, at its scheme: stop there or at the colon.
        const scheme = SCHEME_BEFORE_COLON.exec(source.slice(0, end))?.index ?? 0;
        if (scheme >= first) end = scheme;
      }
    }
    const capture: Capture = [source.slice(0, end)];
    return capture;
  },
};

/** The farthest a masked link's `](` is looked for: far more than any page holds. */
const LINK_REACH = 8192;

/**
 * simple-markdown's link rule scans to the end of the text from every `[` with no `](` after
 * it, quadratic in a long part with many brackets ("[sic]"); Discord parses one message of at
 * most 4,096 characters. So a `[` is tried as a link only with a `](` within reach.
 */
const link: Rule | undefined = rulesExtended.link && {
  ...rulesExtended.link,
  match(source, state, previous) {
    if (source.lastIndexOf("](", LINK_REACH) < 0) return null;
    return rulesExtended.link?.match(source, state, previous);
  },
};

/**
 * discord-markdown-parser's heading and subtext rules look for the line break before them in
 * the last group of the previous capture, not at its end, so they miss a heading right after a
 * `>` quote (whose capture ends with its line break), which Discord shows as a heading. Here a
 * capture that ends with a line break counts too.
 */
function atLineStart(rule: Rule): Rule {
  return {
    ...rule,
    match(source, state, previous) {
      // Both start with "#" or "-#"; elsewhere they cannot match, and need no copied state.
      if (source[0] !== "#" && !source.startsWith("-#")) return null;
      const before = state.prevCapture?.[0];
      if (before !== undefined && !before.endsWith("\n"))
        return rule.match(source, state, previous);
      return rule.match(source, { ...state, prevCapture: null }, previous);
    },
  };
}

const LINE_START_RULES = new Set(["heading", "subtext"]);

const PARSER = SimpleMarkdown.parserFor(
  Object.fromEntries(
    Object.entries({ ...rulesExtended, text, ...(link ? { link } : {}) }).map(([name, rule]) => [
      name,
      locate(LINE_START_RULES.has(name) ? atLineStart(rule) : rule),
    ]),
  ),
);

function locate(rule: Rule): Rule {
  return {
    ...rule,
    match(source, state, previous) {
      const capture = rule.match(source, state, previous);
      const origin = origins.get(state);
      const matched = capture?.[0];
      if (capture && matched && origin) {
        const first = origin.length - source.length;
        const start = origin.map(first);
        const end = origin.map(first + matched.length - 1) + 1;
        places.set(capture, { start, end, origin, first });
      }
      return capture;
    },
    parse(capture, nestedParse, state) {
      const place = places.get(capture);
      const inner: NestedParse = (innerSource, givenState) => {
        const innerState = givenState ?? state;
        const outer = origins.get(innerState);
        if (place) {
          const map = innerMap(capture[0] ?? "", innerSource, place);
          origins.set(innerState, { length: innerSource.length, map });
        }
        try {
          return nestedParse(innerSource, innerState);
        } finally {
          if (outer) origins.set(innerState, outer);
        }
      };
      const parsed = rule.parse(capture, inner, state);
      if (!place) return parsed;
      // Emphasis inside emphasis gives its content alone (its delimiters are dropped, with no
      // more italics); it is kept as a node of its own type, since the delimiters are there.
      const node = Array.isArray(parsed) ? { type: NESTED_EMPHASIS, content: parsed } : parsed;
      spans.set(node, { start: place.start, end: place.end });
      return node;
    },
  };
}

/**
 * Where `inner` (a rule's nested source) lies in `whole`, the rule's capture: a slice of it
 * (the one with as much before as after, for delimiters on both sides, as in `***a***`), or,
 * when the rule dropped characters (quote markers), the characters matched in order.
 */
function innerMap(whole: string, inner: string, place: Place): SourceMap {
  const outer = (index: number) => place.origin.map(place.first + index);
  let offset = whole.indexOf(inner);
  for (let other = offset; other >= 0 && inner !== ""; other = whole.indexOf(inner, other + 1)) {
    if (other === whole.length - other - inner.length) offset = other;
  }
  if (offset >= 0) return (index) => outer(offset + index);
  const positions = new Int32Array(inner.length + 1);
  let cursor = 0;
  for (let index = 0; index < inner.length; index++) {
    while (cursor < whole.length - 1 && whole[cursor] !== inner[index]) cursor++;
    positions[index] = cursor;
    cursor++;
  }
  positions[inner.length] = whole.length;
  return (index) => outer(positions[index] ?? whole.length);
}

function located(nodes: readonly unknown[]): MarkdownNode[] {
  const result: MarkdownNode[] = [];
  for (const node of nodes) {
    if (typeof node !== "object" || node === null) continue;
    const content: unknown = "content" in node ? node.content : undefined;
    const children = Array.isArray(content) ? located(content) : [];
    const span = spans.get(node);
    const type = "type" in node ? node.type : undefined;
    if (span && typeof type === "string") result.push({ type, ...span, children });
    else result.push(...children);
  }
  return result;
}
