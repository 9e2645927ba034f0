import type { Readable } from "node:stream";
import type { Knex } from "knex";

/** Whose data a personal-data export gathers, and what that user may see of their account. */
export interface PersonalDataSubject {
  brandId: string;
  accountId: string;
  userId: string;
  /** Owners see the whole account; a member sees account-wide data only for their permissions. */
  may(permission: "services" | "finance" | "documents" | "support"): boolean;
}

/**
 * One table of an export: written as `<name>.json` and `<name>.csv`. A short table may come as
 * `rows`; a table that can grow (ledger, sign-in history, notifications…) comes as a `query`,
 * which the export reads page by page (ordered by `key`, `id` unless said) straight into the
 * archive, so no table is ever held whole in memory.
 */
export type PersonalDataSection =
  | { name: string; rows: Record<string, unknown>[] }
  | {
      name: string;
      /** A fresh query each call (it is read once for the JSON and once for the CSV); `key` must be among its columns. */
      query: () => Knex.QueryBuilder;
      /** A unique column to page by; `id` when unset. */
      key?: string;
    };

/** A stored file that belongs in an export (a ticket's attachment, a document's PDF). */
export interface PersonalDataFile {
  /** Path inside the archive, chosen by the module (never a client's raw file name alone). */
  path: string;
  open(): Promise<Readable>;
}

/**
 * What one module holds about a user and their account, for the personal-data export. Each
 * module registers one under `TOKENS.PersonalDataSources` and reads only its own tables; the
 * privacy module gathers them without knowing any module's tables.
 *
 * @example
 * container.register(TOKENS.PersonalDataSources, { useValue: {
 *   name: "ledger",
 *   async collect(subject) { return { sections: [{ name: "ledger", query: () => db("ledger_entries").where({ account_id: subject.accountId }) }], files: [] }; },
 * } });
 */
export interface PersonalDataSource {
  readonly name: string;
  collect(subject: PersonalDataSubject): Promise<{ sections: PersonalDataSection[]; files: PersonalDataFile[] }>;
}
