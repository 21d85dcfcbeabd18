import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { SpecViolation } from "../src/index.js";
import { LocalDiscord } from "../src/index.js";

/**
 * A Vitest setup file (`setupFiles`): fails the test during which any local Discord answered a
 * request 400 because Discord's OpenAPI spec rejects it, so what the bot (or a test) sends must
 * be what Discord accepts. A test that sends such a request on purpose takes it with
 * `takeSpecViolations`.
 */
const violations: SpecViolation[] = [];
let stop: (() => void) | undefined;

beforeAll(() => {
  stop = LocalDiscord.onSpecViolation((violation) => violations.push(violation));
});

afterEach(() => {
  const seen = violations.splice(0);
  expect(seen, "requests Discord's OpenAPI spec rejects").toEqual([]);
});

afterAll(() => stop?.());

/** The spec violations seen so far in this test, which then do not fail it. */
export function takeSpecViolations(): SpecViolation[] {
  return violations.splice(0);
}
