import { z } from "zod";
import { isTimeZone } from "./core/isTimeZone.js";
import { cronProblem } from "./scheduler/dropSchedule.js";

const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");

const optional = (value: unknown) => (value === "" ? undefined : value);

const schema = z.object({
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
    z
      .string()
      .superRefine((expression, context) => {
        const problem = cronProblem(expression);
        if (problem !== undefined) {
          context.addIssue({
            code: "custom",
            message: `"${expression}" ${problem} (use cron syntax such as "0 18 * * 5" for Fridays at 18:00)`,
          });
        }
      })
      .optional(),
  ),
  DROP_TIMEZONE: z.preprocess(
    optional,
    z
      .string()
      .default("UTC")
      .refine(isTimeZone, "must be an IANA time zone such as UTC or Europe/London"),
  ),
  AUTHOR_IDS: z.preprocess(
    optional,
    z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== ""),
      )
      .pipe(z.array(snowflake)),
  ),
  LOG_LEVEL: z.preprocess(
    optional,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
  readonly logLevel: string;
  /** How many shards `npm run start:sharded` runs, or "auto" for Discord's recommendation. */
  readonly shardCount: number | "auto";
}

/** Thrown when the environment holds a bad setting; the message names each one and how to fix it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads the settings from an environment (process.env after dotenv). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = schema.safeParse(env);
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
    logLevel: settings.LOG_LEVEL,
    shardCount: settings.TOTAL_SHARDS,
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
