import type { BotMembership } from "../BotMembership.js";
import type { CommandRegistry } from "../CommandRegistry.js";
import type { DiscordState } from "../DiscordState.js";
import type { Gateway } from "../Gateway.js";
import type { InteractionService } from "../InteractionService.js";
import type { MessageService } from "../MessageService.js";

/** What route handlers work with. */
export interface Services {
  readonly state: DiscordState;
  readonly messages: MessageService;
  readonly interactions: InteractionService;
  readonly commands: CommandRegistry;
  readonly gateway: Gateway;
  readonly membership: BotMembership;
}
