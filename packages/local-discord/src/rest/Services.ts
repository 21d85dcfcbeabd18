import type { BotMembership } from "../BotMembership.js";
import type { CommandRegistry } from "../CommandRegistry.js";
import type { Gateway } from "../gateway/Gateway.js";
import type { InteractionService } from "../interactions/InteractionService.js";
import type { InteractionWebhook } from "../interactions/InteractionWebhook.js";
import type { MessageService } from "../messages/MessageService.js";
import type { ReactionService } from "../messages/ReactionService.js";
import type { ThreadService } from "../messages/ThreadService.js";
import type { DiscordState } from "../state/DiscordState.js";

/** What route handlers work with. */
export interface Services {
  readonly state: DiscordState;
  readonly messages: MessageService;
  readonly reactions: ReactionService;
  readonly threads: ThreadService;
  readonly interactions: InteractionService;
  readonly webhook: InteractionWebhook;
  readonly commands: CommandRegistry;
  readonly gateway: Gateway;
  readonly membership: BotMembership;
}
