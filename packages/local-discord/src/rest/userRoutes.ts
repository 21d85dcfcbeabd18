import type { APIGatewayBotInfo, APIUser } from "discord-api-types/v10";
import { Locale } from "discord-api-types/v10";
import { DiscordApiError } from "../DiscordApiError.js";
import { isRecord, stringField } from "../isRecord.js";
import { toApiApplication } from "../serialize/toApiApplication.js";
import { toApiDmChannel } from "../serialize/toApiChannel.js";
import { NO_CONTENT, ok, type RouteHandler } from "./RouteHandler.js";
import type { Services } from "./Services.js";

/** The gateway address, the bot's user and application, users, DM channels, leaving guilds. */
export function userRoutes({ state, gateway, membership }: Services) {
  return {
    "GET /gateway": () => ok({ url: gateway.url }),

    "GET /gateway/bot": () =>
      ok({
        url: gateway.url,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: 1000,
          reset_after: 86_400_000,
          max_concurrency: 16,
        },
      } satisfies APIGatewayBotInfo),

    "GET /users/@me": () =>
      ok({ ...state.botUser, mfa_enabled: false, locale: Locale.EnglishUS } satisfies APIUser),

    "POST /users/@me/channels": (request) => {
      const body = isRecord(request.body.json) ? request.body.json : {};
      return ok(toApiDmChannel(state, state.dmChannel(stringField(body, "recipient_id") ?? "")));
    },

    /** Leave Guild: GUILD_DELETE without `unavailable`; 10004 for a guild the bot is not in. */
    "DELETE /users/@me/guilds/:guild": (request) => {
      const guild = state.guilds.get(request.params.get("guild"));
      if (!state.botIsIn(guild.id)) {
        throw DiscordApiError.unknownGuild();
      }
      membership.remove(guild.id);
      return NO_CONTENT;
    },

    "GET /users/:user": (request) => ok(state.users.get(request.params.get("user"))),

    "GET /applications/@me": () => ok(toApiApplication(state)),
  } satisfies Record<string, RouteHandler>;
}
