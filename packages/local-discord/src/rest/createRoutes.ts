import { channelRoutes } from "./channelRoutes.js";
import { commandRoutes } from "./commandRoutes.js";
import { guildRoutes } from "./guildRoutes.js";
import { interactionRoutes } from "./interactionRoutes.js";
import { reactionRoutes } from "./reactionRoutes.js";
import type { Services } from "./Services.js";
import { threadRoutes } from "./threadRoutes.js";
import { userRoutes } from "./userRoutes.js";

/** Every route of the local API v10, by id ("METHOD /path/:param"). */
export function createRoutes(services: Services) {
  return {
    ...userRoutes(services),
    ...commandRoutes(services),
    ...interactionRoutes(services),
    ...channelRoutes(services),
    ...reactionRoutes(services),
    ...threadRoutes(services),
    ...guildRoutes(services),
  };
}

/** A route of the local API, e.g. "POST /channels/:channel/messages". */
export type RouteId = keyof ReturnType<typeof createRoutes>;

/** Routes that authenticate with the interaction token in the path, not the bot token. */
export function usesInteractionToken(route: RouteId): boolean {
  return route.includes(" /interactions/") || route.includes(" /webhooks/");
}
