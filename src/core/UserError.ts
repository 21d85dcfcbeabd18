/** A problem the member should read, answered privately, as it is; anything else is a bug. */
export class UserError extends Error {
  override readonly name = "UserError";
}
