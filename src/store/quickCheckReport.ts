import type Database from "better-sqlite3";

/** How many of quick_check's findings a report quotes (and one more, to know there are more). */
export const QUOTED = 5;

/** quick_check's heading for each database it reports on, which says nothing a reader needs. */
const HEADING = /^\*\*\* in database \S+ \*\*\*$/;

/**
 * Runs `PRAGMA quick_check` (integrity_check less its matching of index content to the tables,
 * so it stays quick on a large file) and quotes a few lines of what it found wrong; undefined
 * when it found nothing. It only reads: it never changes the file.
 */
export function quickCheckReport(db: Database.Database): string | undefined {
  return describeQuickCheck(
    db
      .prepare(`PRAGMA quick_check(${QUOTED + 1})`)
      .pluck()
      .all(),
  );
}

/** The report on quick_check's rows (see quickCheckReport). */
export function describeQuickCheck(rows: readonly unknown[]): string | undefined {
  if (rows.length === 1 && rows[0] === "ok") return undefined;
  const lines = rows
    .flatMap((row) => String(row).split("\n"))
    .filter((line) => line.trim() !== "" && !HEADING.test(line));
  const quoted = lines.slice(0, QUOTED).map((line) => `  ${line}`);
  if (lines.length > QUOTED) quoted.push("  …");
  return `PRAGMA quick_check found:\n${quoted.join("\n")}`;
}
