/**
 * Every table with a server's data, in an order that deletes reactions before their counts and
 * drops' messages before their drops. A test checks that no table with a guild_id is missing.
 */
export const GUILD_TABLES = [
  "progress",
  "part_reads",
  "part_read_counts",
  "releases",
  "story_settings",
  "carried_stories",
  "early_access",
  "notify_subscriptions",
  "drop_notices",
  "member_notes",
  "author_notices",
  "message_reactions",
  "reading_reactions",
  "reaction_counts",
  "forgotten_reactions",
  "forgotten_members",
  "reaction_reconciles",
  "drop_messages",
  "drops",
  "departed_guilds",
] as const;
