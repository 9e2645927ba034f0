import { randomBytes } from "node:crypto";
import knexFactory from "knex";

/**
 * The database a test file runs against: an in-memory SQLite database by default, or a fresh
 * MariaDB/MySQL database when CABINET_TEST_DB=mysql (server from CABINET_TEST_MYSQL_URL,
 * default mysql://root@127.0.0.1:3306). `drop` removes it after the file.
 */
export async function createTestDatabase(): Promise<{ url: string; dialect: "sqlite" | "mysql"; drop(): Promise<void> }> {
  if (process.env.CABINET_TEST_DB !== "mysql") {
    return { url: "sqlite::memory:", dialect: "sqlite", drop: async () => {} };
  }
  const server = new URL(process.env.CABINET_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306");
  const name = `cabinet_t_${randomBytes(5).toString("hex")}`;
  const admin = knexFactory({
    client: "mysql2",
    connection: {
      host: server.hostname,
      port: Number(server.port || 3306),
      user: decodeURIComponent(server.username),
      password: decodeURIComponent(server.password),
    },
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dialect: "mysql",
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    },
  };
}
