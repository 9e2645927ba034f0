/** Server-written texts in the reader's language: see local-text.ts. */
export * from "./local-text.js";
