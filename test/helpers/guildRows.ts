import Database from "better-sqlite3";
import { GUILD_TABLES } from "../../src/store/guildTables.js";

export type GuildTable = (typeof GUILD_TABLES)[number];

/**
 * Every row the database holds for a server, table by table (every table of GUILD_TABLES, empty
 * ones included), each as JSON, sorted; read on a connection of its own while the bot runs.
 */
export function guildRows(databasePath: string, guildId: string): Record<GuildTable, string[]> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      GUILD_TABLES.map((table) => [
        table,
        db
          .prepare(`SELECT * FROM ${table} WHERE guild_id = ?`)
          .all(guildId)
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
    ) as Record<GuildTable, string[]>;
  } finally {
    db.close();
  }
}

/** The tables of GUILD_TABLES with at least one row for the server. */
export function tablesWithRows(databasePath: string, guildId: string): GuildTable[] {
  const rows = guildRows(databasePath, guildId);
  return GUILD_TABLES.filter((table) => rows[table].length > 0);
}
