import type { APIMessageTopLevelComponent } from "discord-api-types/v10";
import { ButtonStyle, ComponentType } from "discord-api-types/v10";
import type { FormErrors } from "./FormErrors.js";
import { arrayField, isRecord, numberField, stringField } from "./isRecord.js";

type Path = readonly (string | number)[];

const MAX_ROWS = 5;
const MAX_PER_ROW = 5;
const MAX_V2_COMPONENTS = 40;
const SELECT_TYPES: ReadonlySet<number> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

/**
 * Checks message components against Discord's rules: at most 5 action rows of at most 5 buttons
 * (a select menu fills its row), custom_id 1–100 characters and unique in the message, button
 * label at most 80. With components V2 (`isV2`), at most 40 components in all.
 */
export function validateComponents(
  errors: FormErrors,
  value: unknown,
  isV2: boolean,
): APIMessageTopLevelComponent[] {
  if (!Array.isArray(value)) {
    errors.add(["components"], "BASE_TYPE_LIST", "Must be a list.");
    return [];
  }
  const components = value.filter(isTopLevelComponent);
  if (components.length !== value.length) {
    errors.add(["components"], "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
  }
  const customIds = new Set<string>();
  if (isV2) {
    const count = countComponents(value);
    if (count > MAX_V2_COMPONENTS) {
      errors.add(
        ["components"],
        "BASE_TYPE_MAX_LENGTH",
        `Must be ${MAX_V2_COMPONENTS} or fewer in length.`,
      );
    }
    value.forEach((component, index) => {
      walkV2(errors, ["components", index], component, customIds);
    });
    return components;
  }
  errors.maxItems(["components"], value, MAX_ROWS);
  value.forEach((row, index) => {
    validateRow(errors, ["components", index], row, customIds);
  });
  return components;
}

function validateRow(errors: FormErrors, path: Path, row: unknown, customIds: Set<string>): void {
  if (!isRecord(row) || row.type !== ComponentType.ActionRow) {
    errors.add(
      [...path, "type"],
      "UNION_TYPE_CHOICES",
      'Value of field "type" must be one of (1,).',
    );
    return;
  }
  const children = arrayField(row, "components") ?? [];
  errors.maxItems([...path, "components"], children, MAX_PER_ROW);
  const hasSelect = children.some(
    (child) => isRecord(child) && SELECT_TYPES.has(Number(child.type)),
  );
  if (hasSelect && children.length > 1) {
    errors.add(
      [...path, "components"],
      "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
      "The specified component exceeds the maximum width",
    );
  }
  children.forEach((child, index) => {
    validateInteractive(errors, [...path, "components", index], child, customIds);
  });
}

function walkV2(errors: FormErrors, path: Path, component: unknown, customIds: Set<string>): void {
  if (!isRecord(component)) {
    return;
  }
  validateInteractive(errors, path, component, customIds);
  const accessory = component.accessory;
  if (accessory !== undefined) {
    validateInteractive(errors, [...path, "accessory"], accessory, customIds);
  }
  (arrayField(component, "components") ?? []).forEach((child, index) => {
    walkV2(errors, [...path, "components", index], child, customIds);
  });
}

function validateInteractive(
  errors: FormErrors,
  path: Path,
  component: unknown,
  customIds: Set<string>,
): void {
  if (!isRecord(component)) {
    errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return;
  }
  const type = numberField(component, "type");
  if (type === ComponentType.Button) {
    errors.maxLength([...path, "label"], stringField(component, "label"), 80);
    const style = numberField(component, "style");
    if (style === ButtonStyle.Link) {
      if (stringField(component, "url") === undefined) {
        errors.add([...path, "url"], "BASE_TYPE_REQUIRED", "This field is required");
      }
      return;
    }
    if (style === ButtonStyle.Premium) {
      return;
    }
    checkCustomId(errors, path, component, customIds);
    return;
  }
  if (type !== undefined && SELECT_TYPES.has(type)) {
    checkCustomId(errors, path, component, customIds);
    errors.maxLength([...path, "placeholder"], stringField(component, "placeholder"), 150);
    errors.maxItems([...path, "options"], arrayField(component, "options"), 25);
  }
}

function checkCustomId(
  errors: FormErrors,
  path: Path,
  component: Record<string, unknown>,
  customIds: Set<string>,
): void {
  const customId = stringField(component, "custom_id");
  errors.lengthBetween([...path, "custom_id"], customId, 1, 100);
  if (customId === undefined) {
    return;
  }
  if (customIds.has(customId)) {
    errors.add(
      [...path, "custom_id"],
      "COMPONENT_CUSTOM_ID_DUPLICATED",
      "Component custom id cannot be duplicated",
    );
  }
  customIds.add(customId);
}

function countComponents(components: readonly unknown[]): number {
  let count = 0;
  for (const component of components) {
    if (!isRecord(component)) {
      continue;
    }
    count += 1;
    if (component.accessory !== undefined) {
      count += 1;
    }
    count += countComponents(arrayField(component, "components") ?? []);
  }
  return count;
}

/** A component object with a numeric type; its details are checked by the validators above. */
function isTopLevelComponent(value: unknown): value is APIMessageTopLevelComponent {
  return isRecord(value) && typeof value.type === "number";
}
