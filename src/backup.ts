import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { readEnvironment, runMain } from "./environment.js";
import { backupDatabase } from "./store/backupDatabase.js";
import { DatabaseError } from "./store/DatabaseError.js";
import { explainSqliteError } from "./store/explainSqliteError.js";

/**
 * `npm run backup`: copies the database at DATABASE_PATH into BACKUP_DIR (backups/ if unset),
 * keeping the newest BACKUP_KEEP copies, and prints the copy's path. Safe while the bot runs. The
 * database is opened read-only and not migrated: a backup never changes it.
 */
await runMain(async () => {
  const config = readEnvironment();
  const path = config.databasePath;
  if (!existsSync(path)) {
    throw new DatabaseError(
      `There is no database at ${path} to back up. Set DATABASE_PATH to the bot's database file (the bot creates it when it first starts).`,
    );
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw explainSqliteError(path, error) ?? error;
  }
  try {
    const written = await backupDatabase(
      db,
      config.backupDir ?? "backups",
      config.backupKeep,
      new Date(),
    );
    process.stdout.write(`${written}\n`);
  } finally {
    db.close();
  }
});
