import { type REST, Routes } from "discord.js";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { ChatCommand } from "./types.js";

interface CommandOption {
  type: number;
  name: string;
  description: string;
  required: boolean;
  autocomplete: boolean;
  choices: { name: string; value: string | number }[];
  channel_types: number[];
  min_value?: number | undefined;
  max_value?: number | undefined;
  min_length?: number | undefined;
  max_length?: number | undefined;
  options: CommandOption[];
}

/**
 * An option as far as it decides what members may send: a choice or a bound Discord still
 * offers and the bot no longer takes would be refused at every use, so a change to one alone
 * registers the commands again.
 */
const option: z.ZodType<CommandOption> = z.lazy(() =>
  z.object({
    type: z.number(),
    name: z.string(),
    description: z.string(),
    required: z.boolean().default(false),
    autocomplete: z.boolean().default(false),
    choices: z
      .array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]) }))
      .default([]),
    channel_types: z.array(z.number()).default([]),
    min_value: z.number().optional(),
    max_value: z.number().optional(),
    min_length: z.number().optional(),
    max_length: z.number().optional(),
    options: z.array(option).default([]),
  }),
);

/** The fields that define a command; what Discord adds (ids, versions) is dropped. */
const command = z.object({
  type: z.number().default(1),
  name: z.string(),
  description: z.string(),
  options: z.array(option).default([]),
  default_member_permissions: z.string().nullable().default(null),
  contexts: z.array(z.number()).nullable().default(null),
  integration_types: z.array(z.number()).nullable().default(null),
});

function canonical(commands: unknown): string {
  const parsed = z.array(command).parse(commands);
  return JSON.stringify(parsed.sort((a, b) => a.name.localeCompare(b.name)));
}

export interface SyncTarget {
  readonly rest: Pick<REST, "get" | "put">;
  readonly applicationId: string;
  /** Register to this server only (instant), or globally when undefined. */
  readonly guildId: string | undefined;
}

/**
 * Registers the bot's slash commands when they differ from those Discord has (or always, with
 * force), so a restart spends no request on an unchanged list. Returns whether it wrote them.
 */
export async function syncCommands(
  target: SyncTarget,
  commands: Iterable<ChatCommand>,
  log: Logger,
  force = false,
): Promise<boolean> {
  const route =
    target.guildId === undefined
      ? Routes.applicationCommands(target.applicationId)
      : Routes.applicationGuildCommands(target.applicationId, target.guildId);
  const body = [...commands].map((chatCommand) => chatCommand.data);
  const scope = target.guildId === undefined ? "global" : `guild ${target.guildId}`;
  if (!force && canonical(await target.rest.get(route)) === canonical(body)) {
    log.info({ scope, count: body.length }, "slash commands already up to date");
    return false;
  }
  await target.rest.put(route, { body });
  log.info({ scope, count: body.length }, "slash commands registered");
  return true;
}
