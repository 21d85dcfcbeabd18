import { PART_ID } from "./FrontMatterFields.js";
import { UserError } from "./UserError.js";

export type PageAction = "next" | "back" | "at";

export interface PageTarget {
  readonly action: PageAction;
  readonly partId: string;
  readonly offset: number;
}

export const PAGE_PREFIX = "page";
export const READ_PREFIX = "read";
export const REACT_PREFIX = "react";

/** A reaction button at the end of a part: the part, and which of the story's emoji. */
export interface ReactTarget {
  readonly partId: string;
  readonly index: number;
}

/** Start reading (title card), Resume and Start over (resume card), Open (the library). */
export type ReadAction = "start" | "resume" | "restart" | "open";

/** A read button: what to do, and in which story (none on buttons made before there were several). */
export interface ReadTarget {
  readonly action: ReadAction;
  readonly storyId: string | undefined;
}

/** `page:next:new-york:1234` — the page after (or before, or at) the page holding that offset. */
export function pageCustomId(action: PageAction, partId: string, offset: number): string {
  return `${PAGE_PREFIX}:${action}:${partId}:${offset}`;
}

/** `react:new-york:0` — toggles the story's first reaction emoji for that part. */
export function reactCustomId(partId: string, index: number): string {
  return `${REACT_PREFIX}:${partId}:${index}`;
}

/** `read:resume:drago` — resumes the member's reading of that story. */
export function readCustomId(action: ReadAction, storyId: string): string {
  return `${READ_PREFIX}:${action}:${storyId}`;
}

const stale = () =>
  new UserError(
    "That button is out of date or not one of mine. Type /read to pick up where you left off.",
  );

/** Parses the part of a page button's custom_id after the prefix; refuses anything forged. */
export function parsePageTarget(args: readonly string[]): PageTarget {
  const [action, partId, offset, ...rest] = args;
  if (
    rest.length > 0 ||
    (action !== "next" && action !== "back" && action !== "at") ||
    partId === undefined ||
    !PART_ID.test(partId) ||
    offset === undefined ||
    !/^\d{1,9}$/.test(offset)
  ) {
    throw stale();
  }
  return { action, partId, offset: Number(offset) };
}

export function parseReadTarget(args: readonly string[]): ReadTarget {
  const [action, storyId, ...rest] = args;
  if (
    rest.length > 0 ||
    (action !== "start" && action !== "resume" && action !== "restart" && action !== "open") ||
    (storyId !== undefined && !PART_ID.test(storyId)) ||
    (action === "open" && storyId === undefined)
  ) {
    throw stale();
  }
  return { action, storyId };
}

export function parseReactTarget(args: readonly string[]): ReactTarget {
  const [partId, index, ...rest] = args;
  if (
    rest.length > 0 ||
    partId === undefined ||
    !PART_ID.test(partId) ||
    !/^\d$/.test(index ?? "")
  ) {
    throw stale();
  }
  return { partId, index: Number(index) };
}
