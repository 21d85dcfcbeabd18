/** A whole number written out, as Discord's docs define the big bit sets (permissions). */
const DIGITS = { type: "string", pattern: "^(0|[1-9][0-9]*)$" };

/**
 * The spec as validated, loosened where it and Discord's developer docs disagree (the docs win,
 * as the spec's README says) or where its placeholders would reject everything:
 * - an integer whose range passes JavaScript's safe integers (a permission bit set such as
 *   `default_member_permissions`, up to 2^54 - 1) may also be a string of digits: the docs
 *   define those fields as strings, and discord.js sends them so;
 * - an empty `enum` (the join request status and action, July 2026) is dropped: it stands beside
 *   an `allOf` that holds the real values.
 */
export function loosenSpec(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(loosenSpec);
  if (node === null || typeof node !== "object") return node;
  const loosened: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "enum" && Array.isArray(value) && value.length === 0) continue;
    loosened[key] = loosenSpec(value);
  }
  const { maximum } = loosened;
  if (typeof maximum === "number" && maximum > Number.MAX_SAFE_INTEGER) {
    return { anyOf: [loosened, DIGITS] };
  }
  return loosened;
}
