import { bindBook } from "./core/Book.js";
import { carriedSpanWarnings } from "./core/carriedSpanWarnings.js";
import { previewReport } from "./core/previewReport.js";
import { readEnvironment, runMain } from "./environment.js";
import { formatStoryProblems } from "./story/formatStoryProblems.js";
import { loadStory } from "./story/loadStory.js";

/** `npm run preview`: prints how the story in STORY_DIR will be paged, any problem and warning. */
await runMain(async () => {
  const config = readEnvironment();
  const loaded = await loadStory(config.storyDir);
  const book = bindBook(loaded.story);
  process.stdout.write(`${previewReport(book)}\n`);
  const warnings = [...loaded.warnings, ...carriedSpanWarnings(book)];
  if (warnings.length > 0) {
    const lines = formatStoryProblems(config.storyDir, warnings).split("\n");
    process.stdout.write(`\nWarnings:\n${lines.map((line) => `- ${line}`).join("\n")}\n`);
  }
});
