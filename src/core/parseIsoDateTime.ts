const isoDateTime =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Reads an ISO 8601 date and time that states its offset from UTC, such as
 * "2026-01-09T18:00:00+01:00" or "2026-01-09T17:00Z". Returns undefined for anything
 * else, including impossible dates like February 30th.
 */
export function parseIsoDateTime(text: string): Date | undefined {
  const match = isoDateTime.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] =
    match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second ?? "0");
  const oh = Number(offsetHours ?? "0");
  const om = Number(offsetMinutes ?? "0");
  if (h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return undefined;
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d) {
    return undefined;
  }
  utc.setUTCHours(h, mi, s, Math.floor(Number(`0.${fraction ?? "0"}`) * 1000));
  const offset = (sign === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  return new Date(utc.getTime() - offset);
}
