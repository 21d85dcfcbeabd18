/** A word for a server's authors: what may be said in public, and the details for them alone. */
export interface AuthorNotice {
  /** For the server's system channel: never names a part that is not out. */
  readonly public: string;
  /** For the authors directly (and /serial status): which part, what failed, how to fix it. */
  readonly details: string;
}
