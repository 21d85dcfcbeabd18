import type { APIAttachment } from "discord-api-types/v10";
import type { MessagePayload } from "../parseMessagePayload.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { StoredFile } from "../state/records.js";

/** An uploaded file: the attachment the message shows, and the bytes kept to serve it. */
export interface NewAttachment {
  readonly attachment: APIAttachment;
  readonly stored: StoredFile;
}

/**
 * The attachments a payload's uploads become, each with a fresh id and a URL on this server
 * (named as the payload's `attachments` entry for it says, else as uploaded).
 */
export function attachmentsFor(
  state: DiscordState,
  channelId: string,
  payload: MessagePayload,
): NewAttachment[] {
  return payload.files.map((file) => {
    const entry = payload.attachments?.find((attachment) => attachment.id === String(file.index));
    const attachmentId = state.snowflakes.next();
    const name = entry?.filename ?? file.name;
    const url = `${state.origin}/attachments/${channelId}/${attachmentId}/${encodeURIComponent(name)}`;
    const attachment: APIAttachment = {
      id: attachmentId,
      filename: name,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType,
      ...(entry?.description === undefined ? {} : { description: entry.description }),
    };
    const stored: StoredFile = {
      attachmentId,
      name,
      contentType: file.contentType,
      data: file.data,
    };
    return { attachment, stored };
  });
}
