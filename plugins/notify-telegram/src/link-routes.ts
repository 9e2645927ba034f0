import { randomBytes } from "node:crypto";
import { CabinetError, defineRoute, Obj, Type } from "@cabinet/core";
import type { TelegramStore } from "./telegram-store.js";

const LinkCode = Obj({
  code: Type.String({ description: "The one-time code the bot expects after /start" }),
  botUsername: Type.String(),
  deepLink: Type.String({ description: "https://t.me/<bot>?start=<code>: opens the bot and sends the code" }),
  expiresAt: Type.String({ format: "date-time" }),
});
const LinkState = Obj({
  linked: Type.Boolean(),
  username: Type.Union([Type.String(), Type.Null()], { description: "The Telegram @username, when it has one" }),
});

/** The signed-in user's Telegram binding: a one-time code to send the bot, its state, and unbinding. */
export function linkRoutes(store: TelegramStore, settings: { botUsername: () => Promise<string | undefined>; codeTtlMs: number; now: () => number }) {
  return [
    defineRoute({
      method: "post",
      path: "/link",
      operationId: "createTelegramLink",
      summary: "A one-time code that binds the caller's Telegram when sent to the bot",
      description: "Open `deepLink` in Telegram and press Start. A new code replaces the previous one.",
      tags: ["notifications"],
      auth: "user",
      status: 201,
      response: LinkCode,
      async handler({ auth }) {
        const botUsername = await settings.botUsername();
        if (!botUsername) throw new CabinetError("CAB_ERR_UNAVAILABLE", { reason: "the Telegram bot is not reachable" });
        // 128 random bits in the characters a /start parameter allows.
        const code = randomBytes(16).toString("base64url");
        const expiresAt = settings.now() + settings.codeTtlMs;
        await store.saveCode(auth.userId, code, expiresAt);
        return { code, botUsername, deepLink: `https://t.me/${botUsername}?start=${code}`, expiresAt: new Date(expiresAt).toISOString() };
      },
    }),
    defineRoute({
      method: "get",
      path: "/link",
      operationId: "getTelegramLink",
      summary: "Whether the caller's Telegram is bound",
      tags: ["notifications"],
      auth: "user",
      response: LinkState,
      async handler({ auth }) {
        const link = await store.linkOf(auth.userId);
        return { linked: Boolean(link), username: link?.username ?? null };
      },
    }),
    defineRoute({
      method: "delete",
      path: "/link",
      operationId: "deleteTelegramLink",
      summary: "Unbind the caller's Telegram (and drop an unused code)",
      tags: ["notifications"],
      auth: "user",
      response: null,
      async handler({ auth }) {
        await store.unlink(auth.userId);
      },
    }),
  ];
}
