import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type OpenDatabase } from "../../src/db/open-database.js";

/** A fresh on-disk SQLite store with the real migrations; `cleanup()` closes and deletes it. */
export function createTempDb(): OpenDatabase & { path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "papers-test-"));
  const path = join(dir, "papers.db");
  const opened = openDatabase(path);
  return {
    ...opened,
    path,
    dir,
    cleanup() {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
