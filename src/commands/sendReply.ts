import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  MessageFlags,
} from "discord.js";
import type { Reply, ReplyMessage } from "../views/ReplyMessage.js";

/**
 * Sends a handler's reply: in place of the deferred "thinking…", as the update of a button's
 * message, or as a private reply.
 */
export async function sendReply(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  reply: Reply,
  deferred: boolean,
): Promise<void> {
  const message = toOptions(reply.message);
  if (deferred) {
    await interaction.editReply(message);
  } else if (reply.mode === "update" && interaction.isButton()) {
    await interaction.update(message);
  } else {
    await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  }
}

function toOptions(message: ReplyMessage): InteractionEditReplyOptions & { content: string } {
  return {
    content: message.content ?? "",
    embeds: (message.embeds ?? []).map(asIs),
    components: (message.components ?? []).map(asIs),
    ...(message.files === undefined
      ? {}
      : { files: message.files.map((file) => ({ attachment: file.data, name: file.name })) }),
  };
}

/**
 * Hands discord.js API JSON to send as it is. A plain object it would copy key by key into snake
 * case (lodash.snakecase on every key, recursively), which cost more than building the page.
 */
function asIs<T>(json: T): { toJSON(): T } {
  return { toJSON: () => json };
}
