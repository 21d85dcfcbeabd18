import { DiscordAPIError, type RequestData } from "discord.js";
import type { DropRest } from "../../src/scheduler/DropPoster.js";

/** A request the fake REST got. */
export interface FakeCall {
  readonly method: "GET" | "POST" | "PUT" | "PATCH";
  readonly route: string;
  readonly body: unknown;
}

/**
 * A stand-in for discord.js's REST in unit tests: records each call and answers it with
 * `answer` (a message id for posts by default). Throw a Discord error with `discordError`.
 */
export class FakeDiscordRest implements DropRest {
  readonly calls: FakeCall[] = [];
  answer: (call: FakeCall) => unknown = (call) =>
    call.method === "POST" ? { id: String(100 + this.calls.length) } : [];

  get = async (route: string, options?: RequestData): Promise<unknown> =>
    this.#take({ method: "GET", route, body: options?.query?.toString() });

  post = async (route: string, options?: RequestData): Promise<unknown> =>
    this.#take({ method: "POST", route, body: options?.body });

  put = async (route: string, options?: RequestData): Promise<unknown> =>
    this.#take({ method: "PUT", route, body: options?.body });

  patch = async (route: string, options?: RequestData): Promise<unknown> =>
    this.#take({ method: "PATCH", route, body: options?.body });

  #take(call: FakeCall): unknown {
    this.calls.push(call);
    return this.answer(call);
  }
}

/** An error as discord.js throws it for a refusal: `status` with Discord's JSON `code`. */
export function discordError(status: number, code: number, message: string): DiscordAPIError {
  return new DiscordAPIError({ code, message }, code, status, "POST", "/fake", {});
}
