/**
 * What Discord reads at the start of a line as the start of a block: a quote (`> `, `>>> `), a
 * heading (`# ` to `### `), subtext (`-# `), a list item (`- `, `* `, `1. `).
 */
const BLOCK_MARKER = /^(?: *>>> | *> |#{1,3} +\S|-# +\S|[-*] +\S|\d{1,9}\. +\S)/;

/** Whether `text` has a block marker at `index`, which Discord reads only at a line's start. */
export function startsBlockMarker(text: string, index: number): boolean {
  return BLOCK_MARKER.test(text.slice(index, index + 16));
}
