import { createRequire } from "node:module";

/** The core's version, from its package.json: what plugins' `coreRange` is checked against. */
export const CORE_VERSION: string = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
