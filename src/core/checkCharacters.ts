import type { StoryProblem } from "./story.js";

/** The names of the C0 controls, U+0000 to U+001F, and of the C1 controls, U+0080 to U+009F. */
const C0_NAMES =
  "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US".split(
    " ",
  );
const C1_NAMES =
  "PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 DCS PU1 PU2 STS CCH MW SPA EPA SOS SGC SCI CSI ST OSC PM APC".split(
    " ",
  );
const CR = 0x0d;
const LF = 0x0a;
const BOM = 0xfeff;
/** Other lines named in a problem; the rest are counted. */
const MAX_OTHER_LINES = 5;

const LINE_ENDINGS_FIX =
  "Re-save the file with LF or CRLF line endings (most editors show the line endings in the status bar, or offer them under Save As).";

interface Sighting {
  readonly line: number;
  readonly column: number;
  /** What comes before the character on its line, to find it by. */
  readonly before: string;
  readonly otherLines: number[];
}

/**
 * The characters a story file must not have, one problem per character: CR-only line endings
 * (more lines end with a carriage return alone than with LF, so the lines cannot be counted and
 * that is the only problem), a carriage return alone in a
 * file of LF or CRLF lines, a byte order mark other than the one leading mark the decoder already
 * dropped, and control characters (C0 but tab, LF and CR; DEL; C1), with their line and column.
 */
export function checkCharacters(file: string, text: string): StoryProblem[] {
  const loneCarriageReturns = text.match(/\r(?!\n)/g)?.length ?? 0;
  const lineFeeds = text.match(/\n/g)?.length ?? 0;
  if (loneCarriageReturns > lineFeeds) {
    return [
      {
        file,
        message:
          "The file uses CR-only line endings (every line ends with a carriage return alone, as on old Macs), so its lines cannot be told apart.",
        fix: LINE_ENDINGS_FIX,
      },
    ];
  }
  const sightings = new Map<number, Sighting>();
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === LF) {
      line += 1;
      lineStart = index + 1;
    } else if (isForbidden(code) || (code === CR && text.charCodeAt(index + 1) !== LF)) {
      const seen = sightings.get(code);
      if (seen === undefined) {
        const before = [...text.slice(lineStart, index)];
        sightings.set(code, {
          line,
          column: before.length + 1,
          before: before.slice(-20).join(""),
          otherLines: [],
        });
      } else if (seen.line !== line && seen.otherLines.at(-1) !== line) {
        seen.otherLines.push(line);
      }
    }
  }
  return [...sightings].map(([code, sighting]) => problemFor(file, code, sighting));
}

function isForbidden(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== LF && code !== CR) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === BOM
  );
}

function problemFor(file: string, code: number, sighting: Sighting): StoryProblem {
  const { line, column } = sighting;
  const at = `at line ${line}, column ${column}${alsoOn(sighting.otherLines)}`;
  if (code === CR) {
    return {
      file,
      line,
      message: `The file has a carriage return alone (U+000D CR, an old Mac line ending) ${at}, while its other lines end with LF or CRLF.`,
      fix: LINE_ENDINGS_FIX,
    };
  }
  const cursor =
    column === 1
      ? "at the start of that line"
      : /^[\p{L}\p{N}\p{P}\p{S} ]*[\p{L}\p{N}\p{P}\p{S}]$/u.test(sighting.before)
        ? `just after ${JSON.stringify(sighting.before)}`
        : `at column ${column}`;
  const others = sighting.otherLines.length > 0 ? " and on the other lines named" : "";
  const remove = `Delete the invisible character at line ${line}, column ${column}${others}: put the cursor ${cursor} and press Delete once (nothing visible goes away), or retype the line.`;
  if (code === BOM) {
    return {
      file,
      line,
      message:
        line === 1 && column === 1
          ? `The file starts with two byte order marks: the second, an invisible U+FEFF byte order mark ${at}, hides the opening "---".`
          : `The file has an invisible U+FEFF byte order mark ${at}, as when two files are pasted together.`,
      fix: remove,
    };
  }
  return {
    file,
    line,
    message: `The file has the control character ${codeName(code)} ${at}; most editors show it as nothing or as a box, and Discord cannot show it.`,
    fix:
      code === 0
        ? `${remove} If the file is full of them, it was saved as UTF-16: re-save it as UTF-8.`
        : remove,
  };
}

/** "U+001B ESC". */
function codeName(code: number): string {
  const name = code < 0x20 ? C0_NAMES[code] : code === 0x7f ? "DEL" : C1_NAMES[code - 0x80];
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")} ${name ?? ""}`.trimEnd();
}

/** " (also on lines 10, 12 and 40)", or "" when there are no other lines. */
function alsoOn(lines: readonly number[]): string {
  if (lines.length === 0) return "";
  const shown = lines.slice(0, MAX_OTHER_LINES).map(String);
  const more = lines.length - shown.length;
  if (more > 0) shown.push(`${more} more`);
  const last = shown.pop();
  return ` (also on ${lines.length === 1 ? "line" : "lines"} ${shown.length === 0 ? last : `${shown.join(", ")} and ${last}`})`;
}
