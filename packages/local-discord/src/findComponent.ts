import type { APIMessage } from "discord-api-types/v10";
import { arrayField, isRecord, stringField } from "./isRecord.js";

/** A component found on a message, as raw JSON (type, custom_id, disabled, options...). */
export type FoundComponent = Record<string, unknown>;

/** The component with this custom_id anywhere on the message (rows, containers, sections). */
export function findComponent(message: APIMessage, customId: string): FoundComponent | undefined {
  return search(message.components ?? [], customId);
}

function search(components: readonly unknown[], customId: string): FoundComponent | undefined {
  for (const component of components) {
    if (!isRecord(component)) {
      continue;
    }
    if (stringField(component, "custom_id") === customId) {
      return component;
    }
    const accessory = component.accessory;
    const found =
      (isRecord(accessory) ? search([accessory], customId) : undefined) ??
      search(arrayField(component, "components") ?? [], customId);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** Every custom_id on the message, for error messages. */
export function customIds(message: APIMessage): string[] {
  const ids: string[] = [];
  const walk = (components: readonly unknown[]) => {
    for (const component of components) {
      if (!isRecord(component)) {
        continue;
      }
      const id = stringField(component, "custom_id");
      if (id !== undefined) {
        ids.push(id);
      }
      if (isRecord(component.accessory)) {
        walk([component.accessory]);
      }
      walk(arrayField(component, "components") ?? []);
    }
  };
  walk(message.components ?? []);
  return ids;
}
