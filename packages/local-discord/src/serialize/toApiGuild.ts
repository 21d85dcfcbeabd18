import type { APIGuild } from "discord-api-types/v10";
import { Locale } from "discord-api-types/v10";
import { NO_FLAGS } from "../noFlags.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { GuildRecord } from "../state/records.js";
import { toApiRole } from "./toApiRole.js";

/** A guild as the API shows it, with two fields Discord sends that discord-api-types leaves out. */
export type ApiGuild = APIGuild & { readonly home_header: string | null; readonly nsfw: boolean };

/** A guild as GET /guilds/{id} shows it: no icon, no features, no boosts, its roles. */
export function toApiGuild(state: DiscordState, guild: GuildRecord): ApiGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    home_header: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    region: "deprecated",
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: state.guilds.rolesOf(guild.id).map(toApiRole),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: NO_FLAGS,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    max_presences: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    nsfw: false,
    nsfw_level: 0,
    hub_type: null,
    incidents_data: null,
  };
}
