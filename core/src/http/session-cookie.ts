import type { Context } from "koa";
import type { CabinetConfig } from "../config/config.schema.js";

function secure(config: CabinetConfig): boolean {
  return config.auth.cookieSecure === "auto" ? config.env === "production" : config.auth.cookieSecure;
}

/** Sets the HttpOnly, SameSite=Lax session cookie (Secure outside development and test). */
export function setSessionCookie(ctx: Context, config: CabinetConfig, token: string, expiresAt: number): void {
  const isSecure = secure(config);
  // Behind a TLS-terminating proxy the request itself looks like plain http.
  if (isSecure) ctx.cookies.secure = true;
  ctx.cookies.set(config.auth.cookieName, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: isSecure,
    path: "/",
    expires: new Date(expiresAt),
    overwrite: true,
  });
}

export function clearSessionCookie(ctx: Context, config: CabinetConfig): void {
  const isSecure = secure(config);
  if (isSecure) ctx.cookies.secure = true;
  ctx.cookies.set(config.auth.cookieName, "", { httpOnly: true, sameSite: "lax", secure: isSecure, path: "/", maxAge: 0, overwrite: true });
}
