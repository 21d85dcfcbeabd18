import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionEditReplyOptions,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { UserError } from "../core/UserError.js";
import { isStorageFailure } from "../store/isStorageFailure.js";
import { memberNotes } from "../views/memberNotes.js";
import type { Reply, ReplyMessage } from "../views/ReplyMessage.js";
import { mayUse } from "./mayUse.js";
import type { CommandInput } from "./parseInvocation.js";
import { runCommand } from "./runCommand.js";
import type { ButtonHandler, ChatCommand, MemberContext, Services } from "./types.js";

export interface DispatcherOptions {
  readonly services: Services;
  readonly commands: ReadonlyMap<string, ChatCommand>;
  readonly buttons: ReadonlyMap<string, ButtonHandler>;
  readonly clock: () => Date;
  /** Defer when a handler has not answered by then; Discord allows 3 s for the first answer. */
  readonly deferAfterMs?: number;
  /** Whether the bot serves a server (ALLOWED_GUILD_IDS); every server when left out. */
  readonly serves?: (guildId: string) => boolean;
  /** Called for an interaction from a server the bot does not serve, after refusing it. */
  readonly refuseStranger?: (guildId: string) => void;
}

const NOT_SERVED = "I don't serve this server. Ask the bot's operator if you think I should.";

const OUR_FAULT = "Something went wrong on our side. Please try again in a moment.";

/** Discord's limit for a message's content. */
const CONTENT_LIMIT = 2000;

const NOT_SAVED =
  "The bot's storage is failing right now, so I couldn't finish that. Your place in the story is where it was last saved. Please try again later.";

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** How the first answer went: not sent yet, deferred, or the deferral failed (nothing more to send). */
type Deferral = Promise<"deferred" | "failed"> | undefined;

/**
 * The one place interactions come in: it builds the handler's context, holds back what the member
 * may not use, answers in time (deferring when a handler is slow), turns a UserError into a
 * private message and logs the rest: an answer at debug, a refusal at info, a failure as an error.
 */
export function createDispatcher(
  options: DispatcherOptions,
): (interaction: Interaction) => Promise<void> {
  const { services, commands, buttons, clock } = options;
  const deferAfterMs = options.deferAfterMs ?? 2000;
  const { log } = services;

  async function answer(
    interaction: Answerable,
    run: (context: MemberContext) => Reply | Promise<Reply>,
    context: MemberContext,
  ): Promise<void> {
    const started = performance.now();
    const where = {
      interactionId: interaction.id,
      guildId: context.guildId,
      userId: context.userId,
      action: describe(interaction),
    };
    let deferral: Deferral;
    const timer = setTimeout(() => {
      deferral = (
        interaction.isButton()
          ? interaction.deferUpdate()
          : interaction.deferReply({ flags: MessageFlags.Ephemeral })
      ).then(
        () => "deferred" as const,
        (error: unknown) => {
          log.error({ ...where, err: error }, "could not defer the answer; it is dropped");
          return "failed" as const;
        },
      );
    }, deferAfterMs);
    try {
      const { reply, notesShown } = withNotes(await run(context), context);
      clearTimeout(timer);
      if ((await deferral) === "failed") return;
      await send(interaction, reply, deferral !== undefined);
      notesShown();
      log.debug(
        { ...where, ms: Math.round(performance.now() - started), deferred: deferral !== undefined },
        "interaction answered",
      );
    } catch (error) {
      clearTimeout(timer);
      if (error instanceof UserError) {
        log.info({ ...where, reason: error.message }, "interaction refused");
      } else {
        log.error({ ...where, err: error }, "interaction failed");
      }
      if ((await deferral) === "failed") return;
      const content =
        error instanceof UserError
          ? error.message
          : isStorageFailure(error)
            ? NOT_SAVED
            : OUR_FAULT;
      await sendError(interaction, content, where);
    }
  }

  /**
   * Adds what is waiting to be told to the member (once) above the reply, when it fits Discord's
   * 2000 characters; `notesShown` forgets the notes once the reply is sent. A note that cannot be
   * read or shown now waits for the next reply.
   */
  function withNotes(
    reply: Reply,
    context: MemberContext,
  ): { reply: Reply; notesShown: () => void } {
    const { store } = services;
    const where = { guildId: context.guildId, userId: context.userId };
    const asIs = { reply, notesShown: () => undefined };
    try {
      const notes = store.notes.pending(context.guildId, context.userId);
      if (notes.length === 0) return asIs;
      const content = [memberNotes(notes), reply.message.content ?? ""].join("\n\n").trim();
      if (content.length > CONTENT_LIMIT) return asIs;
      return {
        reply: { ...reply, message: { ...reply.message, content } },
        notesShown: () => {
          try {
            store.notes.forget(context.guildId, context.userId);
          } catch (error) {
            log.error({ ...where, err: error }, "could not forget the member notes shown");
          }
        },
      };
    } catch (error) {
      log.error({ ...where, err: error }, "could not read member notes");
      return asIs;
    }
  }

  /**
   * Says what went wrong, privately: in place of the deferred reply's "thinking…" (which would
   * otherwise stay forever), beside a button's message, or as the reply.
   */
  async function sendError(interaction: Answerable, content: string, where: object): Promise<void> {
    try {
      if (interaction.deferred && !interaction.replied && interaction.isChatInputCommand()) {
        await interaction.editReply({ content, embeds: [], components: [], files: [] });
      } else if (interaction.deferred || interaction.replied) {
        await interaction.followUp({ content, flags: MessageFlags.Ephemeral });
      } else {
        await interaction.reply({ content, flags: MessageFlags.Ephemeral });
      }
    } catch (error) {
      log.error({ ...where, err: error }, "could not send the error reply");
    }
  }

  /** Offers the command's choices, or none to a member who may not use it. */
  async function autocomplete(
    interaction: AutocompleteInteraction,
    command: ChatCommand,
    context: MemberContext,
  ): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const subcommand = interaction.options.getSubcommand(false) ?? undefined;
    try {
      const choices = mayUse(command, subcommand, services, context)
        ? (command.autocomplete?.(services, context, String(focused.value)) ?? [])
        : [];
      await interaction.respond(choices);
    } catch (error) {
      log.error(
        {
          interactionId: interaction.id,
          guildId: context.guildId,
          command: command.data.name,
          err: error,
        },
        "autocomplete failed",
      );
    }
  }

  return async (interaction) => {
    if (
      !interaction.isChatInputCommand() &&
      !interaction.isAutocomplete() &&
      !interaction.isButton()
    )
      return;
    const context = contextOf(interaction, clock());
    if (context !== undefined && options.serves?.(context.guildId) === false) {
      log.warn(
        { interactionId: interaction.id, guildId: context.guildId, userId: context.userId },
        "interaction refused: the server is not served",
      );
      const refusal = interaction.isAutocomplete()
        ? interaction.respond([])
        : interaction.reply({ content: NOT_SERVED, flags: MessageFlags.Ephemeral });
      await refusal.catch((error: unknown) =>
        log.error({ interactionId: interaction.id, err: error }, "could not refuse a stranger"),
      );
      options.refuseStranger?.(context.guildId);
      return;
    }
    if (context === undefined) {
      if (!interaction.isAutocomplete())
        await interaction
          .reply({
            content: "Use me in a server, where the story is published.",
            flags: MessageFlags.Ephemeral,
          })
          .catch((error: unknown) =>
            log.error(
              { interactionId: interaction.id, err: error },
              "could not reply outside a server",
            ),
          );
      return;
    }
    if (interaction.isButton()) {
      const [prefix = "", ...args] = interaction.customId.split(":");
      const handler = buttons.get(prefix);
      await answer(
        interaction,
        (ctx) => {
          if (handler === undefined)
            throw new UserError("That button is not one of mine. Type /read to carry on reading.");
          return handler.execute(services, ctx, args);
        },
        context,
      );
      return;
    }
    const command = commands.get(interaction.commandName);
    if (interaction.isAutocomplete()) {
      if (command !== undefined) await autocomplete(interaction, command, context);
      else await interaction.respond([]).catch(() => undefined);
      return;
    }
    await answer(
      interaction,
      (ctx) => {
        if (command === undefined)
          throw new UserError(
            "I don't know that command any more. Discord may still be updating its list; try again in a minute.",
          );
        return runCommand(command, services, ctx, inputOf(interaction.options.data));
      },
      context,
    );
  };
}

async function send(interaction: Answerable, reply: Reply, deferred: boolean): Promise<void> {
  const message = toOptions(reply.message);
  if (deferred) {
    await interaction.editReply(message);
  } else if (reply.mode === "update" && interaction.isButton()) {
    await interaction.update(message);
  } else {
    await interaction.reply({ ...message, flags: MessageFlags.Ephemeral });
  }
}

function toOptions(message: ReplyMessage): InteractionEditReplyOptions & { content: string } {
  return {
    content: message.content ?? "",
    embeds: (message.embeds ?? []).map(asIs),
    components: (message.components ?? []).map(asIs),
    ...(message.files === undefined
      ? {}
      : { files: message.files.map((file) => ({ attachment: file.data, name: file.name })) }),
  };
}

/**
 * Hands discord.js API JSON to send as it is. A plain object it would copy key by key into snake
 * case (lodash.snakecase on every key, recursively), which cost more than building the page.
 */
function asIs<T>(json: T): { toJSON(): T } {
  return { toJSON: () => json };
}

function describe(interaction: Answerable): string {
  return interaction.isButton() ? `button ${interaction.customId}` : `/${interaction.commandName}`;
}

function contextOf(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction,
  now: Date,
): MemberContext | undefined {
  if (!interaction.inGuild()) return undefined;
  return {
    guildId: interaction.guildId,
    userId: interaction.user.id,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    now,
  };
}

/** The subcommand and option values a member sent, as they came, for runCommand to check. */
function inputOf(options: readonly CommandInteractionOption[]): CommandInput {
  const [first] = options;
  const subcommand = first?.type === ApplicationCommandOptionType.Subcommand ? first : undefined;
  const leaves = subcommand === undefined ? options : (subcommand.options ?? []);
  return {
    subcommand: subcommand?.name,
    values: Object.fromEntries(leaves.map((option) => [option.name, option.value])),
  };
}
