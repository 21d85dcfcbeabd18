import type { ChatCommand } from "../commands/types.js";
import { columns } from "./columns.js";
import { commandList } from "./commandList.js";
import { wrapText } from "./wrapText.js";

/** What the sandbox itself understands, beside the bot's slash commands. */
const WORDS: readonly (readonly [string, string])[] = [
  [
    "next, back, …",
    'press a button on the last message by its label or enough of it ("start reading", "open the t")',
  ],
  ["❤️, 😢, …", "press a reaction button (on the last page of a part)"],
  ["react ❤️", "react to the latest part posted (in #reading or #general)"],
  ["as author / as reader", "switch who you are (the author may use the ✎ commands)"],
  [
    "drop [story]",
    "post the next part to #reading now, as the author would (of that story, where there are several)",
  ],
  ["restart", "restart the bot (your place is kept)"],
  ["help", "this list"],
  ["quit", "leave"],
];

/** Narrower than this, descriptions go under what to type rather than beside it. */
const MIN_DESCRIPTION = 30;

/**
 * The sandbox's help: the bot's slash commands as their data describes them (✎ for the authors'),
 * then the sandbox's own words, in `width` columns.
 */
export function sandboxHelp(commands: Iterable<ChatCommand>, width: number): string {
  const slash = commandList(commands).map(
    ({ usage, description, authorsOnly }) =>
      [usage, authorsOnly ? `✎ ${description}` : description] as const,
  );
  const left = Math.max(...[...slash, ...WORDS].map(([usage]) => columns(usage))) + 2;
  const right = width - 2 - left;
  const table = (rows: readonly (readonly [string, string])[]) =>
    rows.flatMap(([usage, description]) =>
      right < MIN_DESCRIPTION
        ? [`  ${usage}`, ...wrapText(description, width - 6).map((line) => `      ${line}`)]
        : wrapText(description, right).map((line, index) => {
            const cell = index === 0 ? usage : "";
            return `  ${cell.padEnd(left - columns(cell) + cell.length)}${line}`;
          }),
    );
  return [
    "Type what a member would: a slash command, as in Discord,",
    ...table(slash),
    "or a word the sandbox knows:",
    ...table(WORDS),
  ].join("\n");
}
