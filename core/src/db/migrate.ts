import { coreMigrations, type NamedMigration } from "@cabinet/migrations";
import type { Knex } from "knex";
import type { Database } from "./create-database.js";

export type { NamedMigration };

/**
 * A knex migration source over statically imported migrations: the core's first, then each
 * plugin's, prefixed by the plugin's name so names never clash and never depend on file
 * extensions (which differ between tsc output and a TS runner).
 */
export class StaticMigrationSource implements Knex.MigrationSource<NamedMigration> {
  constructor(private readonly migrations: NamedMigration[]) {}

  async getMigrations(): Promise<NamedMigration[]> {
    return this.migrations;
  }

  getMigrationName(migration: NamedMigration): string {
    return migration.name;
  }

  async getMigration(migration: NamedMigration): Promise<Knex.Migration> {
    return migration;
  }
}

export function allMigrations(pluginMigrations: { plugin: string; migrations: NamedMigration[] }[] = []): NamedMigration[] {
  return [...coreMigrations, ...pluginMigrations.flatMap(({ plugin, migrations }) => migrations.map((m) => ({ ...m, name: `${plugin}/${m.name}` })))];
}

/** Applies every pending migration; `onProgress` hears each one as it starts. */
export async function migrateLatest(db: Database, migrations: NamedMigration[], onProgress: (message: string) => void = () => {}): Promise<string[]> {
  const source = new StaticMigrationSource(migrations);
  const config = { migrationSource: source, tableName: "cabinet_migrations" };
  const [, pending] = (await db.migrate.list(config)) as [unknown, NamedMigration[]];
  const applied: string[] = [];
  // One at a time, so a long upgrade shows where it is.
  for (const [i, migration] of pending.entries()) {
    onProgress(`migration ${i + 1}/${pending.length}: ${migration.name}`);
    await db.migrate.up(config);
    applied.push(migration.name);
  }
  return applied;
}
