/** Positions of one text (segment starts, break opportunities), found lazily in chunks. */
export interface ChunkedIndex {
  /** The positions from `from` to `to`, both included, in order. */
  positionsIn(from: number, to: number): number[];
}

/** How `createChunkedIndex` slices the text. */
export interface ChunkOptions {
  /** Code units per chunk: Intl.Segmenter slows down sharply on long strings. */
  readonly chunk: number;
  /** Context on either side of a chunk, searched then dropped. */
  readonly margin: number;
}

/**
 * Finds positions in `text` with `find` (given a slice, the positions in it, in order) one
 * chunk at a time, each chunk with a margin of context on either side, and keeps only the
 * positions in the chunk itself: word, sentence and line-break rules look a few characters
 * ahead and behind, so positions near a cut could be wrong. Each chunk is searched at most
 * once, and those wholly before the latest query are dropped, since a pager only moves forward.
 */
export function createChunkedIndex(
  text: string,
  { chunk: size, margin }: ChunkOptions,
  find: (slice: string) => Iterable<number>,
): ChunkedIndex {
  const chunks = new Map<number, number[]>();
  let firstKept = 0;

  const chunk = (number: number): number[] => {
    const cached = chunks.get(number);
    if (cached) return cached;
    const core = number * size;
    const sliceStart = Math.max(0, core - margin);
    const positions: number[] = [];
    for (const found of find(text.slice(sliceStart, core + size + margin))) {
      const index = sliceStart + found;
      if (index >= core + size) break;
      if (index >= core) positions.push(index);
    }
    chunks.set(number, positions);
    return positions;
  };

  return {
    positionsIn(from, to) {
      const first = Math.floor(Math.max(0, from) / size);
      for (; firstKept < first; firstKept++) chunks.delete(firstKept);
      const last = Math.floor(Math.min(to, text.length - 1) / size);
      const positions: number[] = [];
      for (let number = first; number <= last; number++) {
        for (const index of chunk(number)) {
          if (index >= from && index <= to) positions.push(index);
        }
      }
      return positions;
    },
  };
}
