/** Something to tell a member once, at their next use of the bot (e.g. their DMs were closed). */
export type MemberNote = "dms-closed";
