import { CabinetError } from "../errors/cabinet-error.js";

/**
 * Cursor pagination over prefixed, time-ordered ids, newest first. The cursor is the last id
 * of the page, opaque to clients; a cursor of another kind of list is refused with 400.
 */
export function decodeCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, "base64url").toString();
  if (!new RegExp(`^${prefix}_[0-9a-z]{10,40}$`).test(id)) {
    throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "query", path: "/cursor", message: "is not a cursor this API gave" }] });
  }
  return id;
}

/** Cuts `rows` (fetched with `limit + 1`, which tells whether a next page exists) into a page. */
export function toPage<T extends { id: string }, V>(rows: T[], limit: number, describe: (row: T) => V): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    items: page.map(describe),
    nextCursor: rows.length > limit ? Buffer.from(page[page.length - 1].id).toString("base64url") : null,
  };
}
