import { startApp } from "./app.js";
import { readEnvironment, runMain } from "./environment.js";
import { createLogger } from "./logger.js";

await runMain(async () => {
  const config = readEnvironment();
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  const shutdown = (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
});
