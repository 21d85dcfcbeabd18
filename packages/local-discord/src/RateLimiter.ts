import { createHash } from "node:crypto";

/** At most `limit` requests per `windowMs` (a fixed window starting at the first request). */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimitSettings {
  /** All bot requests together (interaction callbacks and webhooks excepted); null: none. */
  readonly global: RateLimitRule | null;
  /** Per route id (e.g. "POST /channels/:channel/messages"), one bucket per major parameter. */
  readonly routes: Readonly<Record<string, RateLimitRule | undefined>>;
}

/** A request that came while its bucket was empty (and got 429). */
export interface RateLimitViolation {
  readonly method: string;
  readonly path: string;
  readonly route: string;
  readonly global: boolean;
  readonly retryAfterMs: number;
  readonly at: number;
}

export type RateLimitDecision =
  | { readonly allowed: true; readonly headers: Readonly<Record<string, string>> }
  | {
      readonly allowed: false;
      readonly global: boolean;
      readonly retryAfterMs: number;
      readonly headers: Readonly<Record<string, string>>;
    };

interface Window {
  start: number;
  count: number;
}

/**
 * Discord-style rate limiting: X-RateLimit-* headers on every limited route, 429 with
 * Retry-After when a bucket (or the global limit) is empty.
 */
export class RateLimiter {
  readonly #settings: RateLimitSettings;
  readonly #buckets = new Map<string, Window>();
  readonly #global: Window = { start: 0, count: 0 };

  constructor(settings: RateLimitSettings) {
    this.#settings = settings;
  }

  /** Takes one request from the route's bucket (and the global one when `global`). */
  take(
    route: string,
    majorParameter: string,
    global: boolean,
    now = Date.now(),
  ): RateLimitDecision {
    const globalRule = global ? this.#settings.global : null;
    if (globalRule !== null) {
      const window = current(this.#global, globalRule, now);
      if (window.count >= globalRule.limit) {
        const retryAfterMs = window.start + globalRule.windowMs - now;
        return {
          allowed: false,
          global: true,
          retryAfterMs,
          headers: {
            "Retry-After": seconds(retryAfterMs),
            "X-RateLimit-Global": "true",
            "X-RateLimit-Scope": "global",
          },
        };
      }
    }
    const rule = this.#settings.routes[route];
    let headers: Record<string, string> = {};
    if (rule !== undefined) {
      const key = `${route} ${majorParameter}`;
      const window = current(this.#buckets.get(key) ?? { start: now, count: 0 }, rule, now);
      this.#buckets.set(key, window);
      const resetAt = window.start + rule.windowMs;
      const bucketHeaders = (remaining: number) => ({
        "X-RateLimit-Limit": String(rule.limit),
        "X-RateLimit-Remaining": String(remaining),
        "X-RateLimit-Reset": seconds(resetAt),
        "X-RateLimit-Reset-After": seconds(resetAt - now),
        "X-RateLimit-Bucket": bucketHash(route),
      });
      if (window.count >= rule.limit) {
        return {
          allowed: false,
          global: false,
          retryAfterMs: resetAt - now,
          headers: {
            ...bucketHeaders(0),
            "Retry-After": seconds(resetAt - now),
            "X-RateLimit-Scope": "user",
          },
        };
      }
      window.count += 1;
      headers = bucketHeaders(rule.limit - window.count);
    }
    if (globalRule !== null) {
      this.#global.count += 1;
    }
    return { allowed: true, headers };
  }
}

/** The window `window` is in at `now`, restarted when its time is up. */
function current(window: Window, rule: RateLimitRule, now: number): Window {
  if (now >= window.start + rule.windowMs) {
    window.start = now;
    window.count = 0;
  }
  return window;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function bucketHash(route: string): string {
  return createHash("sha1").update(route).digest("hex").slice(0, 32);
}
