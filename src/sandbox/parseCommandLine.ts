export interface ParsedCommand {
  /** The command and, when the second word names one, its subcommand: "serial release-next". */
  readonly name: string;
  readonly options: Record<string, string>;
}

/**
 * Parses what a person types for a slash command: `/read part:2`, `/read part:"New York"`,
 * `/serial release-next`. `subcommandsOf` tells which words are subcommands of a command.
 */
export function parseCommandLine(
  line: string,
  subcommandsOf: (command: string) => readonly string[],
): ParsedCommand {
  const words = [
    ...line
      .trim()
      .slice(1)
      .matchAll(/(\S+?:)?("[^"]*"|\S+)/g),
  ].map((match) => ({
    key: match[1]?.slice(0, -1),
    value: (match[2] ?? "").replace(/^"(.*)"$/, "$1"),
  }));
  const [command, ...rest] = words;
  if (command === undefined || command.key !== undefined) {
    throw new Error("Type a command after the slash, e.g. /read");
  }
  let name = command.value;
  const options: Record<string, string> = {};
  for (const word of rest) {
    if (word.key !== undefined) options[word.key] = word.value;
    else if (subcommandsOf(command.value).includes(word.value) && name === command.value) {
      name = `${name} ${word.value}`;
    } else {
      throw new Error(
        `"${word.value}" is not an option. Options look like name:value, e.g. /read part:2`,
      );
    }
  }
  return { name, options };
}
