import type { APIApplicationCommandOptionChoice } from "discord-api-types/v10";
import { FormErrors } from "../FormErrors.js";
import { arrayField, isRecord } from "../isRecord.js";

/** An autocomplete answer's `data.choices`, within Discord's limits (50035 otherwise). */
export function parseChoices(json: unknown): APIApplicationCommandOptionChoice[] {
  const errors = new FormErrors();
  const list = isRecord(json) ? (arrayField(json, "choices") ?? []) : [];
  errors.maxItems(["data", "choices"], list, 25);
  const choices = list.filter(isChoice);
  choices.forEach((choice, index) => {
    errors.lengthBetween(["data", "choices", index, "name"], choice.name, 1, 100);
    if (typeof choice.value === "string") {
      errors.maxLength(["data", "choices", index, "value"], choice.value, 100);
    }
  });
  errors.throwIfAny();
  return choices;
}

function isChoice(value: unknown): value is APIApplicationCommandOptionChoice {
  return (
    isRecord(value) &&
    typeof value.name === "string" &&
    (typeof value.value === "string" || typeof value.value === "number")
  );
}
