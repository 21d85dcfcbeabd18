import { afterEach, describe, expect, it } from "vitest";
import { embedOf, type Harness, messageOf, startHarness } from "../helpers/harness.js";

let h: Harness;

afterEach(async () => {
  expect(h.discord.unhandledRequests).toEqual([]);
  expect(h.discord.rateLimitViolations).toEqual([]);
  await h.close();
});

describe("early access", () => {
  it("lets a role read the next part before its drop, refuses it to others, and keeps the early reader's place at the drop", async () => {
    h = await startHarness();
    const patrons = h.discord.createRole(h.guild.id, { name: "Patrons", permissions: 0n });
    const patron = h.discord.addMember(h.guild.id, { username: "patron", roleIds: [patrons] });
    const run = (userId: string, name: string, options: Record<string, string | number> = {}) =>
      h.discord.runCommand({ channelId: h.reading.id, userId, name, options });

    expect(
      messageOf(await run(h.author.id, "serial early-access", { role: patrons, parts: 1 })).content,
    ).toMatch(/can now read the next part of \*\*After Moscow\*\*/);

    const early = embedOf(await run(patron.id, "read", { part: "new-york" }));
    expect(early.title).toBe("Part 1 · New York");
    expect(early.footer?.text).toMatch(/^🔑 Early access: not out for everyone yet · /);
    expect(messageOf(await run(patron.id, "read", { part: "moscow" })).content).toMatch(
      /no released part called "moscow"/,
    );
    expect(messageOf(await run(h.reader.id, "read", { part: "new-york" })).content).toMatch(
      /no released part called "new-york"/,
    );
    const next = embedOf(await run(patron.id, "next"));
    expect(next.title).toBe("Part 1 · New York");

    expect(messageOf(await run(h.author.id, "serial drop-now")).content).toMatch(
      /Dropped \*\*Part 1 · New York\*\*/,
    );
    const resumed = embedOf(await run(patron.id, "read"));
    expect(resumed.title).toBe("Welcome back to After Moscow");
    expect(resumed.description).toMatch(/You were reading \*\*Part 1 · New York\*\*, page 2/);
    const public_ = embedOf(await run(h.reader.id, "read", { part: "new-york" }));
    expect(public_.footer?.text).not.toMatch(/Early access/);
    expect(embedOf(await run(patron.id, "read", { part: "moscow" })).footer?.text).toMatch(
      /^🔑 Early access/,
    );

    const figures = embedOf(await run(h.author.id, "reactions show"));
    const field = (name: string) => figures.fields?.find((each) => each.name === name)?.value;
    expect(field("Part 1 · New York")).toMatch(/🔑 1 reader started it early, before its drop/);
    expect(field("Part 1 · New York")).toMatch(/`Started .*` 2/);

    expect(
      messageOf(await run(h.author.id, "serial early-access", { role: patrons, parts: 0 })).content,
    ).toMatch(/no longer reads \*\*After Moscow\*\* early/);
    expect(messageOf(await run(patron.id, "next")).content).toMatch(
      /not out for you now \(early access to it ended\); your place in it is kept/,
    );
    await run(h.author.id, "serial drop-now");
    expect(embedOf(await run(patron.id, "read")).description).toMatch(
      /You were reading \*\*Part 2 · Moscow\*\*, page 1/,
    );
  });
});
