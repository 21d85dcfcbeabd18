import {
  ChannelType,
  ApplicationCommandOptionType as OptionType,
  PermissionFlagsBits,
} from "discord.js";
import { guildCommand } from "./guildCommand.js";
import { storyOption } from "./servedStory.js";

/** `/serial`: its subcommands and their options, as Discord shows them. */
export const serialData = guildCommand({
  name: "serial",
  description: "Author controls for the serial",
  permissions: PermissionFlagsBits.ManageGuild,
  options: [
    {
      type: OptionType.Subcommand,
      name: "status",
      description: "Channel, schedule, next drop and the last drop's result",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "channel",
      description: "Set the channel where new parts are posted",
      options: [
        {
          type: OptionType.Channel,
          name: "channel",
          description: "The reading channel",
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "schedule",
      description: "Set when new parts are posted (cron)",
      options: [
        {
          type: OptionType.String,
          name: "cron",
          description: "e.g. 0 18 * * 5 for Fridays at 18:00",
          required: true,
          max_length: 100,
        },
        {
          type: OptionType.String,
          name: "timezone",
          description: "IANA time zone, e.g. Europe/London",
          max_length: 64,
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "ping-role",
      description: "Mention a role on each new part (leave empty for none)",
      options: [
        { type: OptionType.Role, name: "role", description: "The role to mention" },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "threads",
      description: "Open a discussion thread for each new part",
      options: [
        { type: OptionType.Boolean, name: "on", description: "Open threads?", required: true },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "pause",
      description: "Stop scheduled drops until resumed",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "resume",
      description: "Start scheduled drops again",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "drop-now",
      description: "Post the next part now",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "skip-drop",
      description: "Give up a drop that cannot be finished; its part is released unposted",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "release-next",
      description: "Release the next part to readers without posting it",
      options: [storyOption],
    },
    {
      type: OptionType.Subcommand,
      name: "early-access",
      description: "Let a role read the next parts privately before their public drop",
      options: [
        {
          type: OptionType.Role,
          name: "role",
          description: "e.g. your patrons' role",
          required: true,
        },
        {
          type: OptionType.Integer,
          name: "parts",
          description: "How many of the next parts it may read early (0 ends its early access)",
          required: true,
          min_value: 0,
          max_value: 50,
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "revisions",
      description:
        "What to do in the channel when a part already posted is edited and no longer fits",
      options: [
        {
          type: OptionType.String,
          name: "mode",
          description: "A short note under it, the whole part posted again, or nothing",
          required: true,
          choices: [
            { name: "note", value: "note" },
            { name: "repost", value: "repost" },
            { name: "leave", value: "leave" },
          ],
        },
        storyOption,
      ],
    },
    {
      type: OptionType.Subcommand,
      name: "reload",
      description: "Read the story folder again now (it is also watched for changes)",
    },
    {
      type: OptionType.Subcommand,
      name: "carry",
      description: "Choose whether this server carries a story (every story is carried at first)",
      options: [
        { ...storyOption, required: true, description: "The story" },
        {
          type: OptionType.Boolean,
          name: "on",
          description: "Carry it here? Off hides it from readers and stops its drops",
          required: true,
        },
      ],
    },
  ],
});
