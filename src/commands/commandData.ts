import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

/** An option a command's data may declare: a subcommand, or an option with a value. */
export type CommandOption =
  | APIApplicationCommandBasicOption
  | APIApplicationCommandSubcommandOption;

/** A slash command as it is registered, with subcommands but no subcommand groups. */
export interface CommandData extends RESTPostAPIChatInputApplicationCommandsJSONBody {
  readonly options?: CommandOption[];
}

/** What an option's value may be once read: users, channels, roles and files by id. */
export type OptionValue = string | number | boolean;

/** The value a handler reads for an option: one of its choices, or what its type holds. */
type ValueOf<O> = O extends { readonly choices: readonly { readonly value: infer V }[] }
  ? V
  : O extends { readonly type: ApplicationCommandOptionType.Integer }
    ? number
    : O extends { readonly type: ApplicationCommandOptionType.Number }
      ? number
      : O extends { readonly type: ApplicationCommandOptionType.Boolean }
        ? boolean
        : string;

/** Flattens an intersection, so editors show one object. */
type Flat<T> = { readonly [K in keyof T]: T[K] };

/** The options of a command (or of one subcommand) by name, required ones always present. */
type OptionsOf<Options> = Options extends readonly APIApplicationCommandBasicOption[]
  ? Flat<
      {
        readonly [O in Options[number] as O extends { readonly required: true }
          ? O["name"]
          : never]: ValueOf<O>;
      } & {
        readonly [O in Options[number] as O extends { readonly required: true }
          ? never
          : O["name"]]?: ValueOf<O>;
      }
    >
  : Record<never, never>;

type SubcommandOf<D extends CommandData> = Extract<
  NonNullable<D["options"]>[number],
  { readonly type: ApplicationCommandOptionType.Subcommand }
>;

/** The names of a command's subcommands; `never` for a command without any. */
export type SubcommandName<D extends CommandData> = SubcommandOf<D>["name"];

/** Each subcommand of `D` by name, with the options it declares. */
export type SubcommandInvocations<D extends CommandData> = {
  readonly [S in SubcommandName<D>]: {
    readonly subcommand: S;
    readonly options: OptionsOf<
      NonNullable<Extract<SubcommandOf<D>, { readonly name: S }>["options"]>
    >;
  };
};

/** What the dispatcher reads from any command's interaction, before the data narrows it. */
export interface AnyInvocation {
  readonly subcommand: string | undefined;
  readonly options: Readonly<Record<string, OptionValue | undefined>>;
}

/**
 * What a member asked of the command `D`: for a command with subcommands, one of them with its
 * options (a union a handler narrows by `subcommand`); otherwise the command's own options.
 */
export type Invocation<D extends CommandData> = CommandData extends D
  ? AnyInvocation
  : [SubcommandName<D>] extends [never]
    ? { readonly subcommand: undefined; readonly options: OptionsOf<NonNullable<D["options"]>> }
    : SubcommandInvocations<D>[SubcommandName<D>];

/** Whether an option of a command's data is a subcommand. */
export function isSubcommand(
  option: CommandOption,
): option is APIApplicationCommandSubcommandOption {
  return option.type === ApplicationCommandOptionType.Subcommand;
}

/** Whether an option of a command's data takes a value (is not a subcommand). */
export function isBasicOption(option: CommandOption): option is APIApplicationCommandBasicOption {
  return option.type !== ApplicationCommandOptionType.Subcommand;
}
