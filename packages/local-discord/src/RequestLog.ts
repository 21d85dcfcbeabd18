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
  /** Called as each request arrives, before it is served (e.g. to kill the client mid-request). */
  readonly arrivalListeners = new Set<(request: ArrivingRequest) => void>();
  readonly requests: RecordedRequest[] = [];
  readonly unhandled: UnhandledRequest[] = [];
  readonly violations: RateLimitViolation[] = [];
  /** Requests Discord's spec rejects (answered 400 Invalid Form Body). */
  readonly specViolations: SpecViolation[] = [];
}
