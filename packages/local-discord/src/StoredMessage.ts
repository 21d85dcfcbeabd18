import type { APIMessage } from "discord-api-types/v10";

/** A message as the API serves it (reactions included). Ephemeral ones have flags & 64. */
export type StoredMessage = APIMessage;
