import { TimestampStyles, time } from "@discordjs/formatters";
import type { EffectiveSettings } from "../core/drop.js";
import { clip } from "./clip.js";

/** One story's drops in a server, in a line. */
export interface StoryLine {
  readonly title: string;
  readonly settings: EffectiveSettings;
  /** How many of the story's `scenes` are out. */
  readonly released: number;
  readonly scenes: number;
  readonly next: Date | undefined;
}

/** Discord's limit on a message's content, less what a notice before it may take. */
const ROOM = 1900;

/** `/serial status` where a server carries several stories and none was named: a line each. */
export function serialOverview(stories: readonly StoryLine[]): string {
  const lines = stories.map(({ title, settings, released, scenes, next }) => {
    const channel =
      settings.channelId === undefined ? "no reading channel" : `<#${settings.channelId}>`;
    const schedule =
      settings.schedule === undefined
        ? "no schedule"
        : `\`${settings.schedule}\` (${settings.timezone})`;
    const when =
      released === scenes
        ? "every part out"
        : settings.paused
          ? "paused"
          : next === undefined
            ? "no next drop"
            : `next ${time(next, TimestampStyles.RelativeTime)}`;
    return `- **${clip(title, 100)}**: ${channel} · ${schedule} · ${released} of ${scenes} parts out · ${when}`;
  });
  const head = `This server carries ${stories.length} stories. /serial status story:<name> shows one in full.`;
  return clip([head, ...lines].join("\n"), ROOM);
}
