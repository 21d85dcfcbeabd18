import { performance } from "node:perf_hooks";
import type { CreatedMember } from "local-discord";
import type { LocalServer } from "../src/sandbox/startLocalServer.js";

/** The share of interactions that are /next; the rest press a button on the member's last reply. */
const COMMAND_SHARE = 0.25;
/** How long after a step answers may still come: Discord's 3 s to acknowledge, and a margin. */
const DRAIN_MS = 3500;
/** The buttons that move a member on: Next on a page, the caught-up card's only button. */
const FORWARD_LABELS: readonly string[] = ["Next", "Next part", "Back to the last page"];

/** What came back for one step at a steady rate, as the generator saw it. */
export interface LoadResult {
  readonly rate: number;
  readonly sent: number;
  readonly answered: number;
  /** Answered with no button to move on (an error message), or not answered in time. */
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The generator's event loop utilization while sending, from 0 to 1. */
  readonly generatorBusy: number;
  /** Answers that were a page with a Next button (not the bot's caught-up card). */
  readonly pages: number;
}

/** A member as the generator sees them: the button that moves them on, if any yet. */
interface Member {
  readonly id: string;
  forward: { readonly messageId: string; readonly customId: string } | undefined;
}

/** An interaction in flight, and the step it counts for. */
interface Pending {
  readonly sentAt: number;
  readonly member: Member;
  readonly tally: Tally;
}

/** What came back for one step's interactions. */
interface Tally {
  readonly latencies: number[];
  answered: number;
  failed: number;
  pages: number;
}

/** The members' load on one local Discord: open-loop steps at a steady rate. */
export class InteractionLoad {
  readonly #server: LocalServer;
  readonly #members: Member[];
  readonly #pending = new Map<string, Pending>();
  readonly #stopListening: () => void;

  constructor(server: LocalServer, members: readonly CreatedMember[]) {
    this.#server = server;
    this.#members = members.map((member) => ({ id: member.id, forward: undefined }));
    this.#stopListening = server.discord.onInteractionAnswered(({ interactionId, messageId }) =>
      this.#answered(interactionId, messageId),
    );
  }

  /** Sends `rate` interactions a second for `ms`, then waits for their answers (bounded). */
  async step(rate: number, ms: number): Promise<LoadResult> {
    const tally: Tally = { latencies: [], answered: 0, failed: 0, pages: 0 };
    const busyBefore = performance.eventLoopUtilization();
    const sent = await steadily(rate, ms, () => this.#send(tally));
    const busy = performance.eventLoopUtilization(busyBefore);
    await until(() => tally.answered + tally.failed >= sent, DRAIN_MS);
    for (const [id, pending] of this.#pending) {
      if (pending.tally === tally) {
        this.#pending.delete(id);
        tally.failed += 1;
      }
    }
    return {
      rate,
      sent,
      answered: tally.answered,
      failed: tally.failed,
      p50Ms: percentile(tally.latencies, 0.5),
      p99Ms: percentile(tally.latencies, 0.99),
      generatorBusy: busy.utilization,
      pages: tally.pages,
    };
  }

  close(): void {
    this.#stopListening();
  }

  /** A random member presses the button on their last reply, or types /next. */
  #send(tally: Tally): void {
    const member = this.#members[Math.floor(Math.random() * this.#members.length)];
    if (member === undefined) throw new Error("no members");
    const { discord, reading } = this.#server;
    const id =
      member.forward === undefined || Math.random() < COMMAND_SHARE
        ? discord.dispatchCommand({ channelId: reading.id, userId: member.id, name: "next" })
        : discord.dispatchButtonClick({
            userId: member.id,
            message: member.forward.messageId,
            customId: member.forward.customId,
          });
    this.#pending.set(id, { sentAt: performance.now(), member, tally });
  }

  #answered(interactionId: string, messageId: string | null): void {
    const answeredAt = performance.now();
    const pending = this.#pending.get(interactionId);
    if (pending === undefined) return;
    this.#pending.delete(interactionId);
    const { tally, member } = pending;
    const message = messageId === null ? undefined : this.#server.discord.message(messageId);
    const forward = message === undefined ? undefined : forwardButton(message);
    if (message === undefined || forward === undefined) {
      tally.failed += 1;
      return;
    }
    tally.answered += 1;
    tally.latencies.push(answeredAt - pending.sentAt);
    if (forward.label.startsWith("Next") && (message.embeds?.length ?? 0) > 0) tally.pages += 1;
    member.forward = { messageId: message.id, customId: forward.customId };
  }
}

/** The button on a message that moves a member on, found by its label. */
function forwardButton(message: {
  readonly components?: readonly unknown[];
}): { readonly label: string; readonly customId: string } | undefined {
  for (const row of message.components ?? []) {
    for (const component of componentsOf(row)) {
      const label = stringProperty(component, "label");
      const customId = stringProperty(component, "custom_id");
      if (label !== undefined && customId !== undefined && FORWARD_LABELS.includes(label)) {
        return { label, customId };
      }
    }
  }
  return undefined;
}

function componentsOf(row: unknown): readonly unknown[] {
  const components =
    typeof row === "object" && row !== null && "components" in row ? row.components : undefined;
  return Array.isArray(components) ? components : [];
}

function stringProperty(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const property: unknown = Reflect.get(value, key);
  return typeof property === "string" ? property : undefined;
}

/**
 * Calls `send` `rate` times a second for `ms`, open loop, sending at once what is due whenever the
 * event loop comes round (about every millisecond); resolves with how many were sent.
 */
function steadily(rate: number, ms: number, send: () => void): Promise<number> {
  const total = Math.round((rate * ms) / 1000);
  const started = performance.now();
  let sent = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
      for (; sent < due; sent += 1) send();
      if (sent >= total) resolve(sent);
      else setTimeout(tick, 1);
    };
    tick();
  });
}

/** Resolves when `done()` holds (checked every 10 ms) or after `ms`. */
function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  return new Promise((resolve) => {
    const check = () => {
      if (done() || performance.now() >= deadline) resolve();
      else setTimeout(check, 10);
    };
    check();
  });
}

/** The `q` quantile (nearest rank) of the values; NaN when there are none. */
function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
