import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from "discord.js";

/** A file sent with a message; an embed shows an image file as `attachment://name`. */
export interface ReplyFile {
  readonly name: string;
  readonly data: Buffer;
}

/** What the bot sends: message fields as Discord's API takes them. */
export interface ReplyMessage {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
  readonly files?: readonly ReplyFile[];
}

/** A handler's answer: a new private reply, or an update of the message whose button was pressed. */
export interface Reply {
  readonly mode: "reply" | "update";
  readonly message: ReplyMessage;
}
