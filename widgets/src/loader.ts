/**
 * The one script a provider includes:
 *
 * ```html
 * <script type="module" src="https://my.example.com/widgets/cabinet.js"></script>
 * ```
 *
 * It holds no widget code. Each widget's chunk (and Lit with it) is fetched only when its tag
 * is on the page, now or later (a single-page app that renders `<cab-services>` on a route),
 * so a page with only `<cab-login>` never downloads the services list.
 */

import { CabinetElementError, checkPrefix, usePrefix, withPrefix } from "./runtime/define-element.js";

export { CabinetElementError };

type Importer = () => Promise<unknown>;

const widgets: Record<string, Importer> = {
  "cab-config": () => import("./components/cab-config/cab-config.js"),
  "cab-login": () => import("./components/cab-login/cab-login.js"),
  "cab-services": () => import("./components/cab-services/cab-services.js"),
  "cab-order": () => import("./components/cab-order/cab-order.js"),
  "cab-service": () => import("./components/cab-service/cab-service.js"),
  "cab-service-panel": () => import("./components/cab-service-panel/cab-service-panel.js"),
  "cab-balance": () => import("./components/cab-balance/cab-balance.js"),
  "cab-payments": () => import("./components/cab-payments/cab-payments.js"),
  "cab-ledger": () => import("./components/cab-ledger/cab-ledger.js"),
  "cab-invoices": () => import("./components/cab-invoices/cab-invoices.js"),
  "cab-documents": () => import("./components/cab-documents/cab-documents.js"),
  "cab-payers": () => import("./components/cab-payers/cab-payers.js"),
  "cab-contract": () => import("./components/cab-contract/cab-contract.js"),
  "cab-statement-request": () => import("./components/cab-statement-request/cab-statement-request.js"),
  "cab-tickets": () => import("./components/cab-tickets/cab-tickets.js"),
  "cab-ticket": () => import("./components/cab-ticket/cab-ticket.js"),
  "cab-notifications": () => import("./components/cab-notifications/cab-notifications.js"),
  "cab-notification-preferences": () => import("./components/cab-notification-preferences/cab-notification-preferences.js"),
  "cab-settings": () => import("./components/cab-settings/cab-settings.js"),
  "cab-security": () => import("./components/cab-security/cab-security.js"),
  "cab-consent-prompt": () => import("./components/cab-consent-prompt/cab-consent-prompt.js"),
  "cab-privacy": () => import("./components/cab-privacy/cab-privacy.js"),
  "cab-external-sign-in": () => import("./components/cab-external-sign-in/cab-external-sign-in.js"),
  "cab-users": () => import("./components/cab-users/cab-users.js"),
  "cab-roles": () => import("./components/cab-roles/cab-roles.js"),
  "cab-audit": () => import("./components/cab-audit/cab-audit.js"),
  "cab-account-switcher": () => import("./components/cab-account-switcher/cab-account-switcher.js"),
};

/**
 * Russian strings are a chunk of their own, not in the widgets' chunks: a page that looks
 * Russian (its `lang`, a widget's or `<cab-config>`'s `locale`, the browser's language) fetches
 * them alongside, before any widget runs, so it never shows English first. A language chosen
 * later is fetched then (see i18n/locales.ts).
 */
const wantsRussian = (doc: Document): boolean =>
  [doc.documentElement.lang, ...Array.from(doc.querySelectorAll("[locale]"), (e) => e.getAttribute("locale")), globalThis.navigator?.language].some((value) =>
    value?.trim().toLowerCase().startsWith("ru"),
  );
const strings: Promise<unknown> = wantsRussian(document) ? import("./i18n/russian.js").catch(() => undefined) : Promise.resolve();

/** Watches a document and imports each widget's chunk once, when its tag first appears. */
class WidgetLoader {
  private readonly requested = new Map<string, Promise<void>>();
  private readonly observer = new MutationObserver(() => this.scan());
  /** Widgets marked `loading="lazy"`, watched until one of their tag nears the viewport. */
  private readonly watched = new WeakSet<Element>();
  private readonly nearing =
    typeof IntersectionObserver === "undefined"
      ? null
      : new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              this.nearing?.unobserve(entry.target);
              this.load(entry.target.localName).catch(() => {});
            }
          },
          // A screen ahead: its code arrives before the client scrolls to it.
          { rootMargin: "100% 0px" },
        );

  constructor(
    private readonly importers: Record<string, Importer>,
    private readonly doc: Document,
  ) {}

  start(): void {
    // One querySelector per tag still missing, per batch of mutations; stops once all are in.
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
    this.scan();
  }

  has(tag: string): boolean {
    return tag in this.importers;
  }

  load(tag: string): Promise<void> {
    let loading = this.requested.get(tag);
    if (loading) return loading;
    const importer = this.importers[tag];
    if (!importer) return Promise.reject(new Error(`[cabinet] there is no widget <${tag}>`));
    loading = Promise.all([importer(), strings]).then(
      () => undefined,
      (error: unknown) => {
        // A failed fetch (offline, a deploy in progress) may be retried by the next scan.
        this.requested.delete(tag);
        this.observer.observe(this.doc.documentElement, { childList: true, subtree: true });
        console.error(`[cabinet] could not load <${tag}>`, error);
        throw error;
      },
    );
    this.requested.set(tag, loading);
    return loading;
  }

  private scan(): void {
    for (const tag of Object.keys(this.importers)) {
      if (this.requested.has(tag)) continue;
      const found = [...this.doc.querySelectorAll(tag)];
      // Like an image's `loading="lazy"`: a widget further down the page loads as it nears the
      // viewport, so the page's first view downloads only what it shows. Any eager one loads now.
      if (found.some((e) => e.getAttribute("loading") !== "lazy") || (found.length > 0 && !this.nearing)) this.load(tag).catch(() => {});
      else {
        for (const element of found) {
          if (this.watched.has(element)) continue;
          this.watched.add(element);
          this.nearing!.observe(element);
        }
      }
    }
    if (this.requested.size === Object.keys(this.importers).length) this.observer.disconnect();
  }
}

/** The widgets' importers under `prefix`'s tag names (`acme-services` → the services chunk). */
const importersFor = (prefix: string): Record<string, Importer> =>
  Object.fromEntries(Object.entries(widgets).map(([tag, importer]) => [withPrefix(tag, prefix), importer]));

const loaders = new Map<string, WidgetLoader>();

/**
 * Defines Cabinet's widgets under `prefix` (`acme` gives `<acme-services>`, `<acme-config>`…)
 * and loads each one's code when its tag appears, like the default `cab-` tags. For a page
 * where another library already owns `cab-…` names. The loader script's attribute does the
 * same without a line of script: `<script type="module" src="…/cabinet.js" data-cabinet-prefix="acme">`.
 *
 * Throws `CabinetElementError` when `prefix` cannot make a valid custom-element name, or when
 * a tag it would define is already defined by other code: nothing is defined then.
 *
 * @example
 * import { defineCabinetElements } from "https://my.example.com/widgets/cabinet.js";
 * defineCabinetElements({ prefix: "acme" });
 */
export function defineCabinetElements(options: { prefix: string }): void {
  const { prefix } = options;
  checkPrefix(prefix);
  if (loaders.has(prefix)) return;
  usePrefix(prefix, Object.keys(widgets));
  const loader = new WidgetLoader(importersFor(prefix), document);
  loaders.set(prefix, loader);
  loader.start();
}

// Module scripts run after the document is parsed, so the page's own markup is already there.
// A module script is not document.currentScript: the loader's own tag is found by its attribute.
const asked = document.querySelector<HTMLScriptElement>("script[data-cabinet-prefix]")?.dataset.cabinetPrefix;
if (asked) {
  // A bad prefix or a clash is the page's mistake: thrown (the console shows it), nothing defined.
  defineCabinetElements({ prefix: asked });
} else {
  usePrefix("cab", []);
  const loader = new WidgetLoader(widgets, document);
  loaders.set("cab", loader);
  loader.start();
}

/**
 * Loads and defines the widget `tag` now, whether or not it is on the page; resolves when it
 * is defined. For widgets inside the page's own shadow roots, which the observer cannot see:
 *
 * ```js
 * import { load } from "/widgets/cabinet.js";
 * await load("cab-services");
 * ```
 */
export function load(tag: string): Promise<void> {
  for (const loader of loaders.values()) {
    if (loader.has(tag)) return loader.load(tag);
  }
  return Promise.reject(new Error(`[cabinet] there is no widget <${tag}>`));
}
