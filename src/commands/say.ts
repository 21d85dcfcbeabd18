import type { Reply } from "../views/ReplyMessage.js";

/** A reply of plain words. */
export const say = (content: string): Reply => ({ mode: "reply", message: { content } });
