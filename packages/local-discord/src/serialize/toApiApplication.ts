import type { APIApplication } from "discord-api-types/v10";
import { NO_FLAGS } from "../noFlags.js";
import type { DiscordState } from "../state/DiscordState.js";

/** The bot's application, with three fields Discord sends that discord-api-types leaves out. */
export type ApiApplication = APIApplication & {
  /** The application's type: none for an ordinary bot. */
  readonly type: null;
  /** The inherited content filter (0). */
  readonly explicit_content_filter: 0;
  readonly eligible_oauth2_scopes: readonly string[];
};

/** The bot's application as GET /applications/@me shows it to the bot: public, owned by a user. */
export function toApiApplication(state: DiscordState): ApiApplication {
  return {
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: "",
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    bot: state.botUser,
    owner: state.applicationOwner,
    verify_key: "0".repeat(64),
    summary: "",
    flags: NO_FLAGS,
    flags_new: "0",
    team: null,
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    approximate_guild_count: state.guilds.all().filter((guild) => state.botIsIn(guild.id)).length,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    explicit_content_filter: 0,
    eligible_oauth2_scopes: [],
  };
}
