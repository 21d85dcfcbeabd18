/** Where a reader is: a part and an offset into its text, so re-paging never moves them. */
export interface Position {
  readonly partId: string;
  readonly offset: number;
}
