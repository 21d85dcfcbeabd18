import type { BenchRow } from "./BenchRow.js";

const number = new Intl.NumberFormat("en", { maximumSignificantDigits: 4 });

/** The rows as a Markdown table: it reads in a terminal and pastes into the README as is. */
export function formatTable(rows: readonly BenchRow[]): string {
  const head = ["Benchmark", "Figure", "Measured", "Baseline", "Ratio", "Target", "Holds"];
  const lines = rows.map((row) => [
    row.group,
    row.figure,
    `${number.format(row.value)} ${row.unit}`,
    row.baseline === undefined
      ? "—"
      : `${number.format(row.baseline.value)} ${row.unit} (${row.baseline.name})`,
    row.ratio === undefined ? "—" : number.format(row.ratio),
    row.target ?? "—",
    row.holds === undefined
      ? "—"
      : row.holds
        ? "yes"
        : `**no**${row.note === undefined ? "" : `: ${row.note}`}`,
  ]);
  return [head, head.map(() => "---"), ...lines]
    .map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
}
