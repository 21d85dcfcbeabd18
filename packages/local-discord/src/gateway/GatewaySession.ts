import { GatewayDispatchEvents, GatewayOpcodes } from "discord-api-types/v10";
import type { WebSocket } from "ws";

/** A dispatch as sent on the wire. */
export interface DispatchFrame {
  readonly op: GatewayOpcodes.Dispatch;
  readonly t: string;
  readonly s: number;
  readonly d: unknown;
}

/** What tests can see of a gateway session. */
export interface GatewaySessionInfo {
  readonly id: string;
  readonly shard: readonly [number, number];
  readonly intents: number;
  /** Whether a socket is attached right now. */
  readonly connected: boolean;
  /** The last sequence number dispatched (delivered or waiting for a resume). */
  readonly sequence: number;
  /** How many times the session was resumed (op 6). */
  readonly resumes: number;
  /** The event names dispatched to this session, in order. */
  readonly events: readonly string[];
}

const HISTORY_LIMIT = 1000;

/**
 * One identified gateway session: a sequence of dispatches that outlives its socket, so that a
 * client that reconnects can resume and get what it missed.
 */
export class GatewaySession {
  readonly id: string;
  readonly shard: readonly [number, number];
  readonly intents: number;
  #socket: WebSocket | null;
  #sequence = 0;
  #resumes = 0;
  readonly #history: DispatchFrame[] = [];
  readonly #events: string[] = [];

  constructor(id: string, shard: readonly [number, number], intents: number, socket: WebSocket) {
    this.id = id;
    this.shard = shard;
    this.intents = intents;
    this.#socket = socket;
  }

  get socket(): WebSocket | null {
    return this.#socket;
  }

  hasIntent(intent: number): boolean {
    return (this.intents & intent) === intent;
  }

  dispatch(event: string, data: unknown): void {
    this.#sequence += 1;
    const frame: DispatchFrame = {
      op: GatewayOpcodes.Dispatch,
      t: event,
      s: this.#sequence,
      d: data,
    };
    this.#history.push(frame);
    if (this.#history.length > HISTORY_LIMIT) {
      this.#history.shift();
    }
    this.#events.push(event);
    this.#socket?.send(JSON.stringify(frame));
  }

  /** Resumes on a new socket: replays what came after `sequence`, then RESUMED. */
  resume(socket: WebSocket, sequence: number): void {
    this.#socket = socket;
    this.#resumes += 1;
    for (const frame of this.#history) {
      if (frame.s > sequence) {
        socket.send(JSON.stringify(frame));
      }
    }
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Dispatch,
        t: GatewayDispatchEvents.Resumed,
        s: this.#sequence,
        d: {},
      }),
    );
  }

  /** Whether the history still covers everything after `sequence`. */
  canReplayFrom(sequence: number): boolean {
    const oldest = this.#history[0];
    return sequence <= this.#sequence && (oldest === undefined || oldest.s <= sequence + 1);
  }

  detach(socket: WebSocket): void {
    if (this.#socket === socket) {
      this.#socket = null;
    }
  }

  info(): GatewaySessionInfo {
    return {
      id: this.id,
      shard: this.shard,
      intents: this.intents,
      connected: this.#socket !== null,
      sequence: this.#sequence,
      resumes: this.#resumes,
      events: [...this.#events],
    };
  }
}
