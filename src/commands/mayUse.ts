import { accessOf } from "./accessOf.js";
import type { ChatCommand, MemberContext, Services } from "./types.js";

/**
 * Whether the member may use the command, or the subcommand when it declares its own access.
 * The authors are those in AUTHOR_IDS and the members with Manage Server, checked here in the bot.
 */
export function mayUse(
  command: ChatCommand,
  subcommand: string | undefined,
  services: Services,
  context: MemberContext,
): boolean {
  return (
    accessOf(command, subcommand) === "member" ||
    services.authorIds.has(context.userId) ||
    context.canManageGuild
  );
}
