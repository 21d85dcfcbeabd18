import { bindBook } from "./core/Book.js";
import { previewReport } from "./core/previewReport.js";
import { readEnvironment, runMain } from "./environment.js";
import { loadStory } from "./story/loadStory.js";

/** `npm run preview`: prints how the story in STORY_DIR will be paged, and any problem. */
await runMain(async () => {
  const config = readEnvironment();
  const book = bindBook(await loadStory(config.storyDir));
  process.stdout.write(`${previewReport(book)}\n`);
});
