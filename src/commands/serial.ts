import { PermissionFlagsBits } from "discord.js";
import { nextUnreleased } from "../core/reading.js";
import { guildCommand } from "./guildCommand.js";
import { assertAuthor } from "./isAuthor.js";
import type { ChatCommand } from "./types.js";
import { UserError } from "./UserError.js";
import { partLabel } from "./views/partLabel.js";

/** `/serial …`: the author's controls. */
export const serial = {
  data: guildCommand("serial", "Author controls for the serial", PermissionFlagsBits.ManageGuild)
    .addSubcommand((subcommand) =>
      subcommand
        .setName("release-next")
        .setDescription("Release the next part to readers in this server, without posting it"),
    )
    .toJSON(),

  execute(services, context) {
    assertAuthor(services, context);
    const { book, store } = services;
    const storyId = book.story.meta.id;
    const next = nextUnreleased(book, store.releases.releasedIds(context.guildId, storyId));
    if (next === undefined) throw new UserError("Every part is already released.");
    store.releases.add(context.guildId, storyId, next.part.id, context.now);
    services.log.info(
      { guildId: context.guildId, userId: context.userId, partId: next.part.id },
      "part released",
    );
    return {
      mode: "reply",
      message: {
        content: `Released **${partLabel(next.part)}**. Readers in this server can now read it with /read and /next.`,
      },
    };
  },
} satisfies ChatCommand;
