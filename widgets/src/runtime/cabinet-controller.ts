import type { ReactiveController, ReactiveControllerHost } from "lit";
import { messages, type Messages } from "../i18n/index.js";
import { LOCALE_LOADED } from "../i18n/locales.js";
import { contextFor, type CabinetContext } from "./cabinet-context.js";
import type { SessionState } from "./session-store.js";
import { findConfigElement, resolveSettings, type CabinetSettings, type SettingsOverrides } from "./settings.js";
import { labelTableCells } from "./table-labels.js";

type Host = ReactiveControllerHost & HTMLElement & SettingsOverrides;

const CONFIG_ATTRIBUTES = ["api-base", "brand", "auth", "locale"];

/**
 * Connects a widget to its settings, translations and shared session: re-reads them when
 * `<cab-config>` or `<html lang>` changes, and tells the widget when the session changes
 * (`onSession` gets `previous = null` when the widget (re)connects or switches session).
 */
export class CabinetController implements ReactiveController {
  settings!: CabinetSettings;
  context: CabinetContext | null = null;
  t: Messages = messages.en;

  private unsubscribe: (() => void) | null = null;
  private observer: MutationObserver | null = null;

  constructor(
    private readonly host: Host,
    private readonly onSession: (state: SessionState, previous: SessionState | null) => void,
  ) {
    host.addController(this);
  }

  get session() {
    return this.context!.session;
  }

  hostConnected(): void {
    const doc = this.host.ownerDocument;
    this.observer = new MutationObserver(() => this.refresh(true));
    const config = findConfigElement(doc);
    if (config) this.observer.observe(config, { attributes: true, attributeFilter: CONFIG_ATTRIBUTES });
    this.observer.observe(doc.documentElement, { attributes: true, attributeFilter: ["lang"] });
    doc.addEventListener(LOCALE_LOADED, this.onLocaleLoaded);
    this.refresh(false);
  }

  /** A language's strings arrived (fetched on demand): the settings may now pick it. */
  private readonly onLocaleLoaded = (): void => this.refresh(true);

  /** After each render: the tables' cells learn their columns' names, for the stacked rows of a phone. */
  hostUpdated(): void {
    labelTableCells(this.host.shadowRoot);
  }

  hostDisconnected(): void {
    this.host.ownerDocument.removeEventListener(LOCALE_LOADED, this.onLocaleLoaded);
    this.observer?.disconnect();
    this.observer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.context = null;
  }

  /** Re-reads the settings; the host calls it when its own settings attributes change. */
  refresh(requestUpdate: boolean): void {
    if (!this.host.isConnected) return;
    const doc = this.host.ownerDocument;
    const config = findConfigElement(doc);
    this.settings = resolveSettings(this.host, config, doc);
    this.t = messages[this.settings.locale];
    const context = contextFor(config ?? doc, this.settings);
    if (context !== this.context) {
      this.unsubscribe?.();
      this.context = context;
      this.unsubscribe = context.session.subscribe((state, previous) => {
        this.onSession(state, previous);
        this.host.requestUpdate();
      });
      this.onSession(context.session.state, null);
      void context.session.restore();
    }
    if (requestUpdate) this.host.requestUpdate();
  }
}
