import { toApiMessage } from "../serialize/toApiMessage.js";
import { NO_CONTENT, ok, type RouteHandler } from "./RouteHandler.js";
import type { Services } from "./Services.js";

/** Interaction callbacks and the interaction webhook (`@original`, follow-ups). No bot token. */
export function interactionRoutes({ state, interactions, webhook }: Services) {
  return {
    "POST /interactions/:interaction/:token/callback": (request) => {
      const result = interactions.callback(
        request.params.get("interaction"),
        request.params.get("token"),
        request.body,
        request.query.get("with_response") === "true",
      );
      return result.status === 204 ? NO_CONTENT : ok(result.body);
    },

    "POST /webhooks/:application/:token": (request) => {
      const message = webhook.followUp(
        request.params.get("application"),
        request.params.get("token"),
        request.body,
      );
      return request.query.get("wait") === "true" ? ok(toApiMessage(state, message)) : NO_CONTENT;
    },

    "GET /webhooks/:application/:token/messages/:message": (request) => {
      const { params } = request;
      const message = webhook.message(
        params.get("application"),
        params.get("token"),
        params.get("message"),
      );
      return ok(toApiMessage(state, message));
    },

    "PATCH /webhooks/:application/:token/messages/:message": (request) => {
      const { params } = request;
      const message = webhook.edit(
        params.get("application"),
        params.get("token"),
        params.get("message"),
        request.body,
      );
      return ok(toApiMessage(state, message));
    },

    "DELETE /webhooks/:application/:token/messages/:message": (request) => {
      const { params } = request;
      webhook.delete(params.get("application"), params.get("token"), params.get("message"));
      return NO_CONTENT;
    },
  } satisfies Record<string, RouteHandler>;
}
