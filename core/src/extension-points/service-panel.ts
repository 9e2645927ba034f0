/**
 * What a provisioner may add to an active service's page in the client area — the part of the
 * {@link Provisioner} extension point that WHMCS modules, Blesta tabs and BILLmanager's "go to
 * panel" give clients. Every part is optional; the core shows the page only while the service is
 * `active`, checks the caller's rights (services section) before any call, bounds each call by
 * `services.provisionTimeoutMs`, and writes the audit log. Texts (labels, confirmations,
 * messages) are in `target.locale`.
 */

/** The service a panel call is about. */
export interface ServicePanelTarget {
  serviceId: string;
  accountId: string;
  brandId: string;
  /** The service's name in the client area, when it has one. */
  label: string | null;
  productCode: string;
  parameters: Record<string, unknown>;
  /** The product's `provisionerOptions`. */
  options: Record<string, unknown>;
  /** `en`, `ru`…: the language of the texts to answer with. */
  locale: string;
}

/** A read-only fact: an IP address, a host name, a data centre. */
export interface ServicePanelField {
  key: string;
  label: string;
  value: string;
}

/** A secret shown only on request (a root password): its name here, its value from `reveal`. */
export interface ServicePanelCredential {
  key: string;
  label: string;
}

/**
 * A button (reboot, reset password, reinstall). `confirm` is the question asked before it runs.
 * `right` is what the caller needs in the services section: `change` (the default) for what
 * disturbs, `delete` for what destroys data (a reinstall).
 */
export interface ServicePanelAction {
  key: string;
  label: string;
  confirm: string;
  right?: "change" | "delete";
  /** Drawn as a dangerous button. */
  danger?: boolean;
  /**
   * The credential (a key of `credentials`) the action replaces — a password reset. Its new value
   * comes back in the action's answer (`credential`) and is shown to the client once: the core
   * asks for re-authentication before running it and audits the answer as a reveal.
   */
  reveals?: string;
}

/** A small usage chart: points oldest first, `at` in epoch milliseconds. */
export interface ServicePanelMetric {
  key: string;
  label: string;
  /** `%`, `Mbit/s`, `GB`…: printed after each value. */
  unit: string;
  points: { at: number; value: number }[];
}

/** What the page shows. Credentials carry no value here; the control panel only its label. */
export interface ServicePanel {
  fields: ServicePanelField[];
  credentials: ServicePanelCredential[];
  actions: ServicePanelAction[];
  /** A "log in to the control panel" button, or null. */
  controlPanel: { label: string } | null;
  metrics: ServicePanelMetric[];
}

/**
 * How an action ended. `timeout`: the provider did not answer in time (it may still act);
 * `failed`: it answered no, with a reason the client may read.
 */
export type ServicePanelActionResult =
  | { status: "done"; message?: string; /** The new value of the credential the action `reveals`. */ credential?: { value: string } }
  | { status: "failed"; reason: string }
  | { status: "timeout" };

/**
 * The provisioner's side of the service page. `describe` is asked each time the page opens; the
 * others when the client asks for them, after the core checked their rights (and, for `reveal`,
 * re-authenticated them and wrote the audit entry). `reveal` and `controlPanelUrl` answer
 * undefined for a key or a service they do not know.
 *
 * @example
 * const panel: ServicePanelProvider = {
 *   async describe(t) {
 *     const vm = await api.vm(t.serviceId);
 *     return {
 *       fields: [{ key: "ipv4", label: "IPv4 address", value: vm.ip }],
 *       credentials: [{ key: "root", label: "Root password" }],
 *       actions: [{ key: "reboot", label: "Reboot", confirm: "Reboot the server now?" }],
 *       controlPanel: { label: "Open VMmanager" },
 *       metrics: [{ key: "cpu", label: "CPU", unit: "%", points: vm.cpu }],
 *     };
 *   },
 *   async reveal(t, key) { return key === "root" ? { value: await api.rootPassword(t.serviceId) } : undefined; },
 *   async runAction(t, key) { await api.act(t.serviceId, key); return { status: "done" }; },
 *   async controlPanelUrl(t) { return { url: await api.oneTimeLogin(t.serviceId) }; },
 * };
 */
export interface ServicePanelProvider {
  describe(target: ServicePanelTarget): Promise<ServicePanel>;
  reveal(target: ServicePanelTarget, key: string): Promise<{ value: string } | undefined>;
  runAction(target: ServicePanelTarget, key: string, request: { idempotencyKey: string }): Promise<ServicePanelActionResult>;
  /** A URL that signs the client in to the provider's panel. The core hands the client a one-time, short-lived link of its own that redirects there. */
  controlPanelUrl(target: ServicePanelTarget): Promise<{ url: string } | undefined>;
}
