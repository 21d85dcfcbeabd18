import type { APIGuild } from "discord-api-types/v10";
import { Locale } from "discord-api-types/v10";
import { NO_FLAGS } from "../noFlags.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { GuildRecord } from "../state/records.js";
import { toApiRole } from "./toApiRole.js";

/** A guild as GET /guilds/{id} shows it: no icon, no features, its roles. */
export function toApiGuild(state: DiscordState, guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
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
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: 0,
    hub_type: null,
    incidents_data: null,
  };
}
