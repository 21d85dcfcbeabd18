import { describe, expect, it } from "vitest";
import { forEachConcurrently } from "../../src/scheduler/forEachConcurrently.js";

/** A promise the test settles by hand. */
function gate(): { promise: Promise<void>; open(): void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe("forEachConcurrently", () => {
  it("starts items in order, never more than the limit at once, and waits for them all", async () => {
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const done = forEachConcurrently([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      running += 1;
      most = Math.max(most, running);
      await gates[item]?.promise;
      running -= 1;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]?.open();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const item of [0, 2, 3, 4]) gates[item]?.open();
    await done;
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it("rejects with the first failure once the others have finished", async () => {
    const finished: number[] = [];
    const outcome = forEachConcurrently([1, 2, 3], 3, async (item) => {
      await new Promise((resolve) => setTimeout(resolve, item * 5));
      if (item === 1) throw new Error("first");
      finished.push(item);
    });
    await expect(outcome).rejects.toThrow("first");
    expect(finished).toEqual([2, 3]);
  });
});
