import { ChannelType } from "discord-api-types/v10";
import { toApiChannel } from "../serialize/toApiChannel.js";
import { toApiGuild } from "../serialize/toApiGuild.js";
import { toApiMember } from "../serialize/toApiMember.js";
import { toApiRole } from "../serialize/toApiRole.js";
import { queryNumber } from "./queryNumber.js";
import { ok, type RouteHandler } from "./RouteHandler.js";
import type { Services } from "./Services.js";

/** Guilds, their channels, members and roles; 50001 for a guild the bot is not in. */
export function guildRoutes({ state }: Services) {
  return {
    "GET /guilds/:guild": (request) => {
      const guild = state.botGuild(request.params.get("guild"));
      const counts =
        request.query.get("with_counts") === "true"
          ? {
              approximate_member_count: state.guilds.memberCount(guild.id),
              approximate_presence_count: 0,
            }
          : {};
      return ok({ ...toApiGuild(state, guild), ...counts });
    },

    "GET /guilds/:guild/channels": (request) => {
      const guild = state.botGuild(request.params.get("guild"));
      return ok(
        state.channels
          .inGuild(guild.id)
          .filter((channel) => channel.type === ChannelType.GuildText)
          .map((channel) => toApiChannel(state, channel)),
      );
    },

    "GET /guilds/:guild/members": (request) => {
      const guild = state.botGuild(request.params.get("guild"));
      const limit = queryNumber(request.query, "limit", { min: 1, max: 1000, fallback: 1 });
      const after = BigInt(request.query.get("after") ?? "0");
      return ok(
        state.guilds
          .memberIds(guild.id)
          .filter((id) => BigInt(id) > after)
          .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
          .slice(0, limit)
          .map((id) => toApiMember(state, guild.id, id)),
      );
    },

    "GET /guilds/:guild/members/:user": (request) => {
      const guild = state.botGuild(request.params.get("guild"));
      return ok(toApiMember(state, guild.id, request.params.get("user")));
    },

    "GET /guilds/:guild/roles": (request) => {
      const guild = state.botGuild(request.params.get("guild"));
      return ok(state.guilds.rolesOf(guild.id).map(toApiRole));
    },
  } satisfies Record<string, RouteHandler>;
}
