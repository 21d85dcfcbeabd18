import type { SchedulePort, Watch } from "./cron/cronSchedule.js";
import type { Logger } from "./logger.js";
import type { Store } from "./store/Store.js";

export interface MaintenanceOptions {
  readonly store: Store;
  readonly schedules: SchedulePort;
  readonly log: Logger;
  readonly clock: () => Date;
  /** Where scheduled backups go; none when undefined. */
  readonly backupDir: string | undefined;
  readonly backupKeep: number;
  /** When scheduled backups run, in cron syntax (UTC). */
  readonly backupSchedule: string;
  /** How long a server's data is kept after the bot leaves it. */
  readonly retentionMs: number;
  /** Whether a server is this process's to look after (with sharding, its shards' servers). */
  readonly isMine: (guildId: string) => boolean;
}

/** When the data of servers the bot left is looked at, besides at start (daily, UTC). */
const PURGE_SCHEDULE = "17 3 * * *";

/**
 * The store's upkeep: the data of this process's servers that the bot left longer ago than the
 * retention is purged (at start and daily: each shard purges its own, once it knows which it is
 * in), and, with BACKUP_DIR set, the database is backed up on schedule, keeping the newest
 * BACKUP_KEEP (give BACKUP_DIR to one process only). A job that fails is logged and runs again
 * next time; stop() waits for a backup in progress (closing the store would cut it short).
 */
export function startMaintenance(options: MaintenanceOptions): { stop(): Promise<void> } {
  const { store, schedules, log, clock, backupDir } = options;
  let backingUp: Promise<void> = Promise.resolve();
  const purge = async () => {
    try {
      const cutoff = new Date(clock().getTime() - options.retentionMs);
      for (const guildId of store.departures.due(cutoff)) {
        if (options.isMine(guildId) && store.purgeGuild(guildId, cutoff)) {
          log.info({ guildId }, "purged the data of a server the bot left");
        }
      }
    } catch (error) {
      log.error({ err: error }, "could not purge the data of servers the bot left");
    }
  };
  const backup = async (dir: string) => {
    try {
      const path = await store.backup(dir, options.backupKeep, clock());
      log.info({ path }, "database backed up");
    } catch (error) {
      log.error({ dir, err: error }, "could not back up the database");
    }
  };
  void purge();
  const watches: Watch[] = [schedules.watch(PURGE_SCHEDULE, "UTC", purge)];
  if (backupDir !== undefined) {
    watches.push(
      schedules.watch(options.backupSchedule, "UTC", () => {
        backingUp = backup(backupDir);
        return backingUp;
      }),
    );
  }
  return {
    async stop() {
      await Promise.all(watches.map((watch) => watch.stop()));
      await backingUp;
    },
  };
}
