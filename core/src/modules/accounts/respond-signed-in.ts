import type { Context } from "koa";
import { setSessionCookie } from "../../http/session-cookie.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { Brand } from "../brands/index.js";
import type { Account, User } from "./account.repository.js";
import type { CreatedSession } from "./create-session.js";
import { describeMe } from "./get-me.js";

/** The answer of every way of signing in: the cookie (cookie mode) and `Me` with the bearer token (bearer mode). */
export function respondSignedIn(
  ctx: Context,
  config: CabinetConfig,
  brand: Brand,
  mode: "cookie" | "bearer",
  user: User,
  account: Account,
  session: CreatedSession,
) {
  if (mode === "cookie") setSessionCookie(ctx, config, session.token, session.expiresAt);
  return {
    ...describeMe(user, account, brand, { csrfToken: session.csrfToken, expiresAt: session.expiresAt, via: mode }),
    token: mode === "bearer" ? session.token : null,
  };
}
