import { timingSafeEqual } from "node:crypto";
import type { PageMiddleware } from "@cabinet/core";
import type { TelegramUpdate } from "./bot-api.js";
import type { TelegramBot } from "./telegram-bot.js";

/** An update is a few kilobytes; anything much larger is not Telegram. */
const MAX_BODY_BYTES = 1_000_000;

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

async function readJson(req: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("too large");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/**
 * `POST /plugins/notify-telegram/updates`: where Telegram delivers updates in webhook mode.
 * Only a request carrying the secret token registered with `setWebhook` is read. A handled
 * update answers 200 even when handling failed, or Telegram would send it again and again.
 */
export function updatesPage(bot: TelegramBot, secretToken: string): PageMiddleware {
  return async (ctx, next) => {
    if (ctx.path !== "/updates") return next();
    if (ctx.method !== "POST") {
      ctx.status = 405;
      return;
    }
    if (!sameSecret(ctx.get("x-telegram-bot-api-secret-token"), secretToken)) {
      ctx.status = 401;
      return;
    }
    let update: TelegramUpdate;
    try {
      update = (await readJson(ctx.req)) as TelegramUpdate;
      if (!Number.isSafeInteger(update?.update_id)) throw new Error("no update_id");
    } catch {
      ctx.status = 400;
      return;
    }
    await bot.receive(update);
    ctx.status = 200;
    ctx.body = "";
  };
}
