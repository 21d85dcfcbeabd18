/** The `linebreak` package (UAX #14, the Unicode Line Breaking Algorithm) ships no types. */
declare module "linebreak" {
  interface Break {
    /** The code unit index a line may start at. */
    readonly position: number;
    /** A mandatory break (after a line terminator). */
    readonly required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity; the last one is at the end of the text. */
    nextBreak(): Break | null;
  }
}
