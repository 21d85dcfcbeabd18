import { join } from "node:path";
import { pino } from "pino";
import type { DropControl, Focused, MemberContext, Services } from "../../src/commands/types.js";
import { bindLibrary } from "../../src/core/Library.js";
import type { Story } from "../../src/core/story.js";
import { Store } from "../../src/store/Store.js";
import type { Reply, ReplyMessage } from "../../src/views/ReplyMessage.js";
import { tempDir } from "./tempDir.js";

export const GUILD = "100000000000000001";
export const READER = "200000000000000001";
export const AUTHOR = "300000000000000001";

/**
 * Services over a real SQLite file in a temporary folder, for handler tests; the drop scheduler
 * is replaced by one that only knows the next drop time (drops are tested end to end).
 */
export function testServices(
  story: Story | readonly [Story, ...Story[]],
  nextDrop?: Date,
): Services {
  const store = new Store(join(tempDir(), "serial.db"));
  const library = bindLibrary("meta" in story ? [story] : story);
  const drops: DropControl = {
    nextDrops: () => (nextDrop === undefined ? [] : [nextDrop]),
    scheduleProblem: () => undefined,
    checkSchedule: () => ({ kind: "ok", runs: [] }),
    skip: () => Promise.reject(new Error("handler tests post no drops; see test/e2e")),
    settingsFor: () => ({
      channelId: undefined,
      schedule: undefined,
      timezone: "UTC",
      paused: false,
      pingRoleId: undefined,
      threads: false,
      revisions: "note",
    }),
    drop: () => Promise.reject(new Error("handler tests post no drops; see test/e2e")),
    reschedule: () => undefined,
    channelProblem: async () => undefined,
    useChannel: () => ({ waiting: undefined, retried: false }),
  };
  return {
    library: () => library,
    store,
    authorIds: new Set([AUTHOR]),
    log: pino({ level: "silent" }),
    drops: () => drops,
    reload: () => Promise.reject(new Error("handler tests reload nothing; see test/e2e")),
    libraryProblems: () => [],
    storyDir: "story",
  };
}

/** What a member typing `typed` in an option sends autocomplete, with the other options' values. */
export function typing(
  typed: string,
  option = "part",
  values: Readonly<Record<string, unknown>> = {},
): Focused {
  return { subcommand: undefined, option, typed, values: { ...values, [option]: typed } };
}

export function contextFor(userId: string, extra: Partial<MemberContext> = {}): MemberContext {
  return {
    guildId: GUILD,
    userId,
    canManageGuild: false,
    roleIds: new Set(),
    now: new Date("2026-11-24T12:00:00Z"),
    ...extra,
  };
}

/** The custom_id of the button with this label (labels are matched case-insensitively). */
export function buttonId(message: ReplyMessage, label: string): string {
  for (const row of message.components ?? []) {
    for (const component of row.components) {
      if (
        "custom_id" in component &&
        "label" in component &&
        component.label?.toLowerCase() === label.toLowerCase()
      ) {
        return component.custom_id;
      }
    }
  }
  throw new Error(`No button labelled ${label} in ${JSON.stringify(message.components)}`);
}

export function embedOf(reply: Reply) {
  const embed = reply.message.embeds?.[0];
  if (embed === undefined) throw new Error(`Expected an embed in ${JSON.stringify(reply.message)}`);
  return embed;
}
