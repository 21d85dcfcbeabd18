import { type APIButtonComponentWithCustomId, ButtonStyle } from "discord.js";
import type { StoredMessage } from "local-discord";
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { buttonOn, embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

const run = (userId: string, name: string, options: Record<string, string> = {}) =>
  h.discord.runCommand({ channelId: h.reading.id, userId, name, options });

/** Opens a part privately and presses Next `pages - 1` times; the last message shown. */
async function read(userId: string, partId: string, pages: number): Promise<StoredMessage> {
  let shown = messageOf(await run(userId, "read", { part: partId }));
  for (let page = 1; page < pages; page += 1) {
    shown = messageOf(
      await h.discord.clickButton({ userId, message: shown, customId: buttonOn(shown, "Next") }),
    );
  }
  return shown;
}

function reactionButtons(message: StoredMessage): APIButtonComponentWithCustomId[] {
  return (message.components ?? []).flatMap((row) =>
    "components" in row
      ? row.components.filter(
          (component): component is APIButtonComponentWithCustomId =>
            "custom_id" in component && component.custom_id.startsWith("react:"),
        )
      : [],
  );
}

/** The report's text for one part, as the author sees it in the embed. */
const fieldOf = (embed: ReturnType<typeof embedOf>, name: string) =>
  embed.fields?.find((field) => field.name === name)?.value;

describe("/reactions, the author's view", () => {
  it("counts the readers' reactions and reading per part, without the author's, also after a restart; refuses readers", async () => {
    h = await startHarness();
    await run(h.author.id, "serial drop-now");
    await run(h.author.id, "serial drop-now");
    const [partOne, , partTwo] = h.discord.posts(h.reading.id);
    if (partOne === undefined || partTwo === undefined) throw new Error("the drops posted nothing");
    const second = h.discord.addMember(h.guild.id, { username: "second" });
    const third = h.discord.addMember(h.guild.id, { username: "third" });

    h.discord.react(h.reader.id, h.reading.id, partOne.id, "❤️");
    h.discord.react(second.id, h.reading.id, partOne.id, "❤️");
    h.discord.react(h.author.id, h.reading.id, partOne.id, "❤️");
    h.discord.react(third.id, h.reading.id, partTwo.id, "😢");
    await read(h.reader.id, "new-york", 2);
    await read(second.id, "new-york", 1);
    await read(third.id, "new-york", 2);
    await read(third.id, "moscow", 1);
    await read(h.author.id, "new-york", 2);
    await eventually(
      () => h.app.store.reactions.tallies(h.guild.id, "drago", []).length === 2,
      "the four reactions recorded",
    );

    const expected = {
      "Part 1 · New York": [
        "`Started  ████████████` 3",
        "`Finished ████████░░░░` 2",
        "❤️ `████████████` 2",
        "😢 `░░░░░░░░░░░░` 0",
        "😮 `░░░░░░░░░░░░` 0",
        "😂 `░░░░░░░░░░░░` 0",
        "🔥 `░░░░░░░░░░░░` 0",
      ],
      "Part 2 · Moscow": [
        "`Started  ████░░░░░░░░` 1",
        "`Finished ░░░░░░░░░░░░` 0",
        "Of the 2 readers who finished Part 1 · New York, 1 went on to this part; 1 (50%) have not.",
        "❤️ `░░░░░░░░░░░░` 0",
        "😢 `██████░░░░░░` 1",
        "😮 `░░░░░░░░░░░░` 0",
        "😂 `░░░░░░░░░░░░` 0",
        "🔥 `░░░░░░░░░░░░` 0",
      ],
    };
    const checkReport = async () => {
      const shown = await run(h.author.id, "reactions show");
      const embed = embedOf(shown);
      for (const [name, lines] of Object.entries(expected)) {
        expect(fieldOf(embed, name)?.split("\n")).toEqual(lines);
      }
      expect(fieldOf(embed, "Author's note")?.split("\n")).toEqual([
        "`Started  ░░░░░░░░░░░░` 0",
        "`Finished ░░░░░░░░░░░░` 0",
      ]);
      expect(embed.image?.url).toMatch(/reactions\.png$/);
      const [chart] = h.discord.files(messageOf(shown).id);
      expect(chart?.name).toBe("reactions.png");
      expect(chart?.data.subarray(1, 4).toString("latin1")).toBe("PNG");

      const exported = await run(h.author.id, "reactions export");
      const [csv] = h.discord.files(messageOf(exported).id);
      expect(csv?.name).toBe("drago-reactions.csv");
      expect(csv?.data.toString("utf8").split("\r\n")).toEqual([
        "\uFEFFpart_id,part,readers_started,readers_finished,finished_part_before,went_on_from_part_before,❤️,😢,😮,😂,🔥,readers_started_early,❤️ early,😢 early,😮 early,😂 early,🔥 early",
        "authors-note,Author's note,0,0,,,,,,,,,,,,,",
        "blurb,Blurb,0,0,0,0,,,,,,,,,,,",
        "new-york,Part 1 · New York,3,2,0,0,2,0,0,0,0,0,0,0,0,0,0",
        "moscow,Part 2 · Moscow,1,0,2,1,0,1,0,0,0,0,0,0,0,0,0",
        "",
      ]);
    };
    await checkReport();
    await h.restart();
    await checkReport();

    const partTwoOnly = embedOf(await run(h.author.id, "reactions show", { part: "moscow" }));
    expect(partTwoOnly.fields?.map((field) => field.name)).toEqual(["Part 2 · Moscow"]);
    expect(fieldOf(partTwoOnly, "Part 2 · Moscow")?.split("\n")).toEqual([
      "`Started  ████████████` 1",
      "`Finished ░░░░░░░░░░░░` 0",
      "Of the 2 readers who finished Part 1 · New York, 1 went on to this part; 1 (50%) have not.",
      "❤️ `░░░░░░░░░░░░` 0",
      "😢 `████████████` 1",
      "😮 `░░░░░░░░░░░░` 0",
      "😂 `░░░░░░░░░░░░` 0",
      "🔥 `░░░░░░░░░░░░` 0",
    ]);

    const refused = messageOf(await run(h.reader.id, "reactions show"));
    expect(refused.content).toBe(
      "Only the story's authors and members with Manage Server can do that.",
    );
    expect(refused.embeds).toEqual([]);
    expect(h.discord.files(refused.id)).toEqual([]);
    const choices = await h.discord.autocomplete({
      channelId: h.reading.id,
      userId: h.reader.id,
      name: "reactions show",
      focused: "part",
      options: { part: "" },
    });
    expect(choices).toEqual([]);
  });

  it("offers the story's emoji as buttons on the last page of a part, which toggle and count", async () => {
    h = await startHarness();
    await run(h.author.id, "serial drop-now");
    const [drop] = h.discord.posts(h.reading.id);
    h.discord.react(h.reader.id, h.reading.id, drop?.id ?? "", "❤️");
    const first = messageOf(await run(h.reader.id, "read", { part: "new-york" }));
    expect(reactionButtons(first)).toEqual([]);
    const last = await read(h.reader.id, "new-york", 2);
    const buttons = reactionButtons(last);
    expect(buttons.map((button) => [button.emoji?.name, button.label])).toEqual([
      ["❤️", "1"],
      ["😢", "0"],
      ["😮", "0"],
      ["😂", "0"],
      ["🔥", "0"],
    ]);
    const press = async (message: StoredMessage, emoji: string) => {
      const button = reactionButtons(message).find((candidate) => candidate.emoji?.name === emoji);
      return messageOf(
        await h.discord.clickButton({
          userId: h.reader.id,
          message,
          customId: button?.custom_id ?? "",
        }),
      );
    };
    const chosen = await press(last, "❤️");
    const fired = await press(chosen, "🔥");
    expect(reactionButtons(fired).map((button) => [button.label, button.style])).toEqual([
      ["1", ButtonStyle.Success],
      ["0", ButtonStyle.Secondary],
      ["0", ButtonStyle.Secondary],
      ["0", ButtonStyle.Secondary],
      ["1", ButtonStyle.Success],
    ]);
    expect(fired.embeds[0]?.description).toBe(last.embeds[0]?.description);
    const unfired = await press(fired, "🔥");
    expect(reactionButtons(unfired)[4]?.label).toBe("0");
    const unloved = await press(unfired, "❤️");
    expect(reactionButtons(unloved)[0]?.label).toBe("1");
    const loved = await press(unloved, "❤️");
    expect(h.app.store.reactions.tallies(h.guild.id, "drago", [])).toEqual([
      { partId: "new-york", emoji: "❤️", readers: 1 },
    ]);
    h.discord.unreact(h.reader.id, h.reading.id, drop?.id ?? "", "❤️");
    await press(loved, "❤️");
    await eventually(
      () => h.app.store.reactions.tallies(h.guild.id, "drago", []).length === 0,
      "the ❤️ gone once neither the drop nor the button has it",
    );
  });
});
