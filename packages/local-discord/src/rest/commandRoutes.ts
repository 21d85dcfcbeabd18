import { DiscordApiError } from "../DiscordApiError.js";
import { NO_CONTENT, ok, type RestRequest, type RouteHandler } from "./RouteHandler.js";
import type { Services } from "./Services.js";

/** Global and guild application commands: list, bulk overwrite, upsert, get, edit, delete. */
export function commandRoutes({ state, commands }: Services) {
  /**
   * The command scope of a request: null (global) or a guild id; checks the application, and
   * that the bot is in the guild (50001 Missing Access otherwise, as for an app not installed).
   */
  const scope = (request: RestRequest): string | null => {
    if (request.params.get("application") !== state.applicationId) {
      throw DiscordApiError.unknownApplication();
    }
    const guildId = request.params.find("guild");
    if (guildId === undefined) {
      return null;
    }
    state.botGuild(guildId);
    return guildId;
  };
  const list: RouteHandler = (request) => ok(commands.list(scope(request)));
  const overwrite: RouteHandler = (request) =>
    ok(commands.overwrite(scope(request), request.body.json));
  const upsert: RouteHandler = (request) => {
    const { command, created } = commands.upsert(scope(request), request.body.json);
    return ok(command, created ? 201 : 200);
  };
  const get: RouteHandler = (request) =>
    ok(commands.get(scope(request), request.params.get("command")));
  const edit: RouteHandler = (request) =>
    ok(commands.edit(scope(request), request.params.get("command"), request.body.json));
  const remove: RouteHandler = (request) => {
    commands.delete(scope(request), request.params.get("command"));
    return NO_CONTENT;
  };

  return {
    "GET /applications/:application/commands": list,
    "PUT /applications/:application/commands": overwrite,
    "POST /applications/:application/commands": upsert,
    "GET /applications/:application/commands/:command": get,
    "PATCH /applications/:application/commands/:command": edit,
    "DELETE /applications/:application/commands/:command": remove,
    "GET /applications/:application/guilds/:guild/commands": list,
    "PUT /applications/:application/guilds/:guild/commands": overwrite,
    "POST /applications/:application/guilds/:guild/commands": upsert,
    "GET /applications/:application/guilds/:guild/commands/:command": get,
    "PATCH /applications/:application/guilds/:guild/commands/:command": edit,
    "DELETE /applications/:application/guilds/:guild/commands/:command": remove,
  } satisfies Record<string, RouteHandler>;
}
