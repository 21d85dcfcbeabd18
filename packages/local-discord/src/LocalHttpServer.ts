import { createServer, type Server } from "node:http";
import type { Gateway } from "./gateway/Gateway.js";
import type { RestServer } from "./rest/RestServer.js";

/** The one HTTP server of a local Discord: REST requests, and upgrades to the gateway. */
export class LocalHttpServer {
  readonly #server: Server;

  constructor(rest: RestServer, gateway: Gateway) {
    this.#server = createServer((request, response) => {
      void rest.handle(request, response);
    });
    this.#server.on("upgrade", (request, socket, head: Buffer) => {
      if (!gateway.handleUpgrade(request, socket, head)) {
        socket.destroy();
      }
    });
  }

  /** Listens on 127.0.0.1 (any free port for 0); resolves with "http://127.0.0.1:PORT". */
  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, "127.0.0.1", () => resolve());
    });
    const address = this.#server.address();
    if (address === null || typeof address === "string") {
      throw new Error("LocalDiscord: the server has no TCP address");
    }
    return `http://127.0.0.1:${address.port}`;
  }

  /** Stops listening, and ends every connection still open. */
  close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }
}
