import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from "discord.js";
import { UserError } from "../core/UserError.js";
import {
  type AnyInvocation,
  type CommandData,
  isBasicOption,
  isSubcommand,
  type OptionValue,
} from "./commandData.js";

/** What a member sent for a command, as it came, before it is checked against the data. */
export interface CommandInput {
  readonly subcommand: string | undefined;
  /** The options' values by name. */
  readonly values: Readonly<Record<string, unknown>>;
}

const UPDATING = "Discord may still be updating its list of commands; try again in a minute.";

const SNOWFLAKE = /^\d{1,20}$/;

const isText = (value: unknown): value is string => typeof value === "string";
const isId = (value: unknown): value is string => isText(value) && SNOWFLAKE.test(value);
const isNumber = (value: unknown): value is number => Number.isFinite(value);
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
const isBoolean = (value: unknown): value is boolean => typeof value === "boolean";

/** What each type of option holds, in the words of a refusal, and whether a value is one. */
const TYPES: Readonly<
  Record<
    APIApplicationCommandBasicOption["type"],
    readonly [string, (value: unknown) => value is OptionValue]
  >
> = {
  [ApplicationCommandOptionType.String]: ["text", isText],
  [ApplicationCommandOptionType.Integer]: ["a whole number", isInteger],
  [ApplicationCommandOptionType.Number]: ["a number", isNumber],
  [ApplicationCommandOptionType.Boolean]: ["true or false", isBoolean],
  [ApplicationCommandOptionType.User]: ["a member", isId],
  [ApplicationCommandOptionType.Channel]: ["a channel", isId],
  [ApplicationCommandOptionType.Role]: ["a role", isId],
  [ApplicationCommandOptionType.Mentionable]: ["a member or a role", isId],
  [ApplicationCommandOptionType.Attachment]: ["a file", isId],
};

/**
 * Reads what a member sent against the command's data: the subcommand must be one the data
 * declares, and each option one of its options, there when required, of its type and among its
 * choices. Anything else (a forged payload, or a command Discord has not updated yet) is
 * refused with a UserError saying what was wrong.
 */
export function parseInvocation(data: CommandData, input: CommandInput): AnyInvocation {
  const declared = data.options ?? [];
  const subcommands = declared.filter(isSubcommand);
  const subcommand = subcommands.find((option) => option.name === input.subcommand);
  const path = [`/${data.name}`, input.subcommand].filter((word) => word !== undefined).join(" ");
  if (subcommands.length > 0 ? subcommand === undefined : input.subcommand !== undefined)
    throw new UserError(`I don't know ${path}. ${UPDATING}`);
  const options =
    subcommand === undefined ? declared.filter(isBasicOption) : (subcommand.options ?? []);
  for (const name of Object.keys(input.values)) {
    if (!options.some((option) => option.name === name))
      throw new UserError(`${path} has no option "${name}". ${UPDATING}`);
  }
  const values: Record<string, OptionValue> = {};
  for (const option of options) {
    const value = input.values[option.name];
    if (value === undefined || value === null) {
      if (option.required === true) throw new UserError(`${path} needs its ${option.name} option.`);
    } else {
      values[option.name] = checked(option, value, path);
    }
  }
  return { subcommand: subcommand?.name, options: values };
}

function checked(
  option: APIApplicationCommandBasicOption,
  value: unknown,
  path: string,
): OptionValue {
  const [expected, holds] = TYPES[option.type];
  if (!holds(value))
    throw new UserError(`The ${option.name} option of ${path} must be ${expected}. ${UPDATING}`);
  const choices = "choices" in option ? option.choices : undefined;
  if (choices !== undefined && !choices.some((choice) => choice.value === value))
    throw new UserError(
      `The ${option.name} option of ${path} must be one of ${choices.map((choice) => choice.name).join(", ")}. ${UPDATING}`,
    );
  return value;
}
