import type { Access, ChatCommand } from "./types.js";

/** Who may use a command's subcommand (or the command, without one): its own access, or the command's. */
export function accessOf(command: ChatCommand, subcommand: string | undefined): Access {
  return (
    (subcommand === undefined ? undefined : command.subcommandAccess?.[subcommand]) ??
    command.access
  );
}
