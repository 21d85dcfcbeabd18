import type {
  APIApplicationCommandOptionChoice,
  APIModalSubmitTextInputComponent,
} from "discord-api-types/v10";
import {
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  InteractionType,
} from "discord-api-types/v10";
import { buildCommandOptions, type CommandInvocation } from "../buildCommandOptions.js";
import type { ChangeFeed } from "../ChangeFeed.js";
import type { CommandRegistry } from "../CommandRegistry.js";
import { customIds, findComponent } from "../findComponent.js";
import type { InteractionOutcome } from "../InteractionOutcome.js";
import type { StoredMessage } from "../StoredMessage.js";
import type { DiscordState } from "../state/DiscordState.js";
import type { InteractionRecord, MessageRecord } from "../state/records.js";
import { requireMemberAccess } from "../world/requireMemberAccess.js";
import {
  autocompleteInteraction,
  chatInputInteraction,
  componentInteraction,
  modalSubmitInteraction,
} from "./buildInteraction.js";
import type { InteractionService } from "./InteractionService.js";

/** Who runs a command, and where (the guild is the channel's; DMs have none). */
export interface CommandRun extends CommandInvocation {
  readonly channelId: string;
  readonly userId: string;
  /** How long to wait for the finished answer (default `waitTimeoutMs`). */
  readonly timeoutMs?: number;
}

export interface ComponentUse {
  readonly userId: string;
  /** The message the component is on, or its id. */
  readonly message: StoredMessage | string;
  readonly customId: string;
  readonly timeoutMs?: number;
}

export interface ModalSubmission {
  readonly userId: string;
  readonly channelId: string;
  readonly customId: string;
  /** Text input values by custom_id. */
  readonly fields: Readonly<Record<string, string>>;
  /** The message whose component opened the modal, if any. */
  readonly message?: StoredMessage | string;
  readonly timeoutMs?: number;
}

/** How much longer than the acknowledgement window to wait for the acknowledgement. */
const ACK_GRACE_MS = 100;

/**
 * Members using the bot: slash commands, autocomplete, buttons, select menus and modals, each
 * an interaction dispatched to the bot, and (except the load tests' `dispatch*`) awaited until
 * its answer is complete. Mistakes a member's client would not let through throw at once.
 */
export class MemberInteractions {
  readonly #state: DiscordState;
  readonly #commands: CommandRegistry;
  readonly #interactions: InteractionService;
  readonly #changes: ChangeFeed;

  constructor(
    state: DiscordState,
    commands: CommandRegistry,
    interactions: InteractionService,
    changes: ChangeFeed,
  ) {
    this.#state = state;
    this.#commands = commands;
    this.#interactions = interactions;
    this.#changes = changes;
  }

  async runCommand(run: CommandRun): Promise<InteractionOutcome> {
    return this.#awaitOutcome(this.dispatchCommand(run), run.timeoutMs);
  }

  async autocomplete(
    run: CommandRun & { readonly focused: string },
  ): Promise<readonly APIApplicationCommandOptionChoice[]> {
    const record = this.#dispatchCommand(run, InteractionType.ApplicationCommandAutocomplete);
    const outcome = await this.#awaitOutcome(record, run.timeoutMs);
    if (outcome.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
      throw new Error(`${record.label}: the bot answered autocomplete with type ${outcome.type}`);
    }
    return outcome.choices;
  }

  async clickButton(use: ComponentUse): Promise<InteractionOutcome> {
    const { message, component } = this.#component(use, "button");
    if (
      component.type !== ComponentType.Button ||
      component.style === ButtonStyle.Link ||
      component.style === ButtonStyle.Premium
    ) {
      throw new Error(`button "${use.customId}": that component is not a clickable button`);
    }
    const record = this.#useComponent(use, message, {
      custom_id: use.customId,
      component_type: ComponentType.Button,
    });
    return this.#awaitOutcome(record, use.timeoutMs);
  }

  async selectMenu(
    use: ComponentUse & { readonly values: readonly string[] },
  ): Promise<InteractionOutcome> {
    const { message, component } = this.#component(use, "select menu");
    if (component.type !== ComponentType.StringSelect) {
      throw new Error(`select menu "${use.customId}": only string select menus are supported`);
    }
    const offered = Array.isArray(component.options)
      ? component.options.map((option: unknown) =>
          typeof option === "object" && option !== null && "value" in option
            ? option.value
            : undefined,
        )
      : [];
    const unknown = use.values.filter((value) => !offered.includes(value));
    if (unknown.length > 0) {
      throw new Error(`select menu "${use.customId}": ${unknown.join(", ")} not among its options`);
    }
    const record = this.#useComponent(use, message, {
      custom_id: use.customId,
      component_type: ComponentType.StringSelect,
      values: [...use.values],
    });
    return this.#awaitOutcome(record, use.timeoutMs);
  }

  async submitModal(submission: ModalSubmission): Promise<InteractionOutcome> {
    const channel = this.#state.channels.get(submission.channelId);
    this.#requireBotIn(channel.guildId, `modal "${submission.customId}"`);
    requireMemberAccess(this.#state, submission.userId, channel.id);
    const source =
      submission.message === undefined
        ? undefined
        : typeof submission.message === "string"
          ? submission.message
          : submission.message.id;
    const record = this.#interactions.create({
      type: InteractionType.ModalSubmit,
      label: `modal "${submission.customId}"`,
      channelId: channel.id,
      guildId: channel.guildId,
      userId: submission.userId,
      sourceMessageId: source ?? null,
    });
    const components = Object.entries(submission.fields).map(
      ([customId, value]): APIModalSubmitTextInputComponent => ({
        type: ComponentType.TextInput,
        custom_id: customId,
        value,
      }),
    );
    this.#interactions.dispatch(
      record,
      modalSubmitInteraction(this.#state, record, submission.customId, components),
    );
    return this.#awaitOutcome(record, submission.timeoutMs);
  }

  /** Runs a slash command without waiting for (or watching) the answer. */
  dispatchCommand(run: CommandRun): InteractionRecord {
    return this.#dispatchCommand(run, InteractionType.ApplicationCommand);
  }

  /** Clicks a button without waiting for (or watching) the answer. */
  dispatchButtonClick(use: ComponentUse): InteractionRecord {
    const { message, component } = this.#component(use, "button");
    if (component.type !== ComponentType.Button) {
      throw new Error(`button "${use.customId}": that component is not a button`);
    }
    return this.#useComponent(use, message, {
      custom_id: use.customId,
      component_type: ComponentType.Button,
    });
  }

  #dispatchCommand(
    run: CommandRun & { readonly focused?: string },
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
  ): InteractionRecord {
    const channel = this.#state.channels.get(run.channelId);
    const label = `/${[run.name, run.subcommand ?? ""].join(" ").trim()}`;
    this.#requireBotIn(channel.guildId, label);
    requireMemberAccess(this.#state, run.userId, channel.id);
    const built = buildCommandOptions(this.#state, this.#commands, run, {
      guildId: channel.guildId,
      channelId: channel.id,
      userId: run.userId,
      ...(run.focused === undefined ? {} : { focused: run.focused }),
    });
    const record = this.#interactions.create({
      type,
      label,
      channelId: channel.id,
      guildId: channel.guildId,
      userId: run.userId,
      sourceMessageId: null,
    });
    const payload =
      type === InteractionType.ApplicationCommand
        ? chatInputInteraction(this.#state, record, built)
        : autocompleteInteraction(this.#state, record, built);
    this.#interactions.dispatch(record, payload);
    return record;
  }

  #component(use: ComponentUse, kind: string) {
    const id = typeof use.message === "string" ? use.message : use.message.id;
    const record = this.#state.messages.find(id);
    if (record === undefined) {
      throw new Error(`${kind} "${use.customId}": message ${id} does not exist (any more)`);
    }
    const component = findComponent(record.message, use.customId);
    if (component === undefined) {
      throw new Error(
        `${kind} "${use.customId}": not on the message (custom ids: ${customIds(record.message).join(", ") || "none"})`,
      );
    }
    if (component.disabled === true) {
      throw new Error(`${kind} "${use.customId}": it is disabled`);
    }
    return { message: record, component };
  }

  #useComponent(
    use: ComponentUse,
    message: MessageRecord,
    data: Parameters<typeof componentInteraction>[2],
  ): InteractionRecord {
    const channelId = message.message.channel_id;
    const label = `${data.component_type === ComponentType.Button ? "button" : "select menu"} "${use.customId}"`;
    this.#requireBotIn(message.guildId, label);
    requireMemberAccess(this.#state, use.userId, channelId);
    const record = this.#interactions.create({
      type: InteractionType.MessageComponent,
      label,
      channelId,
      guildId: message.guildId,
      userId: use.userId,
      sourceMessageId: message.message.id,
    });
    this.#interactions.dispatch(record, componentInteraction(this.#state, record, data));
    return record;
  }

  async #awaitOutcome(
    record: InteractionRecord,
    timeoutMs: number | undefined,
  ): Promise<InteractionOutcome> {
    const acknowledgeMs = this.#interactions.acknowledgeMs;
    await this.#changes.waitFor(
      () => {
        if (record.lateCallbackAt !== null) {
          throw new Error(
            `${record.label}: the bot answered after ${record.lateCallbackAt - record.createdAt} ms; Discord refused it with 10062 Unknown interaction (limit ${acknowledgeMs} ms)`,
          );
        }
        return record.response !== null;
      },
      {
        timeoutMs: acknowledgeMs + ACK_GRACE_MS,
        description: `the bot to acknowledge ${record.label} (Discord allows ${acknowledgeMs} ms)`,
      },
    );
    return this.#changes.waitFor(() => this.#interactions.outcome(record), {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      description: `the bot to finish answering ${record.label} (response type ${record.response?.type}; a deferred answer needs an edit of @original)`,
    });
  }

  /**
   * Members use the bot (commands, components, modals) only in servers it is in: Discord does
   * not offer a removed bot's commands, and its messages' buttons fail.
   */
  #requireBotIn(guildId: string | null, what: string): void {
    if (guildId !== null && !this.#state.botIsIn(guildId)) {
      throw new Error(
        `${what}: the bot is not in server ${guildId} (it left or was removed; addBot invites it back)`,
      );
    }
  }
}
