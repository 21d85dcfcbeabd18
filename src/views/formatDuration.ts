const UNITS = [
  { ms: 86_400_000, name: "day" },
  { ms: 3_600_000, name: "hour" },
  { ms: 60_000, name: "minute" },
  { ms: 1000, name: "second" },
] as const;

/** A span of time in its largest whole unit, as a person says it: "30 minutes", "1 hour". */
export function formatDuration(ms: number): string {
  const unit = UNITS.find((candidate) => ms >= candidate.ms) ?? UNITS[3];
  const count = Math.round(ms / unit.ms);
  return `${count} ${unit.name}${count === 1 ? "" : "s"}`;
}
