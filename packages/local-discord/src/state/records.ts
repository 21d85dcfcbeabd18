import type {
  APIApplicationCommandOptionChoice,
  APIMessage,
  APIModalInteractionResponseCallbackData,
  ChannelType,
  InteractionResponseType,
  InteractionType,
} from "discord-api-types/v10";

/**
 * A guild. The @everyone role's id is the guild id; its members, roles and channels are kept by
 * the state's stores.
 */
export interface GuildRecord {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly systemChannelId: string;
  readonly botRoleId: string;
}

export interface MemberRecord {
  readonly userId: string;
  readonly roleIds: readonly string[];
  readonly joinedAt: string;
}

export interface RoleRecord {
  readonly id: string;
  readonly guildId: string;
  readonly name: string;
  readonly permissions: bigint;
  readonly position: number;
  /** The bot user this role was made for (the bot's managed role). */
  readonly botId: string | null;
}

export interface ChannelRecord {
  readonly id: string;
  readonly type: ChannelType.GuildText | ChannelType.DM | ThreadType;
  readonly name: string;
  readonly guildId: string | null;
  /** Threads: the channel they belong to. */
  readonly parentId: string | null;
  readonly topic: string | null;
  readonly position: number;
  /** DMs: the user the bot talks to. */
  readonly recipientId: string | null;
  /** Threads: who created it. */
  readonly ownerId: string | null;
  readonly autoArchiveDuration: 60 | 1440 | 4320 | 10080;
  /** Permissions denied to the bot in this channel (a member overwrite). */
  readonly denyBot: bigint;
  readonly lastMessageId: string | null;
}

export type ThreadType = ChannelType.PublicThread | ChannelType.PrivateThread;

/** A reaction's emoji: a custom one has an id, a Unicode one only its name. */
export interface Emoji {
  readonly id: string | null;
  readonly name: string;
}

/** An uploaded file kept with the attachment it became. */
export interface StoredFile {
  readonly attachmentId: string;
  readonly name: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface ReactionRecord {
  readonly emoji: Emoji;
  readonly userIds: ReadonlySet<string>;
}

export interface MessageRecord {
  /** The message without `reactions`/`thread`, which are computed when it is served. */
  readonly message: APIMessage;
  readonly guildId: string | null;
  /** By emoji (a custom emoji's id, a Unicode emoji's name), in the order first added. */
  readonly reactions: ReadonlyMap<string, ReactionRecord>;
  readonly files: readonly StoredFile[];
  readonly createdAt: number;
  readonly ephemeral: boolean;
  /** The thread started from this message (same id as the message). */
  readonly threadId: string | null;
}

/** One interaction the server dispatched, and what the bot did with it. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  /** For messages and errors: "/read page", "button next", ... */
  readonly label: string;
  readonly createdAt: number;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly userId: string;
  /** Components: the message the component is on. */
  readonly sourceMessageId: string | null;
  /** The first callback; later ones are refused with 40060. */
  readonly response: { readonly type: InteractionResponseType; readonly at: number } | null;
  /** What `@original` refers to (the reply, or for components the source message). */
  readonly originalMessageId: string | null;
  /** Edits of `@original` after the callback. */
  readonly originalEdits: number;
  readonly followUpIds: readonly string[];
  readonly choices: readonly APIApplicationCommandOptionChoice[] | null;
  readonly modal: APIModalInteractionResponseCallbackData | null;
  /** When a callback came after the acknowledgement window (and got 10062). */
  readonly lateCallbackAt: number | null;
}

/** A record as its owner keeps it: the same fields, writable. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
