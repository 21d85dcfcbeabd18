import { Status } from "discord.js";
import { describe, expect, it } from "vitest";
import { discordHealth } from "../../src/metrics/discordHealth.js";

describe("discordHealth", () => {
  it("is ready only when the client and every shard are", () => {
    expect(discordHealth(Status.Ready, [Status.Ready])).toBe("ready");
    expect(discordHealth(Status.Ready, [Status.Ready, Status.Ready])).toBe("ready");
    expect(discordHealth(Status.Nearly, [Status.Ready])).toBe("nearly");
  });

  it("names the first shard that is not ready, as while it reconnects or resumes", () => {
    expect(discordHealth(Status.Ready, [Status.Ready, Status.Connecting])).toBe("connecting");
    expect(discordHealth(Status.Ready, [Status.Resuming])).toBe("resuming");
    expect(discordHealth(Status.Idle, [Status.WaitingForGuilds])).toBe("waiting-for-guilds");
    expect(discordHealth(Status.Ready, [Status.Disconnected])).toBe("disconnected");
  });

  it("is idle before the client logs in, with no shards yet", () => {
    expect(discordHealth(Status.Idle, [])).toBe("idle");
    expect(discordHealth(Status.Ready, [])).toBe("idle");
  });
});
