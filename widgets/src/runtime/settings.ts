import { pickLocale, type Locale } from "../i18n/index.js";
import type { SessionMode } from "./api-types.js";

/** The page-wide configuration element; optional. */
export const CONFIG_TAG = "cab-config";

/** What a widget runs with, after its own attributes, `<cab-config>`'s and the defaults. */
export interface CabinetSettings {
  /** The core's origin (and path prefix, if mounted under one), without a trailing slash. */
  apiBase: string;
  brand: string | null;
  auth: SessionMode;
  locale: Locale;
  /** A one-time sign-in code from the provider's backend (`<cab-config handoff>` only). */
  handoff: string | null;
}

/** The attributes a widget and `<cab-config>` share, as a widget's properties hold them. */
export interface SettingsOverrides {
  apiBase?: string | null;
  brand?: string | null;
  auth?: string | null;
  locale?: string | null;
}

/** The page's configuration element: `<cab-config>`, or `<acme-config>` under a tag prefix. */
export function findConfigElement(doc: Document = document): Element | null {
  // The prefixes in use (define-element.ts); none asked for: `cab`.
  const asked = (globalThis as Record<symbol, unknown>)[Symbol.for("cabinet.tagPrefixes")] as Set<string> | undefined;
  const prefixes = asked?.size ? [...asked] : ["cab"];
  return doc.querySelector(prefixes.map((prefix) => `${prefix}-config`).join(", "));
}

const nonEmpty = (value: string | null | undefined): string | null => (value && value.trim() ? value.trim() : null);

/**
 * Merges a widget's own settings over `<cab-config>`'s attributes (read as attributes, so it
 * works before that element's code has loaded) over the defaults: the page's origin, cookie
 * sessions, and the page's language.
 */
export function resolveSettings(own: SettingsOverrides, config: Element | null, doc: Document = document): CabinetSettings {
  const pick = (value: string | null | undefined, attribute: string) => nonEmpty(value) ?? nonEmpty(config?.getAttribute(attribute));

  const base = pick(own.apiBase, "api-base");
  // Relative values ("/cabinet") are relative to the page, like any URL in HTML.
  const apiBase = new URL(base ?? doc.location.origin, doc.baseURI).href.replace(/\/+$/, "");

  const auth = pick(own.auth, "auth") ?? "cookie";
  if (auth !== "cookie" && auth !== "bearer") console.warn(`[cabinet] auth="${auth}" is not "cookie" or "bearer"; using "cookie".`);

  return {
    apiBase,
    brand: pick(own.brand, "brand"),
    auth: auth === "bearer" ? "bearer" : "cookie",
    locale: pickLocale(pick(own.locale, "locale"), doc.documentElement.lang, globalThis.navigator?.language),
    // Page-wide by nature: one code opens the one session the page's widgets share.
    handoff: nonEmpty(config?.getAttribute("handoff")),
  };
}
