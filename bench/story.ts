import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bindBook } from "../src/core/Book.js";
import { loadLibrary } from "../src/story/loadLibrary.js";
import { type Benchmark, type BenchRow, ratioRow } from "./BenchRow.js";

const GROUP = "5. Story";
const SIZES = [50_000, 100_000, 500_000] as const;
const WORDS_PER_SCENE = 5_000;
/** The 500,000-word load's target, as a multiple of reading and splitting the files. */
const RATIO_TARGET = 30;
/** What a CPU profile of this benchmark (2026-12-03) showed; not measured in this run. */
const HELD_BACK =
  "from a profile: parsing Discord's Markdown (discord-markdown-parser, which tries each of its rules at every text node; wrapped here to give positions) is about 55% of the load, counting words 15%, the rest of the paging 13%, reading and checking the files 10%; reading and splitting the files does none of these";
const VOCABULARY =
  "the snow fell on the quiet street while she waited by the window and he trained until his hands ached yet neither of them spoke of Moscow or of what the cold had taken from them both".split(
    " ",
  );

/** A paragraph of about `words` words: plain sentences, dialogue, an em dash and an emoji. */
function paragraph(seed: number, words: number): string {
  const picked = Array.from(
    { length: words },
    (_, index) => VOCABULARY[(seed * 31 + index * 17) % VOCABULARY.length] ?? "",
  );
  const text = picked.join(" ");
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  return seed % 4 === 0 ? `"${sentence}" she said — and smiled. 🙂` : sentence;
}

/** Writes a story folder of about `words` words: note, blurb and 5,000-word scenes. */
function writeStory(dir: string, words: number): void {
  mkdirSync(join(dir, "scenes"), { recursive: true });
  writeFileSync(
    join(dir, "story.md"),
    "---\nid: bench\ntitle: Bench Story\nauthor: Bench\nrating: Teen\ncontent_warnings: []\n---\n",
  );
  writeFileSync(
    join(dir, "authors-note.md"),
    "---\nid: authors-note\ntitle: Author's note\n---\n\nA note.\n",
  );
  writeFileSync(join(dir, "blurb.md"), "---\nid: blurb\ntitle: Blurb\n---\n\nA blurb.\n");
  for (let scene = 1; scene <= Math.ceil(words / WORDS_PER_SCENE); scene += 1) {
    const paragraphs = Array.from({ length: WORDS_PER_SCENE / 50 }, (_, index) =>
      paragraph(scene * 1000 + index, 50),
    );
    const number = String(scene).padStart(3, "0");
    writeFileSync(
      join(dir, "scenes", `${number}-scene.md`),
      `---\nid: scene-${number}\ntitle: Scene ${scene}\ndateline: Day ${scene}\nplace: Somewhere\n---\n\n${paragraphs.join("\n\n")}\n`,
    );
  }
}

/** The fastest of `runs` runs of `work`, in ms (the least disturbed by other load). */
async function fastest(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Reading the same files and cutting them into paragraphs: the least a loader must do. */
function readRaw(dir: string): number {
  let paragraphs = 0;
  for (const file of readdirSync(join(dir, "scenes"))) {
    paragraphs += readFileSync(join(dir, "scenes", file), "utf8").split("\n\n").length;
  }
  return paragraphs;
}

/**
 * Loading (reading, validating) and paging generated stories of 50k, 100k and 500k words.
 * Baseline: reading the same files and splitting them into paragraphs. The 500k-word story must
 * load in under a second, and the time per word must stay within 1.25× of the 50k-word story's.
 */
export const story: Benchmark = {
  name: "story",
  async run(progress) {
    const root = mkdtempSync(join(tmpdir(), "discord-serial-bench-story-"));
    try {
      const rows: BenchRow[] = [];
      const times = new Map<number, number>();
      for (const words of SIZES) {
        const dir = join(root, String(words));
        progress(`${words.toLocaleString("en")} words`);
        writeStory(dir, words);
        const book = bindBook((await loadLibrary(dir)).stories[0]);
        const load = await fastest(3, async () => bindBook((await loadLibrary(dir)).stories[0]));
        const raw = await fastest(3, () => readRaw(dir));
        times.set(words, load);
        rows.push(
          ratioRow({
            group: GROUP,
            figure: `load and page ${words.toLocaleString("en")} words (${book.parts.reduce((sum, part) => sum + part.pages.length, 0).toLocaleString("en")} pages)`,
            value: load,
            unit: "ms",
            baseline: { name: "read and split the files", value: raw },
            ...(words === SIZES[2]
              ? {
                  target: `ratio ≤ ${RATIO_TARGET}`,
                  holds: (ratio: number) => ratio <= RATIO_TARGET,
                  heldBack: HELD_BACK,
                }
              : {}),
          }),
        );
      }
      const small = times.get(SIZES[0]) ?? Number.NaN;
      const large = times.get(SIZES[2]) ?? Number.NaN;
      const growth = large / small / (SIZES[2] / SIZES[0]);
      rows.push({
        group: GROUP,
        figure: "time per word at 500k ÷ at 50k (1 = linear)",
        value: growth,
        unit: "×",
        target: "≤ 1.25",
        holds: growth <= 1.25,
      });
      return rows;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
