import type { APIEmbed, APIMessageTopLevelComponent } from "discord-api-types/v10";
import { MessageFlags } from "discord-api-types/v10";
import { DiscordApiError } from "./DiscordApiError.js";
import { FormErrors } from "./FormErrors.js";
import { arrayField, isRecord, numberField, stringField } from "./isRecord.js";
import type { RequestBody, UploadedFile } from "./parseRequestBody.js";
import { validateComponents } from "./validateComponents.js";
import { validateEmbeds } from "./validateEmbeds.js";

/** An entry of the payload's `attachments`: an uploaded `files[id]`, or a kept attachment id. */
export interface AttachmentReference {
  readonly id: string;
  readonly filename: string | undefined;
  readonly description: string | undefined;
}

/** A validated message body (create or edit). For edits, undefined means "leave as is". */
export interface MessagePayload {
  readonly content: string | null | undefined;
  readonly embeds: APIEmbed[] | null | undefined;
  readonly components: APIMessageTopLevelComponent[] | null | undefined;
  readonly flags: number | undefined;
  readonly nonce: string | number | undefined;
  readonly enforceNonce: boolean;
  readonly messageReference:
    | { readonly messageId: string; readonly failIfNotExists: boolean }
    | undefined;
  readonly attachments: readonly AttachmentReference[] | undefined;
  readonly files: readonly UploadedFile[];
  readonly hasStickersOrPoll: boolean;
}

const MAX_CONTENT = 2000;
/** Discord's upload limit for a message of a bot in an unboosted guild: 10 MiB. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_NONCE = 25;

/**
 * Validates a message body (JSON or multipart) the way Discord does, throwing 50035 "Invalid
 * Form Body" with every problem by field, or 50006 for a new message with nothing in it.
 */
export function parseMessagePayload(body: RequestBody, mode: "create" | "edit"): MessagePayload {
  if (body.files.reduce((total, file) => total + file.data.length, 0) > MAX_UPLOAD_BYTES) {
    throw DiscordApiError.requestTooLarge();
  }
  const json = body.json ?? {};
  const errors = new FormErrors();
  if (!isRecord(json)) {
    errors.add([], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    throw errors.toError();
  }
  const flags = numberField(json, "flags");
  const isV2 = flags !== undefined && (flags & MessageFlags.IsComponentsV2) !== 0;
  const content = json.content === null ? null : stringField(json, "content");
  errors.maxLength(["content"], content ?? undefined, MAX_CONTENT);
  const embeds =
    json.embeds === null || json.embeds === undefined
      ? json.embeds
      : validateEmbeds(errors, json.embeds);
  const components =
    json.components === null || json.components === undefined
      ? json.components
      : validateComponents(errors, json.components, isV2);
  if (isV2) {
    if (content) {
      errors.add(
        ["content"],
        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
        "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    }
    if (embeds && embeds.length > 0) {
      errors.add(
        ["embeds"],
        "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
        "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
      );
    }
  }
  const nonce =
    typeof json.nonce === "string" || typeof json.nonce === "number" ? json.nonce : undefined;
  if (typeof nonce === "string") {
    errors.maxLength(["nonce"], nonce, MAX_NONCE);
  }
  const payload: MessagePayload = {
    content,
    embeds,
    components,
    flags,
    nonce,
    enforceNonce: json.enforce_nonce === true,
    messageReference: parseReference(json.message_reference),
    attachments: parseAttachments(json),
    files: body.files,
    hasStickersOrPoll: arrayField(json, "sticker_ids") !== undefined || isRecord(json.poll),
  };
  errors.throwIfAny();
  if (mode === "create" && isEmpty(payload)) {
    throw DiscordApiError.emptyMessage();
  }
  return payload;
}

function isEmpty(payload: MessagePayload): boolean {
  return (
    !payload.content &&
    (payload.embeds ?? []).length === 0 &&
    (payload.components ?? []).length === 0 &&
    payload.files.length === 0 &&
    !payload.hasStickersOrPoll
  );
}

function parseReference(value: unknown): MessagePayload["messageReference"] {
  if (!isRecord(value)) {
    return undefined;
  }
  const messageId = stringField(value, "message_id");
  return messageId === undefined
    ? undefined
    : { messageId, failIfNotExists: value.fail_if_not_exists !== false };
}

function parseAttachments(json: Record<string, unknown>): AttachmentReference[] | undefined {
  const list = arrayField(json, "attachments");
  return list?.filter(isRecord).map((entry) => ({
    id: String(entry.id),
    filename: stringField(entry, "filename"),
    description: stringField(entry, "description"),
  }));
}

/** A payload that changes nothing (a deferred reply's placeholder, flags aside). */
export function emptyMessagePayload(flags?: number): MessagePayload {
  return {
    content: undefined,
    embeds: undefined,
    components: undefined,
    flags,
    nonce: undefined,
    enforceNonce: false,
    messageReference: undefined,
    attachments: undefined,
    files: [],
    hasStickersOrPoll: false,
  };
}
