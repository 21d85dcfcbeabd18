/** How answering an interaction ended: answered, refused with a UserError, or failed. */
export type AnswerOutcome = "ok" | "refused" | "failed";

/**
 * Told of every interaction the dispatcher answers (the metrics, in the bot). `command` is a
 * command of the registry (`read`), a button's prefix (`button:page`), or `unknown` for one
 * the bot does not know, never what a member sent: it is meant as a label.
 */
export interface InteractionObserver {
  answered(command: string, outcome: AnswerOutcome, seconds: number, deferred: boolean): void;
}
