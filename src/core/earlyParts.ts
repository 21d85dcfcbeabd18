import type { Book } from "./Book.js";
import type { EarlyAccessGrant } from "./EarlyAccessGrant.js";

/** How many unreleased parts a member may read early: the most any role they hold is given. */
export function earlyAllowance(
  grants: readonly EarlyAccessGrant[],
  roleIds: ReadonlySet<string>,
): number {
  return grants.reduce(
    (most, grant) => (roleIds.has(grant.roleId) ? Math.max(most, grant.parts) : most),
    0,
  );
}

/**
 * The parts early access opens: the next `count` unreleased scenes in story order, the order
 * they come out in (a scene with its own release time included: it is as unreleased as any).
 */
export function earlyParts(
  book: Book,
  released: ReadonlySet<string>,
  count: number,
): ReadonlySet<string> {
  const early = new Set<string>();
  for (const { part } of book.parts) {
    if (early.size >= count) break;
    if (part.kind === "scene" && !released.has(part.id)) early.add(part.id);
  }
  return early;
}
