/**
 * Links a widget makes from the page's templates (`service-href`, `ticket-href`,
 * `invoice-href`…): `{id}` stands for the id, URL-encoded, wherever it appears.
 */

/** `/services.html?service={id}` with the id filled in, as written (relative stays relative). */
export function fillTemplate(template: string, id: string): string {
  return template.split("{id}").join(encodeURIComponent(id));
}

/** The template filled in and resolved against `base` (the page's address); null without a template or for one that makes no URL. */
export function hrefFromTemplate(template: string | null | undefined, id: string, base: string): string | null {
  if (!template || !template.trim()) return null;
  try {
    return new URL(fillTemplate(template.trim(), id), base).href;
  } catch {
    return null;
  }
}
