/** Thrown when the database file cannot be used; the message says which file and what to do. */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
}
