import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The Russian strings are one chunk (rollup's `i18n-ru`), fetched when a page needs them, and it
// calls back into the runtime (`provideRussian`). A widget or catalog importing a `*.ru.ts` file
// directly would make the runtime import that chunk too: two chunks importing each other, and
// every widget failing with "Cannot access … before initialization" in the browser.
const src = join(import.meta.dirname, "..", "src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));

describe("the Russian chunk", () => {
  it("is imported only by i18n/russian.ts (and the Russian catalogues among themselves)", () => {
    const offenders = files(src)
      .filter((file) => !/[\\/]i18n[\\/](russian|ru|[a-z-]+\.ru|plural-ru)\.ts$/.test(file))
      .filter((file) => /from "\.{1,2}\/(?:[\w-]+\/)*(?:[\w-]+\.ru|ru|plural-ru)\.js"/.test(readFileSync(file, "utf8").replace(/^import type .*$/gm, "")))
      .map((file) => relative(src, file));
    expect(offenders).toEqual([]);
  });
});
