import type { APIRole } from "discord-api-types/v10";
import { NO_FLAGS } from "../noFlags.js";
import type { RoleRecord } from "../state/records.js";

/** A role as the API shows it; the bot's managed role is tagged with the bot's id. */
export function toApiRole(role: RoleRecord): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: role.position,
    permissions: String(role.permissions),
    managed: role.botId !== null,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: NO_FLAGS,
    ...(role.botId === null ? {} : { tags: { bot_id: role.botId } }),
  };
}
