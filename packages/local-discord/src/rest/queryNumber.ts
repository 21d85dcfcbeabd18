import { FormErrors } from "../FormErrors.js";

/** An integer query parameter within `min`..`max` (50035 otherwise), or `fallback` when absent. */
export function queryNumber(
  query: URLSearchParams,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  const raw = query.get(name);
  if (raw === null) {
    return range.fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    const errors = new FormErrors();
    errors.add(
      [name],
      "NUMBER_TYPE_MAX",
      `Must be an integer between ${range.min} and ${range.max}.`,
    );
    throw errors.toError();
  }
  return value;
}
