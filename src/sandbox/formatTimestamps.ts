const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

function relativeTime(seconds: number): string {
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") {
      return relative.format(Math.round(seconds / size), unit);
    }
  }
  return relative.format(0, "second");
}

const STYLES: Readonly<Record<string, Intl.DateTimeFormatOptions>> = {
  t: { timeStyle: "short" },
  T: { timeStyle: "medium" },
  d: { dateStyle: "short" },
  D: { dateStyle: "long" },
  f: { dateStyle: "long", timeStyle: "short" },
  F: { dateStyle: "full", timeStyle: "short" },
};

/** Renders Discord's `<t:UNIX:STYLE>` markup as the Discord app would show it, in `timeZone`. */
export function formatTimestamps(text: string, now: Date, timeZone: string): string {
  return text.replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, unix: string, style = "f") => {
    const seconds = Number(unix);
    if (style === "R") return relativeTime(seconds - now.getTime() / 1000);
    return new Intl.DateTimeFormat("en-GB", { ...STYLES[style], timeZone }).format(seconds * 1000);
  });
}
