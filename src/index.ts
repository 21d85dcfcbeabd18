import { startApp } from "./app.js";
import { readEnvironment, runMain, stopOnSignals } from "./environment.js";
import { createLogger } from "./logger.js";

await runMain(async () => {
  const config = readEnvironment();
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  const app = await startApp(config, log);
  stopOnSignals(log, () => app.stop());
});
