import { execFileSync } from "node:child_process";

const root = new URL("../..", import.meta.url).pathname;

/** Builds the bot into `dist/` as `npm start` does first (`npm run build`). */
export function buildBot(): void {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "pipe" });
}
