import type { RequestBody } from "../parseRequestBody.js";

/** A matched API request, as route handlers see it (path segments already URL-decoded). */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly params: RouteParams;
  readonly query: URLSearchParams;
  readonly body: RequestBody;
}

export interface RestReply {
  readonly status: number;
  /** Sent as JSON; none for 204. */
  readonly body?: unknown;
}

export type RouteHandler = (request: RestRequest) => RestReply | Promise<RestReply>;

/** The `:name` segments of a matched route. */
export class RouteParams {
  readonly #values: ReadonlyMap<string, string>;

  constructor(values: ReadonlyMap<string, string>) {
    this.#values = values;
  }

  get(name: string): string {
    const value = this.#values.get(name);
    if (value === undefined) {
      throw new Error(`The route has no :${name} parameter`);
    }
    return value;
  }

  find(name: string): string | undefined {
    return this.#values.get(name);
  }
}

export function ok(body: unknown, status = 200): RestReply {
  return { status, body };
}

export const NO_CONTENT: RestReply = { status: 204 };
