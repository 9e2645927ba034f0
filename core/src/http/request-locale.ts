import type { Context } from "koa";

/** What a brand offers (the brands module's `Brand` has both). */
export interface OfferedLocales {
  defaultLocale: string;
  locales: string[];
}

/**
 * The language to answer a client in, for the texts the provider wrote (product, parameter and
 * department names): the signed-in user's as stored (PATCH /me), else the request's
 * `Accept-Language` (a visitor, whom the widgets send their page's language for), else the
 * brand's default — only ever one of the brand's locales.
 */
export function requestLocale(ctx: Pick<Context, "get">, brand: OfferedLocales, caller?: { locale?: string | null } | null): string {
  const offered = (locale: string | null | undefined) => (locale ? brand.locales.find((l) => l.toLowerCase() === locale.toLowerCase()) : undefined);
  const own = offered(caller?.locale);
  if (own) return own;
  if (!caller) {
    for (const asked of acceptedLanguages(ctx.get("accept-language"))) {
      const found = offered(asked) ?? offered(asked.split("-")[0]) ?? brand.locales.find((l) => l.split("-")[0] === asked.split("-")[0].toLowerCase());
      if (found) return found;
    }
  }
  return brand.defaultLocale;
}

/** An `Accept-Language` header's languages, most wanted first (`ru-RU,ru;q=0.9,en;q=0.8` → ru-RU, ru, en). */
function acceptedLanguages(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((l) => l.tag && l.tag !== "*" && l.q > 0 && Number.isFinite(l.q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}
