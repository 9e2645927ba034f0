import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

export type TemplatePart = "subject" | "html" | "text";

/** What a template sees. `body` is the user's text: `{{lines body}}` escapes it and keeps its line breaks. */
export interface TemplateData {
  title: string;
  body: string;
  link: string | null;
  event: string;
  locale: string;
  brand: { name: string; slug: string };
}

export const shippedLocales = ["en", "ru"] as const;
const shippedDir = fileURLToPath(new URL("../templates/", import.meta.url));

/**
 * The e-mail templates: the ones shipped in `templates/<locale>/`, each replaceable per brand
 * by a file at `<overridesDir>/<brand slug>/<locale>/<part>.hbs`. Compiled once per file.
 */
export class EmailTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly compiled = new Map<string, Promise<Handlebars.TemplateDelegate<TemplateData>>>();

  constructor(private readonly overridesDir?: string) {
    this.handlebars.registerHelper("lines", (text: unknown) => {
      const escaped = Handlebars.escapeExpression(String(text ?? ""));
      return new Handlebars.SafeString(escaped.replace(/\r?\n/g, "<br>\n"));
    });
  }

  /** The locale the templates are written in that best fits the user's (`ru-RU` → `ru`), else the brand's, else English. */
  static pickLocale(userLocale: string, brandLocale: string): string {
    for (const candidate of [userLocale, brandLocale]) {
      const language = candidate.toLowerCase().split(/[-_]/)[0];
      if ((shippedLocales as readonly string[]).includes(language)) return language;
    }
    return "en";
  }

  async render(brandSlug: string, locale: string, data: TemplateData): Promise<Record<TemplatePart, string>> {
    const [subject, html, text] = await Promise.all(
      (["subject", "html", "text"] as const).map(async (part) => (await this.template(brandSlug, locale, part))(data)),
    );
    // A subject is one header line, whatever a template or a title holds.
    return { subject: subject.replace(/\s+/g, " ").trim(), html, text };
  }

  private template(brandSlug: string, locale: string, part: TemplatePart) {
    const key = `${brandSlug}/${locale}/${part}`;
    let template = this.compiled.get(key);
    if (!template) {
      template = this.load(brandSlug, locale, part).then((source) => this.handlebars.compile<TemplateData>(source, { strict: false }));
      // A broken file is read again on the next message rather than remembered.
      template.catch(() => this.compiled.delete(key));
      this.compiled.set(key, template);
    }
    return template;
  }

  private async load(brandSlug: string, locale: string, part: TemplatePart): Promise<string> {
    if (this.overridesDir && /^[A-Za-z0-9_-]+$/.test(brandSlug)) {
      try {
        return await readFile(join(this.overridesDir, brandSlug, locale, `${part}.hbs`), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    return readFile(join(shippedDir, locale, `${part}.hbs`), "utf8");
  }
}
