/** A request Discord's OpenAPI spec rejects: its operation and what is wrong with its body. */
export interface SpecViolation {
  readonly method: string;
  readonly path: string;
  /** The spec's operationId, e.g. "create_message". */
  readonly operation: string;
  /** Each problem, as "/embeds/0/title must NOT have more than 256 characters". */
  readonly problems: readonly string[];
}
