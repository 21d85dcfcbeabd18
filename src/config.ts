import { z } from "zod";
import { isTimeZone } from "./core/isTimeZone.js";
import { cronSyntaxProblem, nextRuns } from "./cron/cronSchedule.js";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const optional = (value: unknown) => (value === "" ? undefined : value);

const idList = z
  .string()
  .transform((list) =>
    list
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  )
  .pipe(z.array(snowflake));

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/**
 * A valid cron schedule that fires: its next run is computed from `now`, so one that parses but
 * never comes (`0 0 1-7 * 1#2`) stops the bot at start with a message, instead of failing later.
 */
const cronSchedule = (now: Date, example: string) =>
  z.string().superRefine((expression, context) => {
    const next = nextRuns(expression, "UTC", now, 1);
    const problem = cronSyntaxProblem(expression) ?? (next.ok ? undefined : next.problem);
    if (problem !== undefined) {
      context.addIssue({
        code: "custom",
        message: `"${expression}" ${problem} (use cron syntax such as ${example})`,
      });
    }
  });

const schema = (now: Date) =>
  z.object({
    DISCORD_TOKEN: z.preprocess(optional, z.string().min(1).optional()),
    DISCORD_API_URL: z.preprocess(
      optional,
      z
        .url({
          protocol: /^https?$/,
          error: "must be an http(s) URL such as http://127.0.0.1:8080/api",
        })
        .transform((url) => url.replace(/\/+$/, ""))
        .optional(),
    ),
    DISCORD_GUILD_ID: z.preprocess(optional, snowflake.optional()),
    DATABASE_PATH: z.preprocess(optional, z.string().default("data/serial.db")),
    STORY_DIR: z.preprocess(optional, z.string().default("story")),
    READING_CHANNEL_ID: z.preprocess(optional, snowflake.optional()),
    DROP_SCHEDULE: z.preprocess(
      optional,
      cronSchedule(now, '"0 18 * * 5" for Fridays at 18:00').optional(),
    ),
    DROP_TIMEZONE: z.preprocess(
      optional,
      z
        .string()
        .default("UTC")
        .refine(isTimeZone, "must be an IANA time zone such as UTC or Europe/London"),
    ),
    AUTHOR_IDS: z.preprocess(optional, idList.default([])),
    ALLOWED_GUILD_IDS: z.preprocess(optional, idList.optional()),
    MIN_DROP_INTERVAL_MINUTES: z.preprocess(optional, wholeNumber(1, 525_600).default(60)),
    DATA_RETENTION_DAYS: z.preprocess(optional, wholeNumber(0, 3650).default(30)),
    BACKUP_DIR: z.preprocess(optional, z.string().optional()),
    BACKUP_KEEP: z.preprocess(optional, wholeNumber(1, 1000).default(7)),
    BACKUP_SCHEDULE: z.preprocess(
      optional,
      cronSchedule(now, '"0 4 * * *" for every day at 04:00').default("0 4 * * *"),
    ),
    LOG_LEVEL: z.preprocess(
      optional,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    HEALTH_PORT: z.preprocess(optional, wholeNumber(1, 65_535).optional()),
    HEALTH_HOST: z.preprocess(
      optional,
      z
        .union([z.ipv4(), z.ipv6(), z.hostname()], {
          error: "must be an IP address or a host name such as 127.0.0.1, 0.0.0.0 or ::",
        })
        .default("127.0.0.1"),
    ),
    TOTAL_SHARDS: z.preprocess(
      optional,
      z
        .union(
          [
            z.literal("auto"),
            z
              .string()
              .regex(/^[1-9]\d*$/)
              .transform(Number),
          ],
          {
            error: 'must be "auto" or a whole number of shards such as 2',
          },
        )
        .default("auto"),
    ),
  });

export interface Config {
  readonly discordToken: string | undefined;
  readonly discordApiUrl: string | undefined;
  readonly discordGuildId: string | undefined;
  readonly databasePath: string;
  readonly storyDir: string;
  readonly readingChannelId: string | undefined;
  readonly dropSchedule: string | undefined;
  readonly dropTimezone: string;
  readonly authorIds: ReadonlySet<string>;
  /** The servers the bot serves; undefined for any server that adds it. */
  readonly allowedGuildIds: ReadonlySet<string> | undefined;
  /** The least time between two drops of a schedule set with /serial schedule. */
  readonly minDropIntervalMs: number;
  /** How long a server's data is kept after the bot leaves it. */
  readonly retentionMs: number;
  /** Where `npm run backup` and the scheduled backups write; scheduled backups only when set. */
  readonly backupDir: string | undefined;
  /** How many scheduled backups are kept. */
  readonly backupKeep: number;
  /** When the scheduled backups run (UTC). */
  readonly backupSchedule: string;
  readonly logLevel: string;
  /** How many shards `npm run start:sharded` runs, or "auto" for Discord's recommendation. */
  readonly shardCount: number | "auto";
  /** The port of the health and metrics endpoint (a shard's: plus its id); off when undefined. */
  readonly healthPort: number | undefined;
  /** The address the health and metrics endpoint listens on. */
  readonly healthHost: string;
}

/** Thrown when the environment holds a bad setting; the message names each one and how to fix it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Reads the settings from an environment (process.env after dotenv); `now` is when cron
 * schedules are checked for ever firing.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  now = new Date(),
): Config {
  const parsed = schema(now).safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `- ${issue.path.join(".")}: ${issue.message}.`,
    );
    throw new ConfigError(
      `The bot's settings have ${lines.length === 1 ? "a problem" : "problems"}:\n${lines.join("\n")}\nFix them in the environment or in .env (see .env.example and the README's Configuration section).`,
    );
  }
  const settings = parsed.data;
  return {
    discordToken: settings.DISCORD_TOKEN,
    discordApiUrl: settings.DISCORD_API_URL,
    discordGuildId: settings.DISCORD_GUILD_ID,
    databasePath: settings.DATABASE_PATH,
    storyDir: settings.STORY_DIR,
    readingChannelId: settings.READING_CHANNEL_ID,
    dropSchedule: settings.DROP_SCHEDULE,
    dropTimezone: settings.DROP_TIMEZONE,
    authorIds: new Set(settings.AUTHOR_IDS),
    allowedGuildIds:
      settings.ALLOWED_GUILD_IDS === undefined ? undefined : new Set(settings.ALLOWED_GUILD_IDS),
    minDropIntervalMs: settings.MIN_DROP_INTERVAL_MINUTES * 60_000,
    retentionMs: settings.DATA_RETENTION_DAYS * 86_400_000,
    backupDir: settings.BACKUP_DIR,
    backupKeep: settings.BACKUP_KEEP,
    backupSchedule: settings.BACKUP_SCHEDULE,
    logLevel: settings.LOG_LEVEL,
    shardCount: settings.TOTAL_SHARDS,
    healthPort: settings.HEALTH_PORT,
    healthHost: settings.HEALTH_HOST,
  };
}

/** The token, or a ConfigError that says in one paragraph what is missing and where to put it. */
export function requireToken(config: Config): string {
  if (config.discordToken === undefined) {
    throw new ConfigError(
      "DISCORD_TOKEN is not set, so the bot cannot log in to Discord. Copy .env.example to .env and put your bot's token after DISCORD_TOKEN= (Discord Developer Portal → your application → Bot → Reset Token), or set DISCORD_TOKEN in the environment. To try the bot without a Discord account, run `npm run sandbox` instead.",
    );
  }
  return config.discordToken;
}

/**
 * The health endpoint's port in the process whose first shard is `shardId`: HEALTH_PORT plus
 * that id, so that no two shards try the same one; a ConfigError when it would pass 65535.
 */
export function healthPortOf(port: number, shardId: number): number {
  const shardPort = port + shardId;
  if (shardPort > 65_535) {
    throw new ConfigError(
      `HEALTH_PORT is ${port}, so shard ${shardId} would serve its health endpoint on port ${shardPort}, past 65535: each shard listens on HEALTH_PORT plus its shard id. Set HEALTH_PORT to ${65_535 - shardId} or lower (in the environment or in .env).`,
    );
  }
  return shardPort;
}
