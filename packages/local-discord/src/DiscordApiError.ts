import type { FormErrorNode } from "./FormErrors.js";

/** The JSON body of a Discord error response. */
export interface DiscordErrorBody {
  readonly message: string;
  readonly code: number;
  readonly errors?: FormErrorNode;
}

/** An error the local API answers with, shaped like Discord's (HTTP status, JSON code, message). */
export class DiscordApiError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: FormErrorNode | undefined;

  constructor(status: number, code: number, message: string, errors?: FormErrorNode) {
    super(message);
    this.name = "DiscordApiError";
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  toJSON(): DiscordErrorBody {
    return this.errors === undefined
      ? { message: this.message, code: this.code }
      : { message: this.message, code: this.code, errors: this.errors };
  }

  static notFound(): DiscordApiError {
    return new DiscordApiError(404, 0, "404: Not Found");
  }
  static unauthorized(): DiscordApiError {
    return new DiscordApiError(401, 0, "401: Unauthorized");
  }
  static unknownApplication(): DiscordApiError {
    return new DiscordApiError(404, 10002, "Unknown Application");
  }
  static unknownChannel(): DiscordApiError {
    return new DiscordApiError(404, 10003, "Unknown Channel");
  }
  static unknownGuild(): DiscordApiError {
    return new DiscordApiError(404, 10004, "Unknown Guild");
  }
  static unknownMember(): DiscordApiError {
    return new DiscordApiError(404, 10007, "Unknown Member");
  }
  static unknownMessage(): DiscordApiError {
    return new DiscordApiError(404, 10008, "Unknown Message");
  }
  static unknownUser(): DiscordApiError {
    return new DiscordApiError(404, 10013, "Unknown User");
  }
  static unknownEmoji(): DiscordApiError {
    return new DiscordApiError(400, 10014, "Unknown Emoji");
  }
  static unknownWebhook(): DiscordApiError {
    return new DiscordApiError(404, 10015, "Unknown Webhook");
  }
  static unknownInteraction(): DiscordApiError {
    return new DiscordApiError(404, 10062, "Unknown interaction");
  }
  static unknownApplicationCommand(): DiscordApiError {
    return new DiscordApiError(404, 10063, "Unknown application command");
  }
  static requestTooLarge(): DiscordApiError {
    return new DiscordApiError(413, 40005, "Request entity too large");
  }
  static alreadyAcknowledged(): DiscordApiError {
    return new DiscordApiError(400, 40060, "Interaction has already been acknowledged.");
  }
  static maximumReactions(): DiscordApiError {
    return new DiscordApiError(400, 30010, "Maximum number of reactions reached (20)");
  }
  /** A guild the bot is not in (it left or was removed), or a channel of one. */
  static missingAccess(): DiscordApiError {
    return new DiscordApiError(403, 50001, "Missing Access");
  }
  static cannotEditOthersMessage(): DiscordApiError {
    return new DiscordApiError(403, 50005, "Cannot edit a message authored by another user");
  }
  /** A DM to a user who does not accept the bot's DMs (closed DMs, blocked, no shared server). */
  static cannotMessageUser(): DiscordApiError {
    return new DiscordApiError(403, 50007, "Cannot send messages to this user");
  }
  static wrongChannelType(): DiscordApiError {
    return new DiscordApiError(400, 50024, "Cannot execute action on this channel type");
  }
  static threadAlreadyCreated(): DiscordApiError {
    return new DiscordApiError(400, 160004, "A thread has already been created for this message");
  }
  static emptyMessage(): DiscordApiError {
    return new DiscordApiError(400, 50006, "Cannot send an empty message");
  }
  static missingPermissions(): DiscordApiError {
    return new DiscordApiError(403, 50013, "Missing Permissions");
  }
  static invalidWebhookToken(): DiscordApiError {
    return new DiscordApiError(401, 50027, "Invalid Webhook Token");
  }
  static invalidFormBody(errors: FormErrorNode): DiscordApiError {
    return new DiscordApiError(400, 50035, "Invalid Form Body", errors);
  }
}
