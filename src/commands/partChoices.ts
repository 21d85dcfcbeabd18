import type { APIApplicationCommandOptionChoice } from "discord.js";
import type { BookPart } from "../core/Book.js";
import { partLabel } from "../core/partLabel.js";
import { clip } from "../views/clip.js";

/** Autocomplete choices among the readable parts, matching what the member has typed so far. */
export function partChoices(
  readable: readonly BookPart[],
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return readable
    .map(({ part }) => ({
      name: [partLabel(part), part.dateline].filter((item) => item !== undefined).join(" — "),
      value: part.id,
    }))
    .filter(
      (choice) =>
        needle === "" ||
        choice.name.toLowerCase().includes(needle) ||
        choice.value.includes(needle),
    )
    .slice(0, 25)
    .map((choice) => ({ name: clip(choice.name, 100), value: choice.value }));
}
