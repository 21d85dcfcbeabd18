import { describe, expect, it } from "vitest";
import { restRouteLabel } from "../../src/metrics/restRouteLabel.js";

describe("restRouteLabel", () => {
  it("keeps discord.js's bucket routes as they are", () => {
    for (const route of [
      "/channels/:id/messages",
      "/channels/:id/messages/:id/reactions/:reaction",
      "/interactions/:id/:token/callback",
      "/webhooks/:id/:token/messages/@original",
      "/applications/:id/guilds/:id/commands",
      "/gateway/bot",
      "/channels/:id/messages/:id/Delete Old Message",
    ])
      expect(restRouteLabel(route)).toBe(route);
  });

  it("replaces what is left of an id (one of 20 digits, or a short one) and drops a query", () => {
    expect(restRouteLabel("/channels/:id5/messages")).toBe("/channels/:id/messages");
    expect(restRouteLabel("/guilds/1234/members/@me")).toBe("/guilds/:id/members/@me");
    expect(restRouteLabel("/channels/:id/messages?after=123456789012345678")).toBe(
      "/channels/:id/messages",
    );
  });
});
