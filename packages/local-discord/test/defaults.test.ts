import { PermissionsBitField } from "discord.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_MEMBER_PERMISSIONS } from "../src/state/defaultPermissions.js";

describe("the local Discord's defaults", () => {
  it("gives @everyone Discord's default permissions, as the client knows them", () => {
    expect(DEFAULT_MEMBER_PERMISSIONS).toBe(PermissionsBitField.Default);
  });
});
