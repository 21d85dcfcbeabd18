import { randomBytes } from "node:crypto";
import type {
  APIApplicationCommandOptionChoice,
  APIModalInteractionResponseCallbackData,
  InteractionResponseType,
} from "discord-api-types/v10";
import type { SnowflakeGenerator } from "../SnowflakeGenerator.js";
import type { InteractionRecord, Writable } from "../state/records.js";

/** What a member's interaction is, before the bot does anything with it. */
export type NewInteraction = Pick<
  InteractionRecord,
  "type" | "label" | "channelId" | "guildId" | "userId" | "sourceMessageId"
>;

/** The interactions members started, each with its token and what the bot did with it. */
export class InteractionStore {
  readonly #snowflakes: SnowflakeGenerator;
  readonly #records = new Map<string, Writable<InteractionRecord>>();
  /** The same records by webhook token: the bot's follow-ups name only the token. */
  readonly #byToken = new Map<string, Writable<InteractionRecord>>();

  constructor(snowflakes: SnowflakeGenerator) {
    this.#snowflakes = snowflakes;
  }

  /** A new interaction with a fresh id and token, not answered yet. */
  create(input: NewInteraction): InteractionRecord {
    const record: Writable<InteractionRecord> = {
      ...input,
      id: this.#snowflakes.next(),
      token: `aW50ZXJhY3Rpb24.${randomBytes(48).toString("base64url")}`,
      createdAt: Date.now(),
      response: null,
      originalMessageId: input.sourceMessageId,
      originalEdits: 0,
      followUpIds: [],
      choices: null,
      modal: null,
      lateCallbackAt: null,
    };
    this.#records.set(record.id, record);
    this.#byToken.set(record.token, record);
    return record;
  }

  find(id: string): InteractionRecord | undefined {
    return this.#records.get(id);
  }

  /** The interaction whose webhook token this is, if any. */
  findByToken(token: string): InteractionRecord | undefined {
    return this.#byToken.get(token);
  }

  /** Notes the bot's first answer. */
  acknowledge(record: InteractionRecord, type: InteractionResponseType, at: number): void {
    this.#writable(record).response = { type, at };
  }

  /** Notes a callback that came too late (Discord answered it 10062). */
  markLate(record: InteractionRecord, at: number): void {
    this.#writable(record).lateCallbackAt = at;
  }

  /** Makes this message what `@original` refers to. */
  setOriginal(record: InteractionRecord, messageId: string): void {
    this.#writable(record).originalMessageId = messageId;
  }

  /** Counts an edit of `@original`. */
  countOriginalEdit(record: InteractionRecord): void {
    this.#writable(record).originalEdits += 1;
  }

  addFollowUp(record: InteractionRecord, messageId: string): void {
    const writable = this.#writable(record);
    writable.followUpIds = [...writable.followUpIds, messageId];
  }

  /** Keeps the autocomplete choices the bot answered with. */
  setChoices(
    record: InteractionRecord,
    choices: readonly APIApplicationCommandOptionChoice[],
  ): void {
    this.#writable(record).choices = choices;
  }

  /** Keeps the modal the bot answered with. */
  setModal(record: InteractionRecord, modal: APIModalInteractionResponseCallbackData): void {
    this.#writable(record).modal = modal;
  }

  #writable(record: InteractionRecord): Writable<InteractionRecord> {
    const writable = this.#records.get(record.id);
    if (writable === undefined) {
      throw new Error(`Interaction ${record.id} is not one of this local Discord's`);
    }
    return writable;
  }
}
