import matter from "gray-matter";
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { StoryProblem } from "./story.js";

/** A front matter value, with the 1-based file line it starts on. */
export type FrontMatterValue =
  | {
      readonly type: "scalar";
      readonly value: unknown;
      /** The value as written, e.g. "001" for the number 1. */
      readonly source: string;
      readonly line: number;
    }
  | { readonly type: "list"; readonly items: readonly FrontMatterValue[]; readonly line: number }
  | { readonly type: "mapping" | "alias"; readonly line: number };

export interface FrontMatterEntry {
  readonly key: string;
  /** 1-based file line of the key. */
  readonly line: number;
  readonly value: FrontMatterValue;
}

/** A Markdown file split into its YAML front matter and its body. */
export type FrontMatter =
  | { readonly found: false; readonly problem: StoryProblem }
  | {
      readonly found: true;
      /** The keys in file order; undefined when the YAML could not be read (see problems). */
      readonly entries: readonly FrontMatterEntry[] | undefined;
      readonly problems: readonly StoryProblem[];
      /** Everything after the closing `---` line, untouched. */
      readonly body: string;
      /** 1-based file line where the body starts. */
      readonly bodyLine: number;
    };

const YAML_FIX =
  'Write one `key: value` per line, and put the value in double quotes if it contains ": " or starts with a special character, e.g. `title: "Moscow: the end"`.';

/**
 * Splits a file that starts with a `---` line, a YAML mapping and a closing `---` line.
 * The YAML is read strictly (duplicate keys are errors) with the file's own line numbers:
 * gray-matter hands the engine the text from the end of the opening `---`, so YAML line n
 * is file line n.
 */
export function readFrontMatter(file: string, text: string): FrontMatter {
  const firstLine = text.slice(0, lineEnd(text, 0));
  if (!/^---[ \t\r]*$/.test(firstLine)) {
    const hasOpening = firstLine.startsWith("---");
    return {
      found: false,
      problem: {
        file,
        line: 1,
        message: hasOpening
          ? `The first line must be exactly "---", but it is ${JSON.stringify(firstLine)}.`
          : "The file does not start with front matter (a `---` line, `key: value` lines, then another `---` line).",
        fix: hasOpening
          ? 'Change line 1 to just "---".'
          : "Add the front matter at the very top of the file, e.g. `---`, `id: new-york`, `title: New York`, `---`, then the text.",
      },
    };
  }
  const close = text.indexOf("\n---", 3);
  if (close === -1) {
    return {
      found: false,
      problem: {
        file,
        line: 1,
        message: "The front matter that starts on line 1 is never closed.",
        fix: 'Add a line with just "---" after the last `key: value` line, before the text.',
      },
    };
  }
  const closingLine = lineNumber(text, close + 1);
  const problems: StoryProblem[] = [];
  const closing = text.slice(close + 1, lineEnd(text, close + 1));
  if (!/^---[ \t\r]*$/.test(closing)) {
    problems.push({
      file,
      line: closingLine,
      message: `The line that closes the front matter must be exactly "---", but it is ${JSON.stringify(closing)}.`,
      fix: `Change line ${closingLine} to just "---" and put anything after it on the next line.`,
    });
  }
  const lines = new LineCounter();
  let yaml = "";
  const parsed = matter(text, {
    language: "yaml",
    engines: {
      yaml: {
        parse: (source: string) => {
          // gray-matter cuts before "\n---", which leaves the "\r" of a CRLF file on the last line.
          yaml = source.replace(/\r$/, "");
          return parseDocument(yaml, {
            lineCounter: lines,
            prettyErrors: true,
            strict: true,
            uniqueKeys: true,
          });
        },
      },
    },
  });
  const body = { body: parsed.content, bodyLine: closingLine + 1 };
  const document: unknown = parsed.data;
  if (!(document instanceof Document)) {
    return { found: true, entries: [], problems, ...body };
  }
  const lineOf = (node: unknown, fallback: number): number =>
    isNode(node) && node.range ? lines.linePos(node.range[0]).line : fallback;
  for (const error of document.errors) {
    const line = error.linePos?.[0].line ?? 1;
    problems.push(
      error.code === "DUPLICATE_KEY"
        ? {
            file,
            line,
            message: `The key ${JSON.stringify(keyAt(document, error.pos[0]))} appears more than once in the front matter.`,
            fix: `Keep only one of them: remove or rename the one on line ${line}.`,
          }
        : {
            file,
            line,
            message: `The front matter is not valid YAML: ${yamlMessage(error.message)}.`,
            fix: `Check line ${line}. ${YAML_FIX}`,
          },
    );
  }
  // The yaml package reads a value with a tag it does not know as if the tag were not there.
  const unknownTags = document.warnings.filter((warning) => warning.code === "TAG_RESOLVE_FAILED");
  for (const warning of unknownTags) {
    const line = warning.linePos?.[0].line ?? 1;
    const tag = yaml.slice(warning.pos[0], warning.pos[1]);
    problems.push({
      file,
      line,
      message: `Line ${line} has the YAML tag ${tag}, which the story does not read.`,
      fix: `Remove ${tag} from line ${line}. If the value is text that starts with "!", put it in double quotes, e.g. \`title: "${tag} and more"\`.`,
    });
  }
  if (document.errors.length > 0 || unknownTags.length > 0) {
    return { found: true, entries: undefined, problems, ...body };
  }
  const contents = document.contents;
  if (contents === null) return { found: true, entries: [], problems, ...body };
  if (!isMap(contents)) {
    const line = lineOf(contents, 2);
    return {
      found: true,
      entries: undefined,
      problems: [
        {
          file,
          line,
          message: "The front matter must be `key: value` lines, but it is not.",
          fix: `Rewrite it from line ${line} as one \`key: value\` per line, e.g. \`title: New York\`.`,
        },
      ],
      ...body,
    };
  }
  const entries = contents.items.map((pair): FrontMatterEntry => {
    const line = lineOf(pair.key, 2);
    return {
      key: isScalar(pair.key) ? String(pair.key.value) : String(pair.key),
      line,
      value: toValue(pair.value, line, lineOf),
    };
  });
  return { found: true, entries, problems, ...body };
}

function toValue(
  node: unknown,
  fallback: number,
  lineOf: (node: unknown, fallback: number) => number,
): FrontMatterValue {
  const line = lineOf(node, fallback);
  if (node === null || node === undefined) return { type: "scalar", value: null, source: "", line };
  if (isScalar(node)) {
    return { type: "scalar", value: node.value, source: node.source ?? String(node.value), line };
  }
  if (isSeq(node)) {
    return { type: "list", items: node.items.map((item) => toValue(item, line, lineOf)), line };
  }
  return { type: isMap(node) ? "mapping" : "alias", line };
}

function keyAt(document: Document, offset: number): string {
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) return String(pair.key.value);
    }
  }
  return "?";
}

/** The first line of a yaml error message, without its position (we give the line ourselves). */
function yamlMessage(message: string): string {
  const first = message.slice(0, lineEnd(message, 0));
  return first.replace(/ at line \d+, column \d+:?$/, "").replace(/\.$/, "");
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end === -1 ? text.length : end;
}

function lineNumber(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}
