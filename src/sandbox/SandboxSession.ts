import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { APIMessage } from "discord-api-types/v10";
import type { CreatedMember, InteractionOutcome } from "local-discord";
import type { Logger } from "pino";
import { type App, startApp } from "../app.js";
import { chatCommands } from "../commands/registry.js";
import { STORY_OPTION } from "../commands/servedStory.js";
import { type Config, loadConfig } from "../config.js";
import { parseCommandLine } from "./parseCommandLine.js";
import { type RenderOptions, renderMessage } from "./renderMessage.js";
import { sandboxHelp } from "./sandboxHelp.js";
import { type LocalServer, startLocalServer } from "./startLocalServer.js";
import { typedOptions } from "./typedOptions.js";

export interface SandboxOptions {
  /** Folder for the sandbox's database. */
  readonly dataDir: string;
  readonly storyDir: string;
  readonly dropSchedule?: string;
  readonly dropTimezone?: string;
  readonly log: Logger;
  readonly render: Omit<RenderOptions, "now">;
}

export interface Step {
  readonly output: string;
  readonly quit: boolean;
}

/**
 * A terminal member of a local Discord server, talking to the real bot: each line typed is
 * turned into what Discord would send, and the bot's answer is rendered as text.
 */
export class SandboxSession {
  #user: CreatedMember;
  #app: App;
  /** The last message with buttons each member was shown, which button labels act on. */
  readonly #current = new Map<string, APIMessage>();
  /** Messages already shown, so each post in a channel is printed once. */
  readonly #seen = new Set<string>();

  private constructor(
    private readonly server: LocalServer,
    private readonly config: Config,
    private readonly options: SandboxOptions,
    app: App,
  ) {
    this.#user = server.reader;
    this.#app = app;
  }

  static async start(options: SandboxOptions): Promise<SandboxSession> {
    const server = await startLocalServer();
    try {
      const config = loadConfig({
        ...server.env,
        DATABASE_PATH: join(options.dataDir, "sandbox.db"),
        STORY_DIR: options.storyDir,
        DROP_SCHEDULE: options.dropSchedule,
        DROP_TIMEZONE: options.dropTimezone,
      });
      const app = await startApp(config, options.log);
      return new SandboxSession(server, config, options, app);
    } catch (error) {
      await server.discord.close();
      throw error;
    }
  }

  get who(): string {
    return this.#user.username;
  }

  /** Button labels on the current member's last message, for completion. */
  labels(): string[] {
    return buttonsOf(this.#current.get(this.#user.id)).map((button) => button.label.toLowerCase());
  }

  async execute(line: string): Promise<Step> {
    const input = line.trim();
    const [word = "", ...rest] = input.split(/\s+/);
    const argument = rest.join(" ");
    try {
      if (input === "") return { output: "", quit: false };
      if (input.startsWith("/")) return this.#say(await this.#command(input));
      switch (word.toLowerCase()) {
        case "quit":
        case "exit":
          return { output: "Bye!", quit: true };
        case "help":
          return {
            output: sandboxHelp(chatCommands.values(), this.options.render.width),
            quit: false,
          };
        case "as":
          return { output: this.#switch(argument), quit: false };
        case "drop":
          return this.#say(
            await this.server.discord.runCommand({
              channelId: this.server.reading.id,
              userId: this.server.author.id,
              name: "serial drop-now",
              options: argument === "" ? {} : { [STORY_OPTION]: argument },
            }),
          );
        case "react":
          return { output: this.#react(argument), quit: false };
        case "restart":
          await this.#app.stop();
          this.#app = await startApp(this.config, this.options.log);
          return {
            output: "The bot restarted. Your place is saved in its database: try /read.",
            quit: false,
          };
        default:
          return this.#say(await this.#press(input));
      }
    } catch (error) {
      return { output: `⚠ ${error instanceof Error ? error.message : String(error)}`, quit: false };
    }
  }

  async close(): Promise<void> {
    await this.#app.stop();
    await this.server.discord.close();
  }

  #say(outcome: InteractionOutcome): Step {
    if (!("message" in outcome))
      return { output: `(the bot answered with response type ${outcome.type})`, quit: false };
    if (buttonsOf(outcome.message).length > 0) this.#current.set(this.#user.id, outcome.message);
    this.#seen.add(outcome.message.id);
    const news = this.#news();
    return {
      output: [this.#render(outcome.message), ...this.#saveFiles(outcome.message), ...news].join(
        "\n\n",
      ),
      quit: false,
    };
  }

  /** Writes the files the bot sent into the sandbox's folder, so the person can open them. */
  #saveFiles(message: APIMessage): string[] {
    const files = this.server.discord.files(message.id);
    if (files.length === 0) return [];
    const folder = join(this.options.dataDir, "files");
    mkdirSync(folder, { recursive: true });
    return files.map((file) => {
      const path = join(folder, basename(file.name));
      writeFileSync(path, file.data);
      return `📎 ${file.name} saved to ${path} (until you quit)`;
    });
  }

  /** What the bot posted since the last command: in #reading, #general, and the member's DMs. */
  #news(): string[] {
    const { discord } = this.server;
    const places: [string, string][] = [
      ...[...this.#channels()].map(([name, id]): [string, string] => [id, `#${name}`]),
      [discord.dmChannel(this.#user.id), "a DM to you"],
    ];
    return places.flatMap(([channelId, where]) =>
      discord
        .posts(channelId)
        .filter((message) => !this.#seen.has(message.id))
        .map((message) => {
          this.#seen.add(message.id);
          return `── new in ${where} ──\n${this.#render(message)}`;
        }),
    );
  }

  #render(message: APIMessage): string {
    const names = new Map([...this.#channels()].map(([name, id]) => [id, name]));
    return renderMessage(message, { ...this.options.render, now: new Date(), channelNames: names });
  }

  /** The sandbox server's channels, by name. */
  #channels(): ReadonlyMap<string, string> {
    return new Map([
      ["reading", this.server.reading.id],
      ["general", this.server.guild.systemChannelId],
    ]);
  }

  #command(input: string): Promise<InteractionOutcome> {
    const { name, options } = parseCommandLine(input, (command) => this.#subcommands(command));
    const registered = this.server.discord
      .commands()
      .find((candidate) => candidate.name === name.split(" ")[0]);
    return this.server.discord.runCommand({
      channelId: this.server.reading.id,
      userId: this.#user.id,
      name,
      options: typedOptions(registered, name, options, this.#channels()),
    });
  }

  #subcommands(command: string): string[] {
    const registered = this.server.discord
      .commands()
      .find((candidate) => candidate.name === command);
    return (registered?.options ?? [])
      .filter((option) => option.type === 1)
      .map((option) => option.name);
  }

  /** Presses the button with this label; "next" without a Next button means /next. */
  #press(label: string): Promise<InteractionOutcome> {
    const message = this.#current.get(this.#user.id);
    const buttons = buttonsOf(message);
    // Completing a label and typing on can leave two spaces where the label has one.
    const wanted = label.replace(/\s+/g, " ").toLowerCase();
    const starting = buttons.filter((candidate) =>
      candidate.label.toLowerCase().startsWith(wanted),
    );
    const button =
      buttons.find((candidate) => candidate.label.toLowerCase() === wanted) ??
      buttons.find((candidate) => candidate.emoji === label) ??
      (starting.length === 1 ? starting[0] : undefined);
    // A word that begins several labels ("open" on the library card) presses none of them.
    if (button === undefined && starting.length > 1) {
      const which = starting.map((candidate) => `[${candidate.label}]`).join(" or ");
      throw new Error(`Which one? "${label}" begins ${which}: type more of its label.`);
    }
    if (message !== undefined && button !== undefined) {
      if (button.disabled) throw new Error(`[${button.label}] is greyed out here.`);
      return this.server.discord.clickButton({
        userId: this.#user.id,
        message,
        customId: button.customId,
      });
    }
    if (wanted === "next") return this.#command("/next");
    const offered = buttons.map((candidate) => `[${candidate.label}]`).join(" ");
    throw new Error(
      `I don't know "${label}". ${offered === "" ? "" : `Buttons here: ${offered}. `}Type help for what you can do.`,
    );
  }

  #switch(who: string): string {
    const target =
      who.toLowerCase() === "author"
        ? this.server.author
        : who.toLowerCase() === "reader" || who.toLowerCase() === "you"
          ? this.server.reader
          : undefined;
    if (target === undefined) throw new Error('Say "as author" or "as reader".');
    this.#user = target;
    return target === this.server.author
      ? "You are now the author (in AUTHOR_IDS): the /serial and /reactions commands work for you, e.g. /serial status or /reactions show."
      : "You are now a reader.";
  }

  #react(emoji: string): string {
    if (emoji === "") throw new Error("Say which emoji, e.g. react ❤️");
    const { discord } = this.server;
    const latest = [...this.#channels()]
      .flatMap(([name, id]) => discord.posts(id).map((post) => ({ name, post })))
      .reduce<{ name: string; post: APIMessage } | undefined>(
        (last, next) =>
          last === undefined || BigInt(next.post.id) > BigInt(last.post.id) ? next : last,
        undefined,
      );
    if (latest === undefined) {
      throw new Error(
        `Nothing posted in ${this.#channelList()} to react to yet: reactions go on posted parts, and private pages take none.`,
      );
    }
    discord.react(this.#user.id, latest.post.channel_id, latest.post.id, emoji);
    const counts = (discord.message(latest.post.id)?.reactions ?? []).map(
      (reaction) => `${reaction.emoji.name ?? "?"} ${reaction.count}`,
    );
    return `You reacted ${emoji} to the latest post, in #${latest.name}: ${counts.join("  ")}`;
  }

  /** "#reading or #general". */
  #channelList(): string {
    return [...this.#channels().keys()].map((name) => `#${name}`).join(" or ");
  }
}

interface Button {
  readonly label: string;
  /** The button's emoji: reaction buttons are pressed by typing it. */
  readonly emoji: string | undefined;
  readonly customId: string;
  readonly disabled: boolean;
}

function buttonsOf(message: APIMessage | undefined): Button[] {
  return (message?.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.flatMap((component) =>
          "custom_id" in component && "label" in component && component.label !== undefined
            ? [
                {
                  label: component.label,
                  emoji: "emoji" in component ? component.emoji?.name : undefined,
                  customId: component.custom_id,
                  disabled: component.disabled === true,
                },
              ]
            : [],
        )
      : [],
  );
}
