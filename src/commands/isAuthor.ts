import { UserError } from "../core/UserError.js";
import type { CommandContext, Services } from "./types.js";

/** Author commands are for AUTHOR_IDS and members with Manage Server, checked here in the bot. */
export function assertAuthor(services: Services, context: CommandContext): void {
  if (!services.authorIds.has(context.userId) && !context.canManageGuild) {
    throw new UserError("Only the story's authors and members with Manage Server can do that.");
  }
}
