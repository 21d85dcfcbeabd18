/** Members holding `roleId` may read a story's next `parts` unreleased parts early. */
export interface EarlyAccessGrant {
  readonly roleId: string;
  readonly parts: number;
}
