/**
 * Tag names: every widget is written as `cab-…` and defined under each prefix the page asked
 * for (`cab` unless the loader's `data-cabinet-prefix` attribute or `defineCabinetElements()`
 * names another), so a page whose `<cab-services>` belongs to someone else can have
 * `<acme-services>` instead.
 *
 * The page-wide state of the widget runtime lives here, in one place: the prefixes asked for
 * and the widget classes loaded so far (a page has one registry of custom elements anyway).
 */
// Published under a global symbol too, for settings.ts (which finds `<acme-config>`): it is
// in the shared runtime chunk, and importing this module from there would pull this module,
// which the loader needs first, into that chunk.
const prefixes = ((globalThis as Record<symbol, unknown>)[Symbol.for("cabinet.tagPrefixes")] ??= new Set<string>()) as Set<string>;
const loaded = new Map<string, CustomElementConstructor>();

/** Marks the classes Cabinet defines, so a second copy of the bundle on one page is recognised, not taken for a clash. */
const CABINET = Symbol.for("cabinet.widget");

/**
 * Thrown when a tag Cabinet would define is already defined by other code, or when a prefix
 * cannot make a valid custom-element name. The message names the tag and what to do.
 */
export class CabinetElementError extends Error {
  override readonly name = "CabinetElementError";
}

const PREFIX = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Refuses a prefix that would not make valid custom-element names (`Acme`, `1x`, `a_b`, `-x`). */
export function checkPrefix(prefix: string): void {
  if (typeof prefix !== "string" || prefix.length > 40 || !PREFIX.test(prefix)) {
    throw new CabinetElementError(
      `"${String(prefix)}" is not a valid tag prefix: use lower-case letters and digits, starting with a letter, words joined by "-" (e.g. "acme" gives <acme-services>).`,
    );
  }
}

/** `cab-services` under `prefix`: `acme-services`. */
export const withPrefix = (tag: string, prefix: string) => `${prefix}-${tag.slice("cab-".length)}`;

/** The prefixes in use: those asked for, else `cab`. */
export function activePrefixes(): string[] {
  return prefixes.size ? [...prefixes] : ["cab"];
}

/**
 * Throws a {@link CabinetElementError} if `name` is already defined by code other than Cabinet.
 * Answers whether Cabinet (this or another copy of the bundle) already defined it.
 */
function checkFree(name: string): boolean {
  const existing = customElements.get(name) as (CustomElementConstructor & { [CABINET]?: boolean }) | undefined;
  if (!existing) return false;
  if (existing[CABINET]) return true;
  throw new CabinetElementError(
    `<${name}> is already defined by other code on this page, so Cabinet cannot define it. Give Cabinet's widgets another prefix: <script type="module" src="…/widgets/cabinet.js" data-cabinet-prefix="acme"> or defineCabinetElements({ prefix: "acme" }).`,
  );
}

function defineUnder(tag: string, element: CustomElementConstructor, prefix: string): void {
  const name = withPrefix(tag, prefix);
  if (checkFree(name)) return;
  // One constructor can be defined once: each further prefix gets its own subclass.
  const ctor = prefix === "cab" ? element : class extends (element as unknown as { new (): HTMLElement }) {};
  Object.defineProperty(ctor, CABINET, { value: true });
  customElements.define(name, ctor as CustomElementConstructor);
}

/**
 * Defines widget `tag` (`cab-…`) under every prefix in use, now and when one is added later.
 * A tag another library took throws {@link CabinetElementError}; one that Cabinet itself
 * defined (the bundle loaded twice) is left as it is.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  loaded.set(tag, element);
  for (const prefix of activePrefixes()) defineUnder(tag, element, prefix);
}

/**
 * Adds a prefix: checks it and every tag it would take first (so a clash throws before anything
 * is defined), then defines the widgets loaded so far under it. Later ones follow on load.
 */
export function usePrefix(prefix: string, tags: string[]): void {
  checkPrefix(prefix);
  if (prefixes.has(prefix)) return;
  for (const tag of tags) checkFree(withPrefix(tag, prefix));
  prefixes.add(prefix);
  for (const [tag, element] of loaded) defineUnder(tag, element, prefix);
}
