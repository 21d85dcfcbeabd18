import type { MemberNote } from "../core/MemberNote.js";

const WORDS: Readonly<Record<MemberNote, string>> = {
  "dms-closed":
    "📭 I couldn't DM you that a new part was out: your DMs are closed to me, so I turned those DMs off. To get them again, allow direct messages from this server's members (the server's Privacy Settings), then use /notify dm:on.",
};

/** The words of a member's waiting notes, one paragraph each. */
export function memberNotes(notes: readonly MemberNote[]): string {
  return notes.map((note) => WORDS[note]).join("\n\n");
}
