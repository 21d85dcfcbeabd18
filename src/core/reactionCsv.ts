import type { ReactionReport } from "./reactionReport.js";

/**
 * The author's figures as CSV (RFC 4180: quoted where needed, CRLF line ends), one row per part,
 * one column per emoji; then the same for early readers (after the columns an older export had,
 * so a spreadsheet built on it still reads them). It starts with a byte order mark so
 * spreadsheet apps read the emoji as UTF-8.
 */
export function reactionCsv(report: ReactionReport): string {
  const emoji = [...new Set(report.parts.flatMap((part) => part.reactions.map((r) => r.emoji)))];
  const header = [
    "part_id",
    "part",
    "readers_started",
    "readers_finished",
    "finished_part_before",
    "went_on_from_part_before",
    ...emoji,
    "readers_started_early",
    ...emoji.map((mark) => `${mark} early`),
  ];
  const rows = report.parts.map((part) => {
    const counts = new Map(part.reactions.map((r) => [r.emoji, r.readers]));
    const early = new Map(part.earlyReactions.map((r) => [r.emoji, r.readers]));
    const scene = part.reactions.length > 0;
    return [
      part.partId,
      part.label,
      part.started,
      part.finished,
      part.fromPrevious?.finished ?? "",
      part.fromPrevious?.went ?? "",
      ...emoji.map((mark) => (scene ? (counts.get(mark) ?? 0) : "")),
      scene ? part.earlyStarted : "",
      ...emoji.map((mark) => (scene ? (early.get(mark) ?? 0) : "")),
    ];
  });
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
