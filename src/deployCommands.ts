import { REST, Routes } from "discord.js";
import { z } from "zod";
import { chatCommands } from "./commands/registry.js";
import { syncCommands } from "./commands/syncCommands.js";
import { requireToken } from "./config.js";
import { readEnvironment, runMain } from "./environment.js";
import { createLogger } from "./logger.js";

/** `npm run deploy-commands`: registers the slash commands now, globally or to DISCORD_GUILD_ID. */
await runMain(async () => {
  const config = readEnvironment();
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  const rest = new REST(config.discordApiUrl === undefined ? {} : { api: config.discordApiUrl });
  rest.setToken(requireToken(config));
  const application = z
    .object({ id: z.string() })
    .parse(await rest.get(Routes.currentApplication()));
  await syncCommands(
    { rest, applicationId: application.id, guildId: config.discordGuildId },
    chatCommands.values(),
    log,
    true,
  );
});
