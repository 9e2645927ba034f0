import { rm } from "node:fs/promises";

/** Deletes the run's SQLite database (and its WAL files) after the tests; unlinking it under a still running server is harmless. */
export default async function globalTeardown(): Promise<void> {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file) return;
  await Promise.all(["", "-wal", "-shm", "-journal"].map((suffix) => rm(file + suffix, { force: true })));
}
