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
  max_length?: number | undefined;
  options: CommandOption[];
}

const option: z.ZodType<CommandOption> = z.lazy(() =>
  z.object({
    type: z.number(),
    name: z.string(),
    description: z.string(),
    required: z.boolean().default(false),
    autocomplete: z.boolean().default(false),
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
  readonly rest: REST;
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
