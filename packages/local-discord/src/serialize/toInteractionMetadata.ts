import type { APIMessageInteractionMetadata } from "discord-api-types/v10";
import { ApplicationIntegrationType, InteractionType } from "discord-api-types/v10";
import type { DiscordState } from "../state/DiscordState.js";
import type { InteractionRecord } from "../state/records.js";

/**
 * The `interaction_metadata` of a message that answers an interaction: for a slash command, or
 * a component on a message; none for the other kinds.
 */
export function toInteractionMetadata(
  state: DiscordState,
  interaction: InteractionRecord,
): { interaction_metadata?: APIMessageInteractionMetadata } {
  const base = {
    id: interaction.id,
    user: state.users.get(interaction.userId),
    authorizing_integration_owners:
      interaction.guildId === null
        ? { [ApplicationIntegrationType.UserInstall]: interaction.userId }
        : { [ApplicationIntegrationType.GuildInstall]: interaction.guildId },
  };
  if (interaction.type === InteractionType.ApplicationCommand) {
    return { interaction_metadata: { ...base, type: InteractionType.ApplicationCommand } };
  }
  if (
    interaction.type === InteractionType.MessageComponent &&
    interaction.sourceMessageId !== null
  ) {
    return {
      interaction_metadata: {
        ...base,
        type: InteractionType.MessageComponent,
        interacted_message_id: interaction.sourceMessageId,
      },
    };
  }
  return {};
}
