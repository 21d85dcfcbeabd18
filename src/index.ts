import { type App, startApp } from "./app.js";
import { readEnvironment, runMain, superviseProcess } from "./environment.js";
import { createLogger } from "./logger.js";

await runMain(async () => {
  const config = readEnvironment();
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  let started: Promise<App> | undefined;
  // A stop asked for while starting waits for the start to end, then stops what it started.
  superviseProcess(log, async () => {
    const app = await started?.catch(() => undefined);
    await app?.stop();
  });
  started = startApp(config, log);
  await started;
});
