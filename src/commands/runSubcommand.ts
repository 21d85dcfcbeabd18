import type { Reply } from "../views/ReplyMessage.js";
import type { CommandData, SubcommandInvocations, SubcommandName } from "./commandData.js";
import type { MemberContext, Services } from "./types.js";

/** The context of one subcommand of `D`: who asked, and that subcommand's options. */
export type SubcommandContext<D extends CommandData, S extends SubcommandName<D>> = MemberContext &
  SubcommandInvocations<D>[S];

/** A handler for each subcommand of `D`, and for no other name. */
export type SubcommandHandlers<D extends CommandData> = {
  readonly [S in SubcommandName<D>]: (
    services: Services,
    context: SubcommandContext<D, S>,
  ) => Reply | Promise<Reply>;
};

/** Runs the handler of the subcommand the member picked, with that subcommand's context. */
export function runSubcommand<D extends CommandData, S extends SubcommandName<D>>(
  handlers: SubcommandHandlers<D>,
  subcommand: S,
  services: Services,
  context: SubcommandContext<D, S>,
): Reply | Promise<Reply> {
  return handlers[subcommand](services, context);
}
