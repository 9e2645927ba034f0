import { en } from "./en.js";
import { ru } from "./ru.js";

/**
 * Every language the server writes in, by its ISO 639-1 code. Adding a language is adding its
 * file here: keys it lacks read in English, so it may start with a part of the texts.
 */
export const catalogues: Record<string, Record<string, string>> = { en, ru };
