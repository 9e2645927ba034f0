import { CabinetError } from "./cabinet-error.js";

/** A plugin's own error code: `PLG_ERR_<PLUGIN>_<NAME>`, apart from the core's `CAB_ERR_…`. */
export type PluginErrorCode = `PLG_ERR_${string}`;

export interface PluginErrorEntry {
  /** The HTTP status it answers: 4xx for the caller's mistake, 502/503 for an outside system. */
  status: number;
  message: string;
}

/**
 * Registers a plugin's own error codes, the documented way to add codes to the closed core
 * catalogue: each becomes `PLG_ERR_<PLUGIN>_<NAME>` (the plugin name upper-cased, `-` → `_`) and
 * is rendered by the core's error middleware in the one error shape. Checked when the plugin
 * module loads: a bad name or status throws at once, never at the first failure.
 *
 * @example
 * const errors = definePluginErrors("payment-stripe", { CARD_EXPIRED: { status: 422, message: "The card has expired" } });
 * throw errors.create("CARD_EXPIRED", { paymentId });   // → 422 { error: { code: "PLG_ERR_PAYMENT_STRIPE_CARD_EXPIRED", … } }
 */
export function definePluginErrors<const E extends Record<string, PluginErrorEntry>>(plugin: string, entries: E) {
  if (!/^[a-z][a-z0-9-]*$/.test(plugin)) throw new Error(`plugin errors: "${plugin}" is not a plugin name`);
  const prefix = `PLG_ERR_${plugin.toUpperCase().replace(/-/g, "_")}_` as const;
  for (const [name, entry] of Object.entries(entries)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`plugin errors of ${plugin}: "${name}" must be UPPER_SNAKE_CASE`);
    if (!Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599)
      throw new Error(`plugin errors of ${plugin}: ${name} needs a 4xx or 5xx status`);
  }
  return {
    /** The full codes, for documentation: `{ CARD_EXPIRED: "PLG_ERR_PAYMENT_STRIPE_CARD_EXPIRED" }`. */
    codes: Object.fromEntries(Object.keys(entries).map((name) => [name, `${prefix}${name}`])) as { [K in keyof E]: PluginErrorCode },
    create(name: keyof E & string, details: Record<string, unknown> = {}): CabinetError {
      const entry = entries[name];
      return CabinetError.custom(`${prefix}${name}`, entry.status, entry.message, details);
    },
  };
}
