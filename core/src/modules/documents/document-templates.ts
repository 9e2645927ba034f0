import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { formatMoney } from "../../extension-points/money.js";
import type { DocumentKind } from "./document.js";

/** One template as found on disk, with everything its output depends on. */
export interface TemplateSet {
  /** `<brand-slug or "default">/<locale>/<kind>`. */
  name: string;
  locale: string;
  /** Over the kind's template and every partial it can use: the template version. */
  sha256: string;
  /** The contract's version (`{{!-- version: 2026-01 --}}` in the template), else the first 12 of `sha256`. */
  version: string;
  source: string;
  partials: Record<string, string>;
}

export interface RenderedDocument {
  html: string;
  htmlSha256: string;
  /** The HTML's `<title>`, as text: every word of a document lives in its template. */
  title: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/i;
const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/;
const VERSION = /\{\{!--\s*version:\s*([A-Za-z0-9._-]{1,64})\s*--\}\}/;
// `{{{x}}}` and `{{&x}}` print without escaping: refused, so a client's text (an account name)
// can never become markup, whoever wrote the template.
const RAW_OUTPUT = /\{\{~?\{|\{\{~?\s*&/;
const helpers = { money: true, date: true, datetime: true, eq: true, plural: true, country: true };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#x3D;": "=", "&#x60;": "`" };

/**
 * The document templates: Handlebars files shipped in `core/templates/documents/` and, when
 * `documents.templatesDir` is set, a brand's own files there, which win:
 *
 * ```
 * <dir>/<locale>/<kind>.hbs             a kind (invoice, act, contract, reconciliation)
 * <dir>/partials/<name>.hbs             partials every locale shares (the layout)
 * <dir>/<locale>/partials/<name>.hbs    partials in one language (the parties block)
 * ```
 *
 * where `<dir>` is the shipped directory or `<templatesDir>/<brand-slug>`. Templates are the
 * provider's files, never client input; they are read on each use (so an edited file counts
 * at once) and compiled once per version. Only these helpers exist: `money`, `date`, `datetime`
 * (a date and time, UTC), `eq`, `plural` (`{{plural 3 "month" "months"}}`,
 * `{{plural 5 "месяц" "месяца" "месяцев"}}`: the locale's plural forms one, few, many, in that
 * order, the last standing for the rest) and `country` (an ISO code as the country's name in the
 * document's language).
 *
 * @example
 * const set = await templates.load("northwind", "invoice", ["ru", "en"]);
 * const { html, title } = templates.render(set, { locale: set.locale, currency: "EUR", … });
 */
@injectable()
export class DocumentTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  private readonly shippedDir = fileURLToPath(new URL("../../../templates/documents/", import.meta.url));
  private readonly brandsDir: string | undefined;

  constructor(@inject(TOKENS.Config) config: CabinetConfig) {
    this.brandsDir = config.documents.templatesDir ? resolve(config.documents.templatesDir) : undefined;
    this.registerHelpers();
  }

  /** The brand's template of `kind` in the first of `locales` that has one (the brand's own before the shipped one). */
  async load(brandSlug: string, kind: DocumentKind, locales: string[]): Promise<TemplateSet> {
    const brandDir = this.brandsDir && SLUG.test(brandSlug) ? join(this.brandsDir, brandSlug) : undefined;
    const candidates = [...new Set(locales.filter((l) => LOCALE.test(l)))];
    for (const locale of candidates) {
      for (const [origin, dir] of [
        [brandSlug, brandDir],
        ["default", this.shippedDir],
      ] as const) {
        if (!dir) continue;
        const source = await readText(join(dir, locale, `${kind}.hbs`));
        if (source === undefined) continue;
        const partials: Record<string, string> = {};
        for (const partialDir of [
          join(this.shippedDir, "partials"),
          join(this.shippedDir, locale, "partials"),
          ...(brandDir ? [join(brandDir, "partials"), join(brandDir, locale, "partials")] : []),
        ]) {
          Object.assign(partials, await readPartials(partialDir));
        }
        for (const text of [source, ...Object.values(partials)]) {
          if (RAW_OUTPUT.test(text))
            throw new Error(`Template ${origin}/${locale}/${kind} or one of its partials prints unescaped output ({{{ }}} or {{& }}), which is not allowed`);
        }
        const digest = sha256(
          [
            `${kind}.hbs`,
            source,
            ...Object.keys(partials)
              .sort()
              .flatMap((n) => [n, partials[n]]),
          ].join("\0"),
        );
        return { name: `${origin}/${locale}/${kind}`, locale, sha256: digest, version: VERSION.exec(source)?.[1] ?? digest.slice(0, 12), source, partials };
      }
    }
    throw new Error(`No ${kind} template for brand ${brandSlug} in ${candidates.join(", ") || "any locale"}`);
  }

  render(set: TemplateSet, context: Record<string, unknown>): RenderedDocument {
    const partials = Object.fromEntries(Object.entries(set.partials).map(([name, source]) => [name, this.compile(source)]));
    const html = this.compile(set.source)({ ...context, locale: set.locale }, { partials });
    const title = (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "")
      .replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => entities[e])
      .replace(/\s+/g, " ")
      .trim();
    return { html, htmlSha256: sha256(html), title: title.slice(0, 200) };
  }

  private compile(source: string): HandlebarsTemplateDelegate {
    const key = sha256(source);
    let template = this.compiled.get(key);
    if (!template) {
      template = this.handlebars.compile(source, { knownHelpers: helpers, knownHelpersOnly: true, preventIndent: true });
      this.compiled.set(key, template);
    }
    return template;
  }

  private registerHelpers(): void {
    // Helpers read the locale and currency of the document being rendered from its root context.
    const root = (options: Handlebars.HelperOptions) => options.data.root as { locale: string; currency?: string };
    this.handlebars.registerHelper("money", (...args: unknown[]) => {
      const options = args.pop() as Handlebars.HelperOptions;
      const [amount, currency = root(options).currency] = args as [number, string | undefined];
      if (!Number.isSafeInteger(amount) || typeof currency !== "string")
        throw new Error(`money needs an integer amount and a currency, got ${String(amount)} ${String(currency)}`);
      return formatMoney({ amount, currency }, root(options).locale);
    });
    this.handlebars.registerHelper("date", (instant: unknown, options: Handlebars.HelperOptions) => {
      if (typeof instant !== "number") return "";
      return new Intl.DateTimeFormat(root(options).locale, { dateStyle: "long", timeZone: "UTC" }).format(instant);
    });
    this.handlebars.registerHelper("datetime", (instant: unknown, options: Handlebars.HelperOptions) => {
      if (typeof instant !== "number") return "";
      return new Intl.DateTimeFormat(root(options).locale, { dateStyle: "long", timeStyle: "long", timeZone: "UTC" }).format(instant);
    });
    this.handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper("plural", (...args: unknown[]) => {
      const options = args.pop() as Handlebars.HelperOptions;
      const [count, ...forms] = args as [number, ...string[]];
      if (!Number.isSafeInteger(count) || forms.length === 0) throw new Error(`plural needs an integer and its forms, got ${String(count)}`);
      return `${count} ${pluralForm(root(options).locale, count, forms)}`;
    });
    this.handlebars.registerHelper("country", (code: unknown, options: Handlebars.HelperOptions) => {
      if (typeof code !== "string" || !/^[A-Z]{2}$/.test(code)) return "";
      return new Intl.DisplayNames([root(options).locale], { type: "region" }).of(code) ?? code;
    });
  }
}

/** The form of `forms` (one, few, many, …: the locale's categories in that order; the last for the rest) that `count` takes. */
export function pluralForm(locale: string, count: number, forms: string[]): string {
  const order = ["one", "few", "many"];
  const index = order.indexOf(new Intl.PluralRules(locale).select(count));
  return forms[index === -1 ? forms.length - 1 : Math.min(index, forms.length - 1)];
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function readPartials(dir: string): Promise<Record<string, string>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^[a-z0-9-]+\.hbs$/.test(n)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const partials: Record<string, string> = {};
  for (const name of names) partials[name.slice(0, -4)] = await readFile(join(dir, name), "utf8");
  return partials;
}
