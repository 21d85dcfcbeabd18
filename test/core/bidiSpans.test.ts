import { describe, expect, it } from "vitest";
import { bidiSpans } from "../../src/core/bidiSpans.js";

const ranges = (text: string) => bidiSpans(text).map((span) => [span.start, span.end]);

describe("bidiSpans", () => {
  it("pairs embeddings with PDF and isolates with PDI, as UAX #9 does", () => {
    expect(ranges("\u2067a \u202bb\u202c c\u2069 \u2069 \u2066d\u2069")).toEqual([
      [3, 6],
      [0, 9],
      [12, 15],
    ]);
  });

  it("lets a PDI close the embeddings opened inside its isolate, and a paragraph end all", () => {
    expect(ranges("\u2067\u202ba\u2069\u202c")).toEqual([[0, 4]]);
    expect(ranges("\u202ba\n\u202c \u2067b\n\u2069")).toEqual([]);
  });

  it("gives the closing control of each span and what opens it again", () => {
    const [span] = bidiSpans("x \u202eabc\u202c");
    expect(span).toMatchObject({ open: "\u202e", close: "\u202c", contentStart: 3, contentEnd: 6 });
  });
});
