/**
 * A LIKE pattern matching values that contain `text` (compare with `LIKE ? ESCAPE '!'`). The
 * escape character is `!`, not a backslash: MySQL and SQLite read a backslash in a string
 * literal differently.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
