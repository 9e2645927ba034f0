import { unsafeStatic, type StaticValue } from "lit/static-html.js";
import { withPrefix } from "./define-element.js";

/**
 * The tag of widget `tag` (`cab-…`) under the prefix `host` itself is defined with: a widget
 * that renders another inside its shadow root must name it as the page named the host
 * (`<acme-service>` renders `<acme-service-panel>`), since only the prefixes in use are defined.
 */
export function siblingTag(host: HTMLElement, hostTag: string, tag: string): StaticValue {
  const prefix = host.localName.slice(0, host.localName.length - (hostTag.length - "cab".length));
  return unsafeStatic(withPrefix(tag, prefix || "cab"));
}
