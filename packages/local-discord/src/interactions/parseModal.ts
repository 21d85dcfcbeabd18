import type { APIModalInteractionResponseCallbackData } from "discord-api-types/v10";
import { FormErrors } from "../FormErrors.js";
import { isRecord, stringField } from "../isRecord.js";

/** A modal answer's `data`, within Discord's limits (50035 otherwise). */
export function parseModal(json: unknown): APIModalInteractionResponseCallbackData {
  const errors = new FormErrors();
  if (!isModal(json)) {
    errors.add(["data"], "BASE_TYPE_REQUIRED", "This field is required");
    throw errors.toError();
  }
  errors.lengthBetween(["data", "custom_id"], json.custom_id, 1, 100);
  errors.lengthBetween(["data", "title"], json.title, 1, 45);
  errors.maxItems(["data", "components"], json.components, 5);
  errors.throwIfAny();
  return json;
}

function isModal(value: unknown): value is APIModalInteractionResponseCallbackData {
  return (
    isRecord(value) &&
    stringField(value, "custom_id") !== undefined &&
    stringField(value, "title") !== undefined &&
    Array.isArray(value.components)
  );
}
