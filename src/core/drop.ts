/**
 * A drop goes pending → posting (pages sent so far recorded) → posted, and is never repeated; or
 * it is abandoned (its part left the story, or the authors skipped it) and never tried again.
 */
export type DropState = "pending" | "posting" | "posted" | "abandoned";

/** Why a drop happened: its cron time, a make-up for one missed while down, by hand, or a part's own time. */
export type DropReason = "schedule" | "catch-up" | "now" | "release-at";

export interface Drop {
  readonly guildId: string;
  readonly storyId: string;
  readonly partId: string;
  readonly channelId: string;
  readonly state: DropState;
  readonly reason: DropReason;
  /** How many messages the drop posts: one per page. */
  readonly pages: number;
  /** Message ids of the pages posted so far, in order. */
  readonly messageIds: readonly string[];
  readonly attempts: number;
  readonly lastError: string | undefined;
  /**
   * The last try failed in a way only the authors can fix (a missing permission, a deleted
   * channel): the schedule does not try again, /serial drop-now or a new channel does.
   */
  readonly blocked: boolean;
  /** The discussion thread opened on the drop's last message, once there is one. */
  readonly threadId: string | undefined;
  /**
   * A digest of the part's text as it was posted (see textDigest), to see when a dropped part
   * was edited; undefined for a drop from before the bot kept it, until it is adopted.
   */
  readonly textDigest: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly postedAt: Date | undefined;
}

/** A server's own drop settings for one story; unset fields fall back to the bot's defaults. */
export interface StorySettings {
  readonly guildId: string;
  readonly storyId: string;
  readonly channelId: string | undefined;
  readonly schedule: string | undefined;
  readonly timezone: string | undefined;
  readonly paused: boolean;
  /** A role mentioned on each drop. */
  readonly pingRoleId: string | undefined;
  /** Whether each drop opens a discussion thread. */
  readonly threads: boolean;
  /** What becomes of the channel's copy of a dropped part edited so it no longer fits its messages. */
  readonly revisions: Revisions;
  /** When the schedule fires next, kept so that a drop missed while the bot was down is seen. */
  readonly nextDropAt: Date | undefined;
}

/**
 * A dropped part edited after its drop is edited in place in the reading channel when its pages
 * still fit the messages posted; otherwise the authors chose: a short "revised" note under it,
 * a repost of the whole part, or the channel's copy left as it was. Private reading always
 * shows the current text.
 */
export type Revisions = "note" | "repost" | "leave";

/** A server's drop settings with the bot's defaults filled in. */
export interface EffectiveSettings {
  readonly channelId: string | undefined;
  readonly schedule: string | undefined;
  readonly timezone: string;
  readonly paused: boolean;
  readonly pingRoleId: string | undefined;
  readonly threads: boolean;
  readonly revisions: Revisions;
}

/** How a try at posting a drop ended; a failed drop is kept and finished later. */
export type DropOutcome =
  | { readonly ok: true; readonly drop: Drop }
  | {
      readonly ok: false;
      readonly drop: Drop;
      readonly error: string;
      readonly retryable: boolean;
    };

/** A drop asked for: its outcome, or why there was nothing to post. */
export type DropAttempt =
  | DropOutcome
  | {
      readonly ok: false;
      readonly drop?: undefined;
      readonly error: string;
      readonly retryable: false;
    };
