import { describe, expect, it } from "vitest";
import { ConfigError, healthPortOf, loadConfig, requireToken } from "../src/config.js";

describe("loadConfig", () => {
  it("applies the documented defaults to an empty environment", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      discordToken: undefined,
      databasePath: "data/serial.db",
      storyDir: "story",
      dropTimezone: "UTC",
      dropSchedule: undefined,
      logLevel: "info",
      shardCount: "auto",
      allowedGuildIds: undefined,
      minDropIntervalMs: 3_600_000,
      retentionMs: 30 * 86_400_000,
      backupDir: undefined,
      backupKeep: 7,
      backupSchedule: "0 4 * * *",
      healthPort: undefined,
      healthHost: "127.0.0.1",
    });
    expect(config.authorIds).toEqual(new Set());
  });

  it("treats empty values (as .env.example leaves them) as unset", () => {
    const config = loadConfig({ DISCORD_GUILD_ID: "", DROP_SCHEDULE: "", DROP_TIMEZONE: "" });
    expect(config.discordGuildId).toBeUndefined();
    expect(config.dropSchedule).toBeUndefined();
    expect(config.dropTimezone).toBe("UTC");
  });

  it("reads every setting", () => {
    const config = loadConfig({
      DISCORD_TOKEN: "token",
      DISCORD_API_URL: "http://127.0.0.1:8080/api/",
      DISCORD_GUILD_ID: "123456789012345678",
      DATABASE_PATH: "elsewhere/serial.db",
      STORY_DIR: "other",
      READING_CHANNEL_ID: "223456789012345678",
      DROP_SCHEDULE: "0 18 * * 5",
      DROP_TIMEZONE: "Europe/London",
      AUTHOR_IDS: " 323456789012345678 ,423456789012345678,",
      LOG_LEVEL: "warn",
      TOTAL_SHARDS: "2",
      ALLOWED_GUILD_IDS: "523456789012345678, 623456789012345678",
      MIN_DROP_INTERVAL_MINUTES: "1440",
      DATA_RETENTION_DAYS: "0",
      BACKUP_DIR: "backups",
      BACKUP_KEEP: "3",
      BACKUP_SCHEDULE: "30 2 * * 0",
      HEALTH_PORT: "9464",
      HEALTH_HOST: "0.0.0.0",
    });
    expect(config).toMatchObject({
      discordToken: "token",
      discordApiUrl: "http://127.0.0.1:8080/api",
      discordGuildId: "123456789012345678",
      databasePath: "elsewhere/serial.db",
      storyDir: "other",
      readingChannelId: "223456789012345678",
      dropSchedule: "0 18 * * 5",
      dropTimezone: "Europe/London",
      logLevel: "warn",
      shardCount: 2,
      minDropIntervalMs: 86_400_000,
      retentionMs: 0,
      backupDir: "backups",
      backupKeep: 3,
      backupSchedule: "30 2 * * 0",
      healthPort: 9464,
      healthHost: "0.0.0.0",
    });
    expect(config.authorIds).toEqual(new Set(["323456789012345678", "423456789012345678"]));
    expect(config.allowedGuildIds).toEqual(new Set(["523456789012345678", "623456789012345678"]));
  });

  it.each([
    ["DISCORD_GUILD_ID", "my-server", /DISCORD_GUILD_ID: must be a Discord id/],
    ["AUTHOR_IDS", "123456789012345678,bob", /AUTHOR_IDS\.1: must be a Discord id/],
    ["DROP_SCHEDULE", "61 * * * *", /DROP_SCHEDULE: "61 \* \* \* \*" .*minute.*0 18 \* \* 5/],
    ["DROP_SCHEDULE", "0 0 1-7 * 1#2", /DROP_SCHEDULE: "0 0 1-7 \* 1#2" never fires/],
    ["BACKUP_SCHEDULE", "0 0 1 * 1L", /BACKUP_SCHEDULE: "0 0 1 \* 1L" never fires/],
    ["ALLOWED_GUILD_IDS", "my-server", /ALLOWED_GUILD_IDS\.0: must be a Discord id/],
    ["MIN_DROP_INTERVAL_MINUTES", "0", /MIN_DROP_INTERVAL_MINUTES: must be at least 1/],
    ["DATA_RETENTION_DAYS", "a month", /DATA_RETENTION_DAYS: must be a whole number/],
    ["BACKUP_KEEP", "0", /BACKUP_KEEP: must be at least 1/],
    ["DROP_TIMEZONE", "Mars/Olympus", /DROP_TIMEZONE: must be an IANA time zone/],
    ["DISCORD_API_URL", "localhost:8080", /DISCORD_API_URL: must be an http\(s\) URL/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL/],
    ["TOTAL_SHARDS", "0", /TOTAL_SHARDS: must be "auto" or a whole number/],
    ["HEALTH_PORT", "0", /HEALTH_PORT: must be at least 1/],
    ["HEALTH_PORT", "65536", /HEALTH_PORT: must be at most 65535/],
    ["HEALTH_PORT", "metrics", /HEALTH_PORT: must be a whole number/],
    ["HEALTH_HOST", "http://127.0.0.1", /HEALTH_HOST: must be an IP address or a host name/],
    ["HEALTH_HOST", "my host", /HEALTH_HOST: must be an IP address or a host name/],
  ])("refuses a bad %s, naming it and the fix", (name, value, pattern) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(pattern);
    expect(() => loadConfig({ [name]: value })).toThrow(/\.env/);
  });

  it("names every bad setting at once", () => {
    expect(() => loadConfig({ DISCORD_GUILD_ID: "x", DROP_TIMEZONE: "Nowhere" })).toThrow(
      /problems:\n- DISCORD_GUILD_ID.*\n- DROP_TIMEZONE/,
    );
  });
});

describe("healthPortOf", () => {
  it("gives each shard HEALTH_PORT plus its id, so that no two share a port", () => {
    expect(healthPortOf(9464, 0)).toBe(9464);
    expect(healthPortOf(9464, 3)).toBe(9467);
    expect(healthPortOf(65_533, 2)).toBe(65_535);
  });

  it("refuses a port past 65535, naming HEALTH_PORT and the highest that fits", () => {
    expect(() => healthPortOf(65_535, 1)).toThrow(ConfigError);
    expect(() => healthPortOf(65_535, 1)).toThrow(
      /HEALTH_PORT.*65536.*Set HEALTH_PORT to 65534 or lower/,
    );
  });
});

describe("requireToken", () => {
  it("explains in one paragraph what is missing and where to put it", () => {
    const error = (() => {
      try {
        requireToken(loadConfig({}));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = error instanceof Error ? error.message : "";
    expect(message).toMatch(/DISCORD_TOKEN is not set/);
    expect(message).toMatch(/\.env/);
    expect(message).toMatch(/npm run sandbox/);
    expect(message).not.toMatch(/\n/);
  });

  it("returns the token when set", () => {
    expect(requireToken(loadConfig({ DISCORD_TOKEN: "abc" }))).toBe("abc");
  });
});
