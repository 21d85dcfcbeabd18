import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChangeFeed } from "../ChangeFeed.js";
import { DiscordApiError } from "../DiscordApiError.js";
import type { Fault, FaultPlan } from "../FaultPlan.js";
import { FormErrors } from "../FormErrors.js";
import { parseRequestBody, type RequestBody } from "../parseRequestBody.js";
import type { RateLimiter } from "../RateLimiter.js";
import type { RequestLog } from "../RequestLog.js";
import type { DiscordSpec } from "../spec/DiscordSpec.js";
import type { SpecViolation } from "../spec/SpecViolation.js";
import { createRoutes, type RouteId, usesInteractionToken } from "./createRoutes.js";
import type { RestReply, RouteHandler, RouteParams } from "./RouteHandler.js";
import { RouteMatcher } from "./RouteMatcher.js";
import type { Services } from "./Services.js";

const API_PREFIX = "/api/v10";
const ATTACHMENT_PATH = /^\/attachments\/\d+\/(\d+)\/[^/]+$/;

export interface RestServerOptions {
  readonly services: Services;
  readonly token: string;
  /** null: no rate limits. */
  readonly rateLimiter: RateLimiter | null;
  readonly log: RequestLog;
  readonly changes: ChangeFeed;
  /** Faults tests injected: they answer matching requests before auth, rate limits and routes. */
  readonly faults: FaultPlan;
  /** Discord's spec, which every request's body is checked against before its route runs. */
  readonly spec: DiscordSpec | undefined;
  /** Told of each request the spec rejects, after it is recorded in the log. */
  readonly onSpecViolation: (violation: SpecViolation) => void;
}

/**
 * The HTTP side: /api/v10 routes (bot token or interaction token), rate limits, Discord-shaped
 * errors, 404 for anything unknown (recorded), injected faults, and attachment downloads under
 * /attachments.
 */
export class RestServer {
  readonly #options: RestServerOptions;
  readonly #routes: Readonly<Record<RouteId, RouteHandler>>;
  readonly #matcher: RouteMatcher<RouteId>;

  constructor(options: RestServerOptions) {
    this.#options = options;
    const routes = createRoutes(options.services);
    this.#routes = routes;
    this.#matcher = new RouteMatcher(routeIds(routes));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    const raw = await readAll(request);
    if (method === "GET" && this.#serveAttachment(url.pathname, response)) {
      return;
    }
    const path = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length)
      : null;
    const segments =
      path
        ?.split("/")
        .filter((segment) => segment !== "")
        .map(decode) ?? [];
    const decodedPath = `/${segments.join("/")}`;
    const match = path === null ? undefined : this.#matcher.match(method, segments);
    const { log } = this.#options;
    log.arrived({ method, path: decodedPath });
    let body: RequestBody = { json: undefined, files: [] };
    let headers: Record<string, string> = {};
    let fault: Fault | undefined;
    let reply: RestReply;
    try {
      if (match === undefined) {
        log.unmatched({ method, path: path === null ? url.pathname : decodedPath });
        throw DiscordApiError.notFound();
      }
      body = await parseRequestBody(raw, request.headers["content-type"]);
      fault = this.#options.faults.take({ method, route: match.id, path: decodedPath });
      if (fault !== undefined) {
        ({ reply, headers } = faultAnswer(fault));
      } else {
        const tokenRoute = usesInteractionToken(match.id);
        if (!tokenRoute && request.headers.authorization !== `Bot ${this.#options.token}`) {
          throw DiscordApiError.unauthorized();
        }
        const limits = this.#options.rateLimiter?.take(
          match.id,
          majorParameter(match.params),
          !tokenRoute,
        );
        headers = { ...limits?.headers };
        if (limits !== undefined && !limits.allowed) {
          log.rateLimited({
            method,
            path: decodedPath,
            route: match.id,
            global: limits.global,
            retryAfterMs: limits.retryAfterMs,
            at: Date.now(),
          });
          reply = rateLimited(limits.retryAfterMs, limits.global);
        } else {
          this.#checkSpec(method, segments, decodedPath, body);
          reply = await this.#routes[match.id]({
            method,
            path: decodedPath,
            params: match.params,
            query: url.searchParams,
            body,
          });
        }
      }
    } catch (error) {
      reply = errorReply(error);
    }
    log.answered({
      method,
      path: path === null ? url.pathname : decodedPath,
      query: url.search,
      route: match?.id ?? null,
      status: reply.status,
      body: body.json,
      response: reply.body,
      at: Date.now(),
      ...(fault === undefined ? {} : { fault }),
    });
    if (fault === undefined || !("hang" in fault)) send(response, reply, headers);
    this.#options.changes.notify();
  }

  /**
   * Records and throws (as Discord's 400 Invalid Form Body, with each problem under its field)
   * what Discord's spec rejects in a request's body, unless the checks are off (`checkSpec`).
   */
  #checkSpec(method: string, segments: readonly string[], path: string, body: RequestBody): void {
    const { spec } = this.#options;
    if (spec === undefined) return;
    const { operation, problems } = spec.check(method, segments, body.json);
    if (problems.length === 0) return;
    const violation: SpecViolation = {
      method,
      path,
      operation: operation ?? "",
      problems: problems.map((problem) => `/${problem.path.join("/")} ${problem.message}`),
    };
    this.#options.log.specRejected(violation);
    this.#options.onSpecViolation(violation);
    const errors = new FormErrors();
    for (const problem of problems) errors.add(problem.path, problem.code, problem.message);
    errors.throwIfAny();
  }

  #serveAttachment(pathname: string, response: ServerResponse): boolean {
    const attachmentId = ATTACHMENT_PATH.exec(pathname)?.[1];
    if (attachmentId === undefined) {
      return false;
    }
    const file = this.#options.services.state.messages.file(attachmentId);
    if (file === undefined) {
      return false;
    }
    response.writeHead(200, {
      "Content-Type": file.contentType,
      "Content-Length": file.data.length,
    });
    response.end(file.data);
    return true;
  }
}

function routeIds(routes: Readonly<Record<RouteId, RouteHandler>>): RouteId[] {
  return Object.keys(routes).filter((key): key is RouteId => key in routes);
}

/** The parameter Discord keys buckets by: the channel, guild, or interaction webhook. */
function majorParameter(params: RouteParams): string {
  const token = params.find("token");
  const webhook =
    token === undefined
      ? undefined
      : `${params.find("application") ?? params.find("interaction")}/${token}`;
  return params.find("channel") ?? params.find("guild") ?? webhook ?? "global";
}

function rateLimited(retryAfterMs: number, global: boolean): RestReply {
  return {
    status: 429,
    body: {
      message: "You are being rate limited.",
      retry_after: retryAfterMs / 1000,
      global,
      ...(global ? { code: 0 } : {}),
    },
  };
}

/** What an injected fault answers; a hang answers nothing (status 0 in the request log). */
function faultAnswer(fault: Fault): { reply: RestReply; headers: Record<string, string> } {
  if ("hang" in fault) return { reply: { status: 0 }, headers: {} };
  if (fault.status !== 429) {
    return {
      reply: { status: fault.status, body: { message: "Injected server error", code: 0 } },
      headers: {},
    };
  }
  const global = fault.global ?? false;
  return {
    reply: rateLimited(fault.retryAfterMs, global),
    headers: {
      "Retry-After": (fault.retryAfterMs / 1000).toFixed(3),
      "X-RateLimit-Scope": global ? "global" : "user",
      ...(global ? { "X-RateLimit-Global": "true" } : {}),
    },
  };
}

function errorReply(error: unknown): RestReply {
  if (error instanceof DiscordApiError) {
    return { status: error.status, body: error.toJSON() };
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error("Local Discord: a route failed", error);
  return { status: 500, body: { message: `Local Discord failed: ${message}`, code: 0 } };
}

function send(response: ServerResponse, reply: RestReply, headers: Record<string, string>): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, { ...headers, "Content-Type": "application/json" });
  response.end(text);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readAll(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
