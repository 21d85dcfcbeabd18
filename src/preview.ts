import { carriedSpanWarnings } from "./core/carriedSpanWarnings.js";
import { bindLibrary } from "./core/Library.js";
import { previewReport } from "./core/previewReport.js";
import { readEnvironment, runMain } from "./environment.js";
import { formatStoryProblems } from "./story/formatStoryProblems.js";
import { loadLibrary } from "./story/loadLibrary.js";

/** `npm run preview`: prints how each story in STORY_DIR will be paged, any problem and warning. */
await runMain(async () => {
  const config = readEnvironment();
  const loaded = await loadLibrary(config.storyDir);
  const library = bindLibrary(loaded.stories);
  process.stdout.write(`${library.books.map(previewReport).join("\n\n")}\n`);
  const warnings = [...loaded.warnings, ...library.books.flatMap(carriedSpanWarnings)];
  if (warnings.length > 0) {
    const lines = formatStoryProblems(config.storyDir, warnings).split("\n");
    process.stdout.write(`\nWarnings:\n${lines.map((line) => `- ${line}`).join("\n")}\n`);
  }
});
