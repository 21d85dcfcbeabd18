/** Where a word or sentence segment starts, and whether it is a word (letters, digits, kanji). */
export interface SegmentStart {
  readonly index: number;
  readonly wordLike: boolean;
}

/** Segment starts of one text, segmented lazily in chunks, each chunk at most once. */
export interface SegmentIndex {
  /** The segment starts from `from` to `to`, both included, in order. */
  startsIn(from: number, to: number): SegmentStart[];
}

/** How `createSegmentIndex` slices the text. */
export interface SegmentIndexOptions {
  /** Code units per chunk: Intl.Segmenter slows down sharply on long strings. */
  readonly chunk: number;
  /** Context segmented on either side of a chunk, then dropped. */
  readonly margin: number;
}

/**
 * Segments `text` in chunks, each with a margin on either side as context, and keeps only
 * the starts in the chunk itself: word and sentence rules look a few characters ahead and
 * behind, so starts near a cut could be wrong. Chunks wholly before the latest query are
 * dropped, since a pager only moves forward.
 */
export function createSegmentIndex(
  segmenter: Intl.Segmenter,
  text: string,
  { chunk: size, margin }: SegmentIndexOptions,
): SegmentIndex {
  const chunks = new Map<number, SegmentStart[]>();
  let firstKept = 0;

  const chunk = (number: number): SegmentStart[] => {
    const cached = chunks.get(number);
    if (cached) return cached;
    const core = number * size;
    const sliceStart = Math.max(0, core - margin);
    const slice = text.slice(sliceStart, core + size + margin);
    const starts: SegmentStart[] = [];
    for (const segment of segmenter.segment(slice)) {
      const index = sliceStart + segment.index;
      if (index >= core + size) break;
      if (index >= core) starts.push({ index, wordLike: segment.isWordLike === true });
    }
    chunks.set(number, starts);
    return starts;
  };

  return {
    startsIn(from, to) {
      const first = Math.floor(Math.max(0, from) / size);
      for (; firstKept < first; firstKept++) chunks.delete(firstKept);
      const last = Math.floor(Math.min(to, text.length - 1) / size);
      const starts: SegmentStart[] = [];
      for (let number = first; number <= last; number++) {
        for (const start of chunk(number)) {
          if (start.index >= from && start.index <= to) starts.push(start);
        }
      }
      return starts;
    },
  };
}
