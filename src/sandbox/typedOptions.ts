import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
} from "discord.js";

/** How a person may write true and false after `name:` in the sandbox. */
const BOOLEANS = new Map([
  ["true", true],
  ["yes", true],
  ["on", true],
  ["false", false],
  ["no", false],
  ["off", false],
]);

/**
 * The options typed at the sandbox's prompt (all text) as Discord's client would send them for
 * the registered command: booleans as booleans, integers and numbers as numbers, a channel
 * (`#general`, or `general`) as its id, from `channels` (the server's, by name). `name` is the
 * command with its subcommand ("serial threads"). A value that cannot be read as its option's
 * type is an error that says what the option takes.
 */
export function typedOptions(
  command: APIApplicationCommand | undefined,
  name: string,
  options: Readonly<Record<string, string>>,
  channels: ReadonlyMap<string, string>,
): Record<string, string | number | boolean> {
  const subcommand = name.split(" ")[1];
  const sub = command?.options?.find(
    (option) =>
      option.name === subcommand && option.type === ApplicationCommandOptionType.Subcommand,
  );
  const nested = sub !== undefined && "options" in sub ? sub.options : undefined;
  const declared: readonly APIApplicationCommandOption[] =
    (subcommand === undefined ? command?.options : nested) ?? [];
  return Object.fromEntries(
    Object.entries(options).map(([key, text]) => {
      const type = declared.find((option) => option.name === key)?.type;
      if (type === ApplicationCommandOptionType.Boolean) {
        const value = BOOLEANS.get(text.toLowerCase());
        if (value === undefined) throw new Error(`${key}: takes true or false, not "${text}".`);
        return [key, value];
      }
      if (type === ApplicationCommandOptionType.Channel) {
        const id = channels.get(text.replace(/^#/, ""));
        if (id === undefined) {
          const names = [...channels.keys()].map((channel) => `#${channel}`).join(" or ");
          throw new Error(`${key}: takes a channel of the server, ${names}, not "${text}".`);
        }
        return [key, id];
      }
      if (
        type === ApplicationCommandOptionType.Integer ||
        type === ApplicationCommandOptionType.Number
      ) {
        const value = Number(text);
        const whole = type === ApplicationCommandOptionType.Integer;
        if (text.trim() === "" || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
          throw new Error(`${key}: takes ${whole ? "a whole number" : "a number"}, not "${text}".`);
        }
        return [key, value];
      }
      return [key, text];
    }),
  );
}
