import type { Fault } from "./FaultPlan.js";
import type { RateLimitViolation } from "./RateLimiter.js";
import type { RouteId } from "./rest/createRoutes.js";
import type { SpecViolation } from "./spec/SpecViolation.js";

/** A request the local API received, and its answer. */
export interface RecordedRequest {
  readonly method: string;
  /** The path after /api/v10, URL-decoded ("/webhooks/1/tok/messages/@original"). */
  readonly path: string;
  readonly query: string;
  /** The route that served it; null when none matched (404). */
  readonly route: RouteId | null;
  /** The status answered; 0 when nothing was (an injected hang). */
  readonly status: number;
  /** The JSON body (or multipart payload_json) the bot sent. */
  readonly body: unknown;
  /** The JSON answered, or the error body. */
  readonly response: unknown;
  readonly at: number;
  /** The injected fault that answered instead of the route (see `LocalDiscord.injectFault`). */
  readonly fault?: Fault;
}

/** A request no route matched: a discord.js call the local Discord does not know. */
export interface UnhandledRequest {
  readonly method: string;
  readonly path: string;
}

/** A request as it arrives, before it is served. */
export interface ArrivingRequest {
  readonly method: string;
  /** The path after /api/v10, URL-decoded. */
  readonly path: string;
}

/** Everything the local API saw, for tests to assert on. */
export class RequestLog {
  readonly #arrivalListeners = new Set<(request: ArrivingRequest) => void>();
  readonly #requests: RecordedRequest[] = [];
  readonly #unhandled: UnhandledRequest[] = [];
  readonly #rateLimitViolations: RateLimitViolation[] = [];
  readonly #specViolations: SpecViolation[] = [];

  /**
   * Calls `listener` as each request arrives, before it is served (e.g. to kill the client
   * mid-request); returns the function that stops it.
   */
  onArrival(listener: (request: ArrivingRequest) => void): () => void {
    this.#arrivalListeners.add(listener);
    return () => this.#arrivalListeners.delete(listener);
  }

  /** Tells the arrival listeners of a request about to be served. */
  arrived(request: ArrivingRequest): void {
    for (const listener of this.#arrivalListeners) listener(request);
  }

  /** Records a request once it is answered (or faulted). */
  answered(request: RecordedRequest): void {
    this.#requests.push(request);
  }

  /** Records a request no route matched. */
  unmatched(request: UnhandledRequest): void {
    this.#unhandled.push(request);
  }

  /** Records a request answered 429 because it went over a rate limit. */
  rateLimited(violation: RateLimitViolation): void {
    this.#rateLimitViolations.push(violation);
  }

  /** Records a request answered 400 because Discord's spec rejects its body. */
  specRejected(violation: SpecViolation): void {
    this.#specViolations.push(violation);
  }

  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  get unhandled(): readonly UnhandledRequest[] {
    return this.#unhandled;
  }

  get rateLimitViolations(): readonly RateLimitViolation[] {
    return this.#rateLimitViolations;
  }

  /** Requests Discord's spec rejects (answered 400 Invalid Form Body). */
  get specViolations(): readonly SpecViolation[] {
    return this.#specViolations;
  }
}
