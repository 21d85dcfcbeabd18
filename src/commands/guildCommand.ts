import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from "discord.js";
import type { CommandData, CommandOption } from "./commandData.js";

/**
 * A slash command for servers only (installed to a server, not usable in DMs), shown to members
 * with `permissions`, or to everyone when left out. The options keep their literal types, so
 * handlers are typed by what the data declares.
 */
export function guildCommand<const O extends CommandOption[] = []>(spec: {
  readonly name: string;
  readonly description: string;
  readonly permissions?: bigint;
  readonly options?: O;
}): Omit<CommandData, "options"> & { readonly options?: O } {
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: spec.description,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: spec.permissions === undefined ? null : String(spec.permissions),
    options: spec.options,
  };
}
