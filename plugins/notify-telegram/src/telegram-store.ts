import { createHash } from "node:crypto";
import type { Database, NamedMigration } from "@cabinet/core";

/**
 * The plugin's own tables: one-time binding codes (only their hash), the chat each user bound,
 * the messages sent for notifications (so none is sent twice, and a reply can go back to the
 * ticket one was about), and where polling resumes.
 */
export const telegramMigrations: NamedMigration[] = [
  {
    name: "001_links",
    async up(knex) {
      await knex.schema.createTable("notify_telegram_codes", (t) => {
        t.string("code_hash", 64).primary();
        t.string("user_id", 40).notNullable().index();
        t.bigInteger("expires_at").notNullable();
      });
      await knex.schema.createTable("notify_telegram_links", (t) => {
        t.string("user_id", 40).primary();
        t.string("chat_id", 32).notNullable().index();
        t.string("username", 64).nullable();
        t.bigInteger("linked_at").notNullable();
      });
      await knex.schema.createTable("notify_telegram_messages", (t) => {
        t.string("chat_id", 32).notNullable();
        t.bigInteger("message_id").notNullable();
        // One message per notification: a delivery tried again after it was sent is not sent twice.
        t.string("notification_id", 64).notNullable().unique();
        t.string("user_id", 40).notNullable();
        t.string("reference_type", 40).nullable();
        t.string("reference_id", 64).nullable();
        t.bigInteger("sent_at").notNullable().index();
        t.primary(["chat_id", "message_id"]);
      });
      // Where polling resumes after a restart: updates before it were handled already.
      await knex.schema.createTable("notify_telegram_poll", (t) => {
        t.string("bot_id", 20).primary();
        t.bigInteger("next_update_id").notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTableIfExists("notify_telegram_poll");
      await knex.schema.dropTableIfExists("notify_telegram_messages");
      await knex.schema.dropTableIfExists("notify_telegram_links");
      await knex.schema.dropTableIfExists("notify_telegram_codes");
    },
  },
];

const hashOf = (code: string) => createHash("sha256").update(code).digest("hex");

export interface TelegramLink {
  userId: string;
  chatId: string;
  username: string | null;
}

export class TelegramStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number,
  ) {}

  /** Keeps one live code per user: a new one replaces the last, and expired codes go too. */
  async saveCode(userId: string, code: string, expiresAt: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx("notify_telegram_codes").where({ user_id: userId }).orWhere("expires_at", "<=", this.now()).delete();
      await trx("notify_telegram_codes").insert({ code_hash: hashOf(code), user_id: userId, expires_at: expiresAt });
    });
  }

  /** Uses a code up: the user it was made for, if it is known and alive, and only for the first caller. */
  async consumeCode(code: string): Promise<string | undefined> {
    const row = await this.db("notify_telegram_codes")
      .where({ code_hash: hashOf(code) })
      .andWhere("expires_at", ">", this.now())
      .first();
    if (!row) return undefined;
    const deleted = await this.db("notify_telegram_codes").where({ code_hash: row.code_hash }).delete();
    return deleted === 1 ? String(row.user_id) : undefined;
  }

  /** Binds a chat to a user; a chat serves one user, so whoever bound it before loses it. */
  async link(userId: string, chatId: string, username: string | null): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx("notify_telegram_links").where({ chat_id: chatId }).orWhere({ user_id: userId }).delete();
      await trx("notify_telegram_links").insert({ user_id: userId, chat_id: chatId, username, linked_at: this.now() });
    });
  }

  async linkOf(userId: string): Promise<TelegramLink | undefined> {
    const row = await this.db("notify_telegram_links").where({ user_id: userId }).first();
    return row ? { userId: row.user_id, chatId: row.chat_id, username: row.username } : undefined;
  }

  async unlink(userId: string): Promise<void> {
    await this.db("notify_telegram_links").where({ user_id: userId }).delete();
    await this.db("notify_telegram_codes").where({ user_id: userId }).delete();
  }

  async pollOffset(botId: string): Promise<number | undefined> {
    const row = await this.db("notify_telegram_poll").where({ bot_id: botId }).first("next_update_id");
    return row ? Number(row.next_update_id) : undefined;
  }

  async savePollOffset(botId: string, nextUpdateId: number): Promise<void> {
    await this.db("notify_telegram_poll").insert({ bot_id: botId, next_update_id: nextUpdateId }).onConflict("bot_id").merge(["next_update_id"]);
  }

  /** The message already sent for a notification, if any. */
  async sentFor(notificationId: string): Promise<{ chatId: string; messageId: number } | undefined> {
    const row = await this.db("notify_telegram_messages").where({ notification_id: notificationId }).first("chat_id", "message_id");
    return row ? { chatId: row.chat_id, messageId: Number(row.message_id) } : undefined;
  }

  /** Remembers the message sent for a notification, and forgets those older than `keepSince`. */
  async rememberMessage(
    input: { notificationId: string; chatId: string; messageId: number; userId: string; reference: { type: string; id: string } | null },
    keepSince: number,
  ): Promise<void> {
    await this.db("notify_telegram_messages").where("sent_at", "<", keepSince).delete();
    await this.db("notify_telegram_messages")
      .insert({
        chat_id: input.chatId,
        message_id: input.messageId,
        notification_id: input.notificationId,
        user_id: input.userId,
        reference_type: input.reference?.type ?? null,
        reference_id: input.reference?.id ?? null,
        sent_at: this.now(),
      })
      .onConflict("notification_id")
      .ignore();
  }

  /** The notification a message in a chat answers, if it was sent to the user who still holds that chat. */
  async repliedMessage(
    chatId: string,
    messageId: number,
    sentSince: number,
  ): Promise<{ userId: string; reference: { type: string; id: string } | null } | undefined> {
    const row = await this.db("notify_telegram_messages as m")
      .join("notify_telegram_links as l", function () {
        this.on("l.chat_id", "=", "m.chat_id").andOn("l.user_id", "=", "m.user_id");
      })
      .where({ "m.chat_id": chatId, "m.message_id": messageId })
      .andWhere("m.sent_at", ">=", sentSince)
      .first("m.user_id", "m.reference_type", "m.reference_id");
    if (!row) return undefined;
    return { userId: row.user_id, reference: row.reference_type ? { type: row.reference_type, id: row.reference_id } : null };
  }
}
