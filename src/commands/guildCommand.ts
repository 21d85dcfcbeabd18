import { SlashCommandBuilder } from "@discordjs/builders";
import { ApplicationIntegrationType, InteractionContextType } from "discord.js";

/**
 * A slash command for servers only (installed to a server, not usable in DMs), shown to members
 * with `permissions`, or to everyone when null.
 */
export function guildCommand(
  name: string,
  description: string,
  permissions: bigint | null = null,
): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(permissions);
}
