import type { APIEmbed } from "discord-api-types/v10";
import { EmbedType } from "discord-api-types/v10";
import { codePoints, type FormErrors } from "./FormErrors.js";
import { arrayField, isRecord, stringField } from "./isRecord.js";

const MAX_EMBEDS = 10;
const MAX_TOTAL_TEXT = 6000;

/**
 * Checks `embeds` against Discord's limits (10 embeds; title 256, description 4096, 25 fields,
 * field name 256 / value 1024, footer 2048, author 256; 6000 characters of text in all),
 * recording problems in `errors`. Returns the embeds as Discord would store them (type "rich").
 */
export function validateEmbeds(errors: FormErrors, value: unknown): APIEmbed[] {
  if (!Array.isArray(value)) {
    errors.add(["embeds"], "BASE_TYPE_LIST", "Must be a list.");
    return [];
  }
  errors.maxItems(["embeds"], value, MAX_EMBEDS);
  const embeds: APIEmbed[] = [];
  let totalText = 0;
  value.forEach((embed, index) => {
    if (!isEmbed(embed)) {
      errors.add(
        ["embeds", index],
        "DICT_TYPE_CONVERT",
        "Only dictionaries may be used in a DictType",
      );
      return;
    }
    totalText += validateEmbed(errors, index, embed);
    embeds.push({ type: EmbedType.Rich, ...embed });
  });
  if (totalText > MAX_TOTAL_TEXT) {
    errors.add(
      ["embeds"],
      "MAX_EMBED_SIZE_EXCEEDED",
      `Embed size exceeds maximum size of ${MAX_TOTAL_TEXT}`,
    );
  }
  return embeds;
}

/** Validates one embed and returns how many characters of text it holds. */
function validateEmbed(errors: FormErrors, index: number, embed: APIEmbed): number {
  const path = ["embeds", index];
  errors.maxLength([...path, "title"], embed.title, 256);
  errors.maxLength([...path, "description"], embed.description, 4096);
  errors.maxLength([...path, "footer", "text"], embed.footer?.text, 2048);
  errors.maxLength([...path, "author", "name"], embed.author?.name, 256);
  const fields = embed.fields ?? [];
  errors.maxItems([...path, "fields"], fields, 25);
  let text =
    length(embed.title) +
    length(embed.description) +
    length(embed.footer?.text) +
    length(embed.author?.name);
  fields.forEach((field, fieldIndex) => {
    errors.lengthBetween([...path, "fields", fieldIndex, "name"], field.name, 1, 256);
    errors.lengthBetween([...path, "fields", fieldIndex, "value"], field.value, 1, 1024);
    text += length(field.name) + length(field.value);
  });
  return text;
}

function length(text: string | undefined): number {
  return text === undefined ? 0 : codePoints(text);
}

/** An object whose text fields, where present, are strings (the fields the limits apply to). */
function isEmbed(value: unknown): value is APIEmbed {
  if (!isRecord(value)) {
    return false;
  }
  const textsAreStrings = ["title", "description", "url", "timestamp"].every(
    (key) => value[key] === undefined || typeof value[key] === "string",
  );
  const footer = value.footer;
  const author = value.author;
  const fields = arrayField(value, "fields") ?? [];
  return (
    textsAreStrings &&
    (footer === undefined || (isRecord(footer) && stringField(footer, "text") !== undefined)) &&
    (author === undefined || (isRecord(author) && stringField(author, "name") !== undefined)) &&
    (value.fields === undefined || Array.isArray(value.fields)) &&
    fields.every(
      (field) =>
        isRecord(field) &&
        stringField(field, "name") !== undefined &&
        stringField(field, "value") !== undefined,
    )
  );
}
