import { ApplicationCommandOptionType as OptionType } from "discord.js";
import { describe, expectTypeOf, it } from "vitest";
import type { SubcommandName } from "../../src/commands/commandData.js";
import { guildCommand } from "../../src/commands/guildCommand.js";
import type { next } from "../../src/commands/next.js";
import type { notify } from "../../src/commands/notify.js";
import type { read } from "../../src/commands/read.js";
import type { SubcommandContext, SubcommandHandlers } from "../../src/commands/runSubcommand.js";
import type { serial } from "../../src/commands/serial.js";
import type { ChatCommand, CommandContext } from "../../src/commands/types.js";
import type { Reply } from "../../src/views/ReplyMessage.js";

const toy = guildCommand({
  name: "toy",
  description: "toy",
  options: [
    {
      type: OptionType.Subcommand,
      name: "count",
      description: "count",
      options: [
        { type: OptionType.Integer, name: "times", description: "times", required: true },
        { type: OptionType.Number, name: "scale", description: "scale" },
        { type: OptionType.User, name: "who", description: "who" },
      ],
    },
    { type: OptionType.Subcommand, name: "stop", description: "stop" },
  ],
});

const reply = (): Reply => ({ mode: "reply", message: { content: "ok" } });

// These run as tests too, but what they check is checked by `tsc --noEmit` (npm run typecheck).
describe("a command's types come from its data", () => {
  it("maps each option to its TypeScript type, required ones always present, choices as a union", () => {
    expectTypeOf<SubcommandContext<typeof serial.data, "schedule">["options"]>().toEqualTypeOf<{
      readonly cron: string;
      readonly timezone?: string;
      readonly story?: string;
    }>();
    expectTypeOf<SubcommandContext<typeof serial.data, "threads">["options"]>().toEqualTypeOf<{
      readonly on: boolean;
      readonly story?: string;
    }>();
    expectTypeOf<CommandContext<typeof notify.data>["options"]>().toEqualTypeOf<{
      readonly dm: "on" | "off";
      readonly story?: string;
    }>();
    expectTypeOf<CommandContext<typeof read.data>["options"]>().toEqualTypeOf<{
      readonly part?: string;
      readonly story?: string;
    }>();
    expectTypeOf<SubcommandContext<typeof toy, "count">["options"]>().toEqualTypeOf<{
      readonly times: number;
      readonly scale?: number;
      readonly who?: string;
    }>();
    expectTypeOf<CommandContext<typeof read.data>["subcommand"]>().toEqualTypeOf<undefined>();
    expectTypeOf<CommandContext<typeof next.data>["options"]>().toEqualTypeOf<
      Record<never, never>
    >();
    expectTypeOf<SubcommandName<typeof toy>>().toEqualTypeOf<"count" | "stop">();
  });

  it("makes a wrong option name or subcommand name a type error", () => {
    const command = {
      data: toy,
      access: "member",
      execute(_services, context) {
        // @ts-expect-error: /toy has no subcommand "cont".
        if (context.subcommand === "cont") return reply();
        if (context.subcommand === "count") {
          expectTypeOf(context.options.times).toEqualTypeOf<number>();
          // @ts-expect-error: /toy count has no option "time".
          void context.options.time;
        }
        if (context.subcommand === "stop") {
          // @ts-expect-error: /toy stop has no options.
          void context.options.times;
        }
        return reply();
      },
    } satisfies ChatCommand<typeof toy>;
    expectTypeOf(command.access).toEqualTypeOf<"member">();
  });

  it("wants a handler for each subcommand, and for no other name, with that subcommand's options", () => {
    const handlers = {
      count: (_services, context) => {
        expectTypeOf(context.options.times).toEqualTypeOf<number>();
        return reply();
      },
      stop: reply,
      // @ts-expect-error: "start" is not a subcommand of /toy.
      start: reply,
    } satisfies SubcommandHandlers<typeof toy>;
    // @ts-expect-error: the handler for "stop" is missing.
    const missing: SubcommandHandlers<typeof toy> = { count: reply };
    expectTypeOf(missing).toEqualTypeOf<SubcommandHandlers<typeof toy>>();
    expectTypeOf(handlers.stop).toEqualTypeOf(reply);
  });

  it("lets a command give its subcommands their own access, by their names only", () => {
    expectTypeOf<{ count: "author" }>().toExtend<
      NonNullable<ChatCommand<typeof toy>["subcommandAccess"]>
    >();
    expectTypeOf<{ start: "author" }>().not.toExtend<
      NonNullable<ChatCommand<typeof toy>["subcommandAccess"]>
    >();
  });
});
