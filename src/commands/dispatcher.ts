import {
  type APIInteractionGuildMember,
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type GuildMember,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { UserError } from "../core/UserError.js";
import { isStorageFailure } from "../store/isStorageFailure.js";
import type { Reply } from "../views/ReplyMessage.js";
import type { AnswerOutcome, InteractionObserver } from "./InteractionObserver.js";
import { mayUse } from "./mayUse.js";
import { offersChoices } from "./offersChoices.js";
import type { CommandInput } from "./parseInvocation.js";
import { runCommand } from "./runCommand.js";
import { sendReply } from "./sendReply.js";
import type { ButtonHandler, ChatCommand, MemberContext, Services } from "./types.js";
import { withNotes } from "./withNotes.js";

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
  /** Told how each interaction answered went, and how long it took (the metrics). */
  readonly observer?: InteractionObserver;
}

const NOT_SERVED = "I don't serve this server. Ask the bot's operator if you think I should.";

const OUR_FAULT = "Something went wrong on our side. Please try again in a moment.";

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
    label: string,
    run: (context: MemberContext) => Reply | Promise<Reply>,
    context: MemberContext,
  ): Promise<void> {
    const started = performance.now();
    let outcome: AnswerOutcome = "failed";
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
      const { reply, notesShown } = withNotes(services, await run(context), context);
      clearTimeout(timer);
      if ((await deferral) === "failed") return;
      await sendReply(interaction, reply, deferral !== undefined);
      notesShown();
      outcome = "ok";
      log.debug(
        { ...where, ms: Math.round(performance.now() - started), deferred: deferral !== undefined },
        "interaction answered",
      );
    } catch (error) {
      clearTimeout(timer);
      if (error instanceof UserError) {
        outcome = "refused";
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
    } finally {
      const seconds = (performance.now() - started) / 1000;
      options.observer?.answered(label, outcome, seconds, deferral !== undefined);
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
    try {
      const focused = interaction.options.getFocused(true);
      const subcommand = interaction.options.getSubcommand(false) ?? undefined;
      // What the data declares, or nothing: a stale or forged path gets no choices.
      const declared =
        interaction.options.getSubcommandGroup(false) === null &&
        offersChoices(command.data, subcommand, focused.name);
      const choices =
        declared && mayUse(command, subcommand, services, context)
          ? (command.autocomplete?.(services, context, {
              subcommand,
              option: focused.name,
              typed: String(focused.value),
              values: inputOf(interaction.options.data).values,
            }) ?? [])
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
        handler === undefined ? "button:unknown" : `button:${prefix}`,
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
      command?.data.name ?? "unknown",
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
    roleIds: roleIdsOf(interaction.member),
    now,
  };
}

/** The member's roles: ids as the payload sent them, or the cached member's (with the members intent). */
function roleIdsOf(member: GuildMember | APIInteractionGuildMember | null): ReadonlySet<string> {
  if (member === null) return new Set();
  return new Set(Array.isArray(member.roles) ? member.roles : member.roles.cache.keys());
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
