import { LitElement } from "lit";
import { unsafeStatic, type StaticValue } from "lit/static-html.js";

/**
 * The tag of widget `tag` (`cab-…`) under the prefix `host` itself is defined with: a widget
 * that renders another inside its shadow root must name it as the page named the host
 * (`<acme-service>` renders `<acme-service-panel>`), since only the prefixes in use are defined.
 * (Not through define-element's `withPrefix`: importing it from the shared chunk would pull the
 * tag registry out of the loader.)
 */
export function siblingTag(host: HTMLElement, hostTag: string, tag: string): StaticValue {
  const prefix = host.localName.slice(0, host.localName.length - (hostTag.length - "cab".length)) || "cab";
  return unsafeStatic(`${prefix}-${tag.slice("cab-".length)}`);
}

/**
 * An internal part of a widget (`<cab-service>`'s sub-forms, `<cab-users>`' parts): it renders
 * into the widget's shadow root (no shadow of its own), so the widget's styles, ids and `part`s
 * are the same as when it was one template; and it takes no box of its own
 * (`display: contents`), so the layout is as before.
 */
export abstract class SubElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.style.display = "contents";
  }
}
