import type { Access, ChatCommand } from "./types.js";

/** Who may use a subcommand (or a command without one): its own access, or else the command's. */
export function accessOf(command: ChatCommand, subcommand: string | undefined): Access {
  return (
    (subcommand === undefined ? undefined : command.subcommandAccess?.[subcommand]) ??
    command.access
  );
}
