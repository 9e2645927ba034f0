/**
 * Defines `tag` unless it already is: a page may load the bundle twice (two scripts, two
 * versions). A different class under our tag name means another library took it; say so
 * instead of failing silently or throwing halfway through the page's scripts.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, element);
  } else if (existing !== element) {
    console.warn(`[cabinet] <${tag}> is already defined by other code; Cabinet's <${tag}> is not registered.`);
  }
}
