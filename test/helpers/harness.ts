import { join } from "node:path";
import type { APIEmbed } from "discord.js";
import type {
  CreatedChannel,
  CreatedGuild,
  CreatedMember,
  InteractionOutcome,
  LocalDiscord,
  LocalDiscordOptions,
  RecordedRequest,
  StoredMessage,
} from "local-discord";
import { type App, startApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startLocalServer } from "../../src/sandbox/startLocalServer.js";
import { eventually } from "./eventually.js";
import { tempDir } from "./tempDir.js";

/** The bot (real discord.js client, real app wiring) against a local Discord with one server. */
export interface Harness {
  readonly discord: LocalDiscord;
  readonly guild: CreatedGuild;
  readonly reading: CreatedChannel;
  readonly reader: CreatedMember;
  readonly author: CreatedMember;
  /** The settings the bot runs with now (see `restart`). */
  config: Config;
  /** The bot's log lines, as it would write them to stdout (only with `logLevel`). */
  readonly logs: string[];
  app: App;
  /**
   * Stops the bot and starts it again on the same database, as after a restart; `env` changes
   * settings from this start on, as an operator editing .env between the two would.
   */
  restart(env?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Keep the bot's log lines from this level up in `logs` (default: none). */
  readonly logLevel?: string;
  /** Runs once the local Discord is up, before the bot starts (to inject a fault, say). */
  readonly beforeStart?: (discord: LocalDiscord) => void;
}

export async function startHarness(
  env: Record<string, string> = {},
  options: LocalDiscordOptions = {},
  { logLevel = "silent", beforeStart }: HarnessOptions = {},
): Promise<Harness> {
  const {
    discord,
    guild,
    reading,
    reader,
    author,
    env: serverEnv,
  } = await startLocalServer(options);
  let settings = { ...serverEnv, DATABASE_PATH: join(tempDir(), "serial.db"), ...env };
  const config = loadConfig(settings);
  const logs: string[] = [];
  const log = createLogger({
    level: logLevel,
    destination: { write: (line: string) => logs.push(line) },
    secrets: [config.discordToken],
  });
  beforeStart?.(discord);
  const harness: Harness = {
    discord,
    guild,
    reading,
    reader,
    author,
    config,
    logs,
    app: await startApp(config, log),
    async restart(changes = {}) {
      await harness.app.stop();
      settings = { ...settings, ...changes };
      harness.config = loadConfig(settings);
      harness.app = await startApp(harness.config, log);
    },
    async close() {
      await harness.app.stop();
      await discord.close();
    },
  };
  return harness;
}

/** `/serial <subcommand>` from the harness's author, in the reading channel unless told another. */
export function serialCommand(
  h: Harness,
  subcommand: string,
  options: Parameters<LocalDiscord["runCommand"]>[0]["options"] = {},
  channelId = h.reading.id,
): Promise<InteractionOutcome> {
  return h.discord.runCommand({
    channelId,
    userId: h.author.id,
    name: `serial ${subcommand}`,
    options,
  });
}

/** The finished message of an interaction outcome (fails for autocomplete or modals). */
export function messageOf(outcome: InteractionOutcome): StoredMessage {
  if (!("message" in outcome))
    throw new Error(`Expected a message, got response type ${outcome.type}`);
  return outcome.message;
}

export function embedOf(outcome: InteractionOutcome): APIEmbed {
  const embed = messageOf(outcome).embeds[0];
  if (embed === undefined)
    throw new Error(`Expected an embed in ${JSON.stringify(messageOf(outcome))}`);
  return embed;
}

function buttonsOf(message: StoredMessage): { label: string; customId: string }[] {
  return (message.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.flatMap((component) =>
          "custom_id" in component && "label" in component
            ? [{ label: component.label ?? "", customId: component.custom_id }]
            : [],
        )
      : [],
  );
}

export function labelsOn(message: StoredMessage): string[] {
  return buttonsOf(message).map((button) => button.label);
}

/** The custom_id of the button labelled `label` on a message. */
export function buttonOn(message: StoredMessage, label: string): string {
  const button = buttonsOf(message).find((candidate) => candidate.label === label);
  if (button === undefined)
    throw new Error(`No button labelled "${label}" on message ${message.id}`);
  return button.customId;
}

/**
 * Restarts the bot (`whileDown` runs while it is stopped) and waits for its start-up reaction
 * catch-up, which runs in the background (the harness must keep logs from "info"); the GET
 * requests made meanwhile.
 */
export async function restartAndCatchUp(
  h: Harness,
  whileDown: () => void = () => undefined,
): Promise<RecordedRequest[]> {
  const catchUps = () =>
    h.logs.filter((line) => line.includes('"msg":"reactions reconciled"')).length;
  const before = catchUps();
  await h.app.stop();
  const from = h.discord.requests.length;
  whileDown();
  await h.restart();
  await eventually(() => catchUps() > before, "the start-up reaction catch-up");
  return h.discord.requests.slice(from).filter((request) => request.method === "GET");
}
