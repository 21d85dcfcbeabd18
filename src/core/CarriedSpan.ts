/**
 * Formatting that must be closed at the end of a page that cuts it and opened again at the
 * start of the next, so each page renders as the author meant: `**bold**`, a code block, a
 * `>>>` quote, a right-to-left embedding.
 */
export interface CarriedSpan {
  /** `source.slice(start, end)` is the span, delimiters included. */
  readonly start: number;
  readonly end: number;
  /** The formatted text inside the delimiters: a cut here carries the span. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** What opens it again on the next page, e.g. "**", "```js\n", ">>> ". */
  readonly open: string;
  /** What closes it at the end of a page, e.g. "**", "\n```"; "" for quotes. */
  readonly close: string;
  /** A `>` quote is opened again only when the next page starts inside one of its lines. */
  readonly perLine: boolean;
  /** Lines keep their indentation on the next page (code). */
  readonly keepsIndent: boolean;
}
