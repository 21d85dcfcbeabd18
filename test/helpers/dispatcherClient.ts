import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Routes } from "discord.js";
import type { LocalDiscord } from "local-discord";
import { pino } from "pino";
import { createDispatcher, type DispatcherOptions } from "../../src/commands/dispatcher.js";
import { testServices } from "./services.js";
import { storyFixture } from "./storyFixture.js";

export interface LoggedLine {
  readonly level: number;
  readonly msg: string;
  readonly guildId?: string;
}

/**
 * A real discord.js client logged in to the local Discord whose interactions go through the
 * dispatcher with `options` (and test services that log into `logged`, from debug up), its
 * commands registered.
 */
export async function dispatcherClient(
  discord: LocalDiscord,
  options: Omit<DispatcherOptions, "services" | "clock">,
): Promise<{ client: Client; logged: LoggedLine[] }> {
  const logged: LoggedLine[] = [];
  const services = {
    ...testServices(storyFixture([])),
    log: pino({ level: "debug" }, { write: (line: string) => logged.push(JSON.parse(line)) }),
  };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
  client.on(
    Events.InteractionCreate,
    createDispatcher({ services, clock: () => new Date(), ...options }),
  );
  const ready = once(client, Events.ClientReady);
  await client.login(discord.token);
  await ready;
  await client.rest.put(Routes.applicationCommands(discord.application.id), {
    body: [...options.commands.values()].map((command) => command.data),
  });
  return { client, logged };
}
