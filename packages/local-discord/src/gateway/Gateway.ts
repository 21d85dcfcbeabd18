import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { GatewayReadyDispatchData } from "discord-api-types/v10";
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
} from "discord-api-types/v10";
import { type WebSocket, WebSocketServer } from "ws";
import type { ChangeFeed } from "../ChangeFeed.js";
import { arrayField, isRecord, numberField, stringField } from "../isRecord.js";
import { NO_FLAGS } from "../noFlags.js";
import { shardOf } from "../SnowflakeGenerator.js";
import { toGuildCreate } from "../serialize/toGuildCreate.js";
import type { DiscordState } from "../state/DiscordState.js";
import type {
  DispatchEvent,
  Dispatcher,
  DispatchPayloads,
  DispatchScope,
} from "./DispatchPayloads.js";
import { GatewaySession, type GatewaySessionInfo } from "./GatewaySession.js";
import { requiredIntent } from "./requiredIntent.js";
import { toMembersChunk } from "./toMembersChunk.js";

/** One event the gateway dispatched, and the sessions that got it. */
export interface DispatchRecord {
  readonly event: DispatchEvent;
  readonly guildId: string | null;
  readonly sessionIds: readonly string[];
  readonly data: unknown;
}

export interface GatewayOptions {
  readonly state: DiscordState;
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  readonly changes: ChangeFeed;
  readonly onDispatch: (record: DispatchRecord) => void;
}

const GATEWAY_PATH = "/gateway";
const RESUME_PATH = "/gateway/resume";

/**
 * The gateway (JSON over WebSocket, no compression): HELLO, IDENTIFY → READY + GUILD_CREATE per
 * guild of the shard the bot is in, heartbeats, RESUME with replay, op 7 reconnect requests, and
 * dispatches filtered by shard and intents. Events of a guild the bot is not in reach no one.
 */
export class Gateway implements Dispatcher {
  readonly #options: GatewayOptions;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #sockets = new Set<WebSocket>();
  /** Connections waiting for their HELLO while the gateway is held (see `hold`). */
  #held: Set<WebSocket> | null = null;
  #origin = "";

  constructor(options: GatewayOptions) {
    this.#options = options;
    this.#server.on("connection", (socket) => this.#onConnection(socket));
  }

  /** Where clients connect: `ws://127.0.0.1:PORT/gateway` (no query string). */
  get url(): string {
    return `${this.#origin}${GATEWAY_PATH}`;
  }

  listenOn(origin: string): void {
    this.#origin = origin.replace(/^http/, "ws");
  }

  /** Takes over an HTTP upgrade to a gateway path; false when the path is not the gateway's. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== GATEWAY_PATH && path !== RESUME_PATH) {
      return false;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => {
      this.#server.emit("connection", ws, request);
    });
    return true;
  }

  dispatch<E extends DispatchEvent>(
    event: E,
    data: DispatchPayloads[E],
    scope: DispatchScope<E>,
  ): void {
    const intent = requiredIntent(event, scope.guildId !== null);
    const sessionIds: string[] = [];
    const botAway = scope.guildId !== null && !this.#options.state.botIsIn(scope.guildId);
    for (const session of botAway ? [] : this.#sessions.values()) {
      const [shardId, shardCount] = session.shard;
      const shard = scope.guildId === null ? 0 : shardOf(scope.guildId, shardCount);
      if (shard !== shardId || (intent !== null && !session.hasIntent(intent))) {
        continue;
      }
      const stripped =
        scope.withoutMessageContent !== undefined &&
        !session.hasIntent(GatewayIntentBits.MessageContent);
      session.dispatch(event, stripped ? scope.withoutMessageContent : data);
      sessionIds.push(session.id);
    }
    this.#options.onDispatch({ event, guildId: scope.guildId, sessionIds, data });
  }

  /** Sends op 7 Reconnect to every connected session (discord.js then resumes). */
  requestReconnect(): void {
    for (const session of this.#sessions.values()) {
      session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
    }
  }

  /** Drops every socket with close code 4000, as a network failure would (clients resume). */
  disconnectAll(): void {
    for (const socket of this.#sockets) {
      socket.close(GatewayCloseCodes.UnknownError, "Local Discord dropped the connection");
    }
  }

  /**
   * Holds back HELLO from the connections made from now on, until `release()` sends it to those
   * still open: a client connecting meanwhile waits, as on a gateway slow to answer.
   */
  hold(): { release(): void } {
    const held = new Set<WebSocket>();
    this.#held = held;
    return {
      release: () => {
        if (this.#held === held) this.#held = null;
        for (const socket of held) this.#hello(socket);
        held.clear();
      },
    };
  }

  sessions(): GatewaySessionInfo[] {
    return [...this.#sessions.values()].map((session) => session.info());
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) {
      socket.terminate();
    }
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #onConnection(socket: WebSocket): void {
    this.#sockets.add(socket);
    let session: GatewaySession | null = null;
    if (this.#held === null) this.#hello(socket);
    else this.#held.add(socket);
    socket.on("message", (raw) => {
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
        return;
      }
      if (!isRecord(payload)) {
        socket.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
        return;
      }
      const data = isRecord(payload.d) ? payload.d : {};
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
          return;
        case GatewayOpcodes.Identify:
          if (session !== null) {
            socket.close(
              GatewayCloseCodes.AlreadyAuthenticated,
              "You sent more than one identify payload.",
            );
            return;
          }
          session = this.#identify(socket, data);
          return;
        case GatewayOpcodes.Resume:
          session = this.#resume(socket, data);
          return;
        case GatewayOpcodes.RequestGuildMembers:
          if (session !== null) {
            this.#sendMemberChunk(session, data);
          }
          return;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          if (session === null) {
            socket.close(
              GatewayCloseCodes.NotAuthenticated,
              "You sent a payload prior to identifying.",
            );
          }
          return;
        default:
          socket.close(GatewayCloseCodes.UnknownOpcode, "Unknown opcode.");
      }
    });
    socket.on("close", (code) => {
      this.#sockets.delete(socket);
      if (session !== null) {
        session.detach(socket);
        if (code === 1000 || code === 1001) {
          this.#sessions.delete(session.id);
        }
      }
      this.#options.changes.notify();
    });
  }

  #hello(socket: WebSocket): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(
      JSON.stringify({
        op: GatewayOpcodes.Hello,
        d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
      }),
    );
  }

  #identify(socket: WebSocket, data: Record<string, unknown>): GatewaySession | null {
    const { state } = this.#options;
    if (!this.#tokenMatches(stringField(data, "token"))) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, "Authentication failed.");
      return null;
    }
    const intents = numberField(data, "intents");
    if (intents === undefined) {
      socket.close(GatewayCloseCodes.InvalidIntents, "Invalid intent(s).");
      return null;
    }
    const [shardId = 0, shardCount = 1] = (arrayField(data, "shard") ?? []).map(Number);
    if (!(shardCount >= 1 && shardId >= 0 && shardId < shardCount)) {
      socket.close(GatewayCloseCodes.InvalidShard, "Invalid shard.");
      return null;
    }
    const session = new GatewaySession(
      state.snowflakes.next(),
      [shardId, shardCount],
      intents,
      socket,
    );
    this.#sessions.set(session.id, session);
    const guilds = state.guilds
      .all()
      .filter((guild) => shardOf(guild.id, shardCount) === shardId && state.botIsIn(guild.id));
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: state.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `${this.#origin}${RESUME_PATH}`,
      shard: [shardId, shardCount],
      application: { id: state.applicationId, flags: NO_FLAGS, flags_new: "0" },
    };
    session.dispatch(GatewayDispatchEvents.Ready, ready);
    for (const guild of guilds) {
      session.dispatch(GatewayDispatchEvents.GuildCreate, toGuildCreate(state, guild));
    }
    this.#options.changes.notify();
    return session;
  }

  #resume(socket: WebSocket, data: Record<string, unknown>): GatewaySession | null {
    const session = this.#sessions.get(stringField(data, "session_id") ?? "");
    const sequence = numberField(data, "seq") ?? 0;
    if (
      !this.#tokenMatches(stringField(data, "token")) ||
      session === undefined ||
      !session.canReplayFrom(sequence)
    ) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
      return null;
    }
    if (session.socket !== null && session.socket !== socket) {
      session.socket.close(GatewayCloseCodes.SessionTimedOut, "Session resumed elsewhere.");
    }
    session.resume(socket, sequence);
    this.#options.changes.notify();
    return session;
  }

  #sendMemberChunk(session: GatewaySession, data: Record<string, unknown>): void {
    const chunk = toMembersChunk(this.#options.state, data);
    if (chunk !== undefined) {
      session.dispatch(GatewayDispatchEvents.GuildMembersChunk, chunk);
    }
  }

  #tokenMatches(token: string | undefined): boolean {
    return token !== undefined && token.replace(/^Bot /, "") === this.#options.token;
  }
}
