// A second process for core/test/db/sqlite-two-processes.test.ts: opens the SQLite file named
// by argv[2] through the core's own createDatabase, says "ready", waits for "go" on stdin, then
// runs argv[3] read-then-write transactions on the shared counter and prints the failures as JSON.
import { createInterface } from "node:readline";
import { createDatabase } from "../../src/db/create-database.js";
import { incrementCounter } from "./sqlite-counter.js";

const [file, times] = process.argv.slice(2);
const db = createDatabase(`sqlite:${file}`);
await db.raw("select 1");
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === "go") break;
const errors = await incrementCounter(db, Number(times));
process.stdout.write(`${JSON.stringify({ errors })}\n`);
await db.destroy();
process.exit(0);
