import { next } from "./next.js";
import { notify } from "./notify.js";
import { pageButton } from "./pageButton.js";
import { read } from "./read.js";
import { readButton } from "./readButton.js";
import { serial } from "./serial.js";
import type { ButtonHandler, ChatCommand } from "./types.js";

export const chatCommands: ReadonlyMap<string, ChatCommand> = new Map(
  [read, next, notify, serial].map((command) => [command.data.name, command]),
);

export const buttonHandlers: ReadonlyMap<string, ButtonHandler> = new Map(
  [pageButton, readButton].map((handler) => [handler.prefix, handler]),
);
