/** A half-open range of UTF-16 code units, `text.slice(start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
