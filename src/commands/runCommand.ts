import { UserError } from "../core/UserError.js";
import type { Reply } from "../views/ReplyMessage.js";
import { mayUse } from "./mayUse.js";
import { type CommandInput, parseInvocation } from "./parseInvocation.js";
import type { ChatCommand, MemberContext, Services } from "./types.js";

const AUTHORS_ONLY = "Only the story's authors and members with Manage Server can do that.";

/**
 * Runs a command as the dispatcher does: refuses a member who may not use it, reads what they
 * sent against the command's data, and hands the handler that, typed.
 */
export function runCommand(
  command: ChatCommand,
  services: Services,
  context: MemberContext,
  input: CommandInput,
): Reply | Promise<Reply> {
  if (!mayUse(command, input.subcommand, services, context)) throw new UserError(AUTHORS_ONLY);
  return command.execute(services, { ...context, ...parseInvocation(command.data, input) });
}
