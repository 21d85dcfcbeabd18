import { v1 } from "./migrations/v1.js";
import { v2 } from "./migrations/v2.js";
import { v3 } from "./migrations/v3.js";
import { v4 } from "./migrations/v4.js";
import { v5 } from "./migrations/v5.js";
import { v6 } from "./migrations/v6.js";
import { v7 } from "./migrations/v7.js";

/**
 * Schema migrations, applied in order. The database's `PRAGMA user_version` is the number of
 * migrations it has; never edit a migration that has shipped, add a new one.
 */
export const migrations: readonly string[] = [v1, v2, v3, v4, v5, v6, v7];
