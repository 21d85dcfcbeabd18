import type { Config } from "./config.js";
import type { SchedulePort } from "./cron/cronSchedule.js";
import type { Logger } from "./logger.js";
import { checkSchedule } from "./scheduler/checkSchedule.js";

/** Settings that work but that an operator should know about, said once at start. */
export function warnAboutSettings(
  config: Config,
  schedules: SchedulePort,
  log: Logger,
  now: Date,
): void {
  if (config.allowedGuildIds === undefined) {
    log.warn(
      {},
      "ALLOWED_GUILD_IDS is not set: any server that adds the bot is served, and its members with Manage Server count as authors there. Set it to your servers' ids, and turn off Public Bot in the Developer Portal.",
    );
  }
  if (config.dropSchedule === undefined) return;
  const verdict = checkSchedule(
    schedules,
    config.dropSchedule,
    config.dropTimezone,
    now,
    config.minDropIntervalMs,
  );
  if (verdict.kind === "seconds" || verdict.kind === "too-often") {
    log.warn(
      { schedule: config.dropSchedule, minIntervalMs: config.minDropIntervalMs },
      "DROP_SCHEDULE drops parts closer together than /serial schedule allows; every server without its own schedule follows it",
    );
  }
}
