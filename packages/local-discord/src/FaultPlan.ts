import type { RouteId } from "./rest/createRoutes.js";

/**
 * How an injected fault answers: a server error (no body parsing by discord.js, no rate-limit
 * headers), a rate limit (429 with `Retry-After` and `retry_after`; `global` adds
 * `X-RateLimit-Global`), or no answer at all (the connection stays open until the client gives
 * up or the server closes).
 */
export type Fault =
  | { readonly status: 500 | 502 | 503 | 504 }
  | { readonly status: 429; readonly retryAfterMs: number; readonly global?: boolean }
  | { readonly hang: true };

/** Which requests fail, how many times, and how. Filters left out match every request. */
export interface FaultInjection {
  /** "POST", "PUT"... */
  readonly method?: string;
  /** The route that would serve the request: "POST /channels/:channel/messages". */
  readonly route?: RouteId;
  /** The path after /api/v10, URL-decoded: equal to this string, or matching this pattern. */
  readonly path?: string | RegExp;
  /** How many matching requests fail (default 1; `Infinity` until `clear()`). */
  readonly times?: number;
  readonly fault: Fault;
}

/** A fault in place. */
export interface InjectedFault {
  /** How many requests it has failed so far. */
  readonly hits: number;
  /** How many more requests it will fail. */
  readonly remaining: number;
  /** Lifts it: the next matching requests are served. */
  clear(): void;
}

/** A request about to be served, as faults match it. */
export interface FaultTarget {
  readonly method: string;
  readonly route: RouteId;
  readonly path: string;
}

interface PlannedFault extends InjectedFault {
  readonly matches: (target: FaultTarget) => boolean;
  readonly fault: Fault;
  hits: number;
  remaining: number;
}

/** The faults tests injected, first injected first; each fails its next N matching requests. */
export class FaultPlan {
  readonly #planned: PlannedFault[] = [];

  add(injection: FaultInjection): InjectedFault {
    const times = injection.times ?? 1;
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
      throw new Error(`injectFault: times must be a positive integer or Infinity, not ${times}`);
    }
    const { fault } = injection;
    if (
      "retryAfterMs" in fault &&
      !(Number.isFinite(fault.retryAfterMs) && fault.retryAfterMs >= 0)
    ) {
      throw new Error(`injectFault: retryAfterMs must be 0 or more, not ${fault.retryAfterMs}`);
    }
    const path = injection.path;
    const pattern =
      path instanceof RegExp ? new RegExp(path.source, path.flags.replace(/[gy]/g, "")) : path;
    const planned: PlannedFault = {
      fault,
      hits: 0,
      remaining: times,
      matches: (target) =>
        (injection.method === undefined || injection.method === target.method) &&
        (injection.route === undefined || injection.route === target.route) &&
        (pattern === undefined ||
          (typeof pattern === "string" ? pattern === target.path : pattern.test(target.path))),
      clear: () => {
        planned.remaining = 0;
      },
    };
    this.#planned.push(planned);
    return planned;
  }

  /** The fault this request meets (counted as one of its N), or undefined when none applies. */
  take(target: FaultTarget): Fault | undefined {
    const planned = this.#planned.find(
      (candidate) => candidate.remaining > 0 && candidate.matches(target),
    );
    if (planned === undefined) return undefined;
    planned.hits += 1;
    planned.remaining -= 1;
    return planned.fault;
  }
}
