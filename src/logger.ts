import { type Logger, pino } from "pino";

export type { Logger };

export interface LoggerOptions {
  readonly level: string;
  /** Where the lines go (stdout, written synchronously, by default). */
  readonly destination?: pino.DestinationStream;
  /** Strings that must never reach the log, such as the bot's token; each is replaced. */
  readonly secrets?: readonly (string | undefined)[];
}

/** The part of an interaction or webhook URL that is a token: anyone holding it can answer as the bot. */
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[A-Za-z0-9._-]+/g;

/** `…/interactions/123/aW50…/callback` → `…/interactions/123/:token/callback`. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, "/$1/$2/:token");
}

/**
 * What a log may keep of an error: pino's standard fields with token-bearing URLs redacted, and
 * without the request body discord.js attaches to its errors (a drop's unreleased pages, a
 * reader's private page). Applied to nested errors too.
 */
function safeError(error: unknown): unknown {
  return sanitize(error instanceof Error ? pino.stdSerializers.err(error) : error, 0);
}

function sanitize(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redactTokens(value);
  if (typeof value !== "object" || value === null) return value;
  if (depth > 8) return "[truncated]";
  if (Array.isArray(value)) return value.map((item) => sanitize(item, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== "requestBody") kept[key] = sanitize(field, depth + 1);
  }
  return kept;
}

/**
 * JSON lines with the context object first: `log.info({ guildId, userId }, "message")`. Tokens
 * never reach them: errors go through `safeError`, fields named like tokens are censored, and any
 * of `secrets` left anywhere in a line is replaced.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => secret !== undefined && secret.length >= 8,
  );
  return pino(
    {
      level: options.level,
      base: undefined,
      serializers: { err: safeError },
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization", "*.headers.authorization"],
        censor: "[redacted]",
      },
      hooks: {
        streamWrite: (line) =>
          secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), line),
      },
    },
    // Written synchronously: pino's default background writer can put the lines of a process
    // that is exiting (after a crash, say) out of order, or lose them.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
