import { forgetButton, forgetMe } from "./forgetMe.js";
import { next } from "./next.js";
import { notify } from "./notify.js";
import { pageButton } from "./pageButton.js";
import { progress } from "./progress.js";
import { reactButton } from "./reactButton.js";
import { reactions } from "./reactions.js";
import { read } from "./read.js";
import { readButton } from "./readButton.js";
import { serial } from "./serial.js";
import type { ButtonHandler, ChatCommand } from "./types.js";

export const chatCommands: ReadonlyMap<string, ChatCommand> = new Map(
  [read, next, progress, notify, forgetMe, reactions, serial].map((command) => [
    command.data.name,
    command,
  ]),
);

export const buttonHandlers: ReadonlyMap<string, ButtonHandler> = new Map(
  [pageButton, readButton, reactButton, forgetButton].map((handler) => [handler.prefix, handler]),
);
