import { type Logger, pino } from "pino";

export type { Logger };

/** JSON lines with the context object first: `log.info({ guildId, userId }, "message")`. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: undefined }, destination);
}
