import type { ApiClient, Credentials } from "../runtime/api-client.js";
import type { Payer, PayerBody } from "../runtime/api-types.js";

/**
 * The calls of the payers API (`/api/v1/payers`); its shapes are generated with the rest
 * (`runtime/api-types.ts`). In the runtime chunk: the order form asks for the list on every
 * signed-in page it is on (the payers' strings wait until there is a choice to make).
 */

export const payersApi = {
  /** Shared by the page's widgets (the order form, the statement request, the payers list): one request. */
  list(api: ApiClient, credentials: Credentials, signal?: AbortSignal): Promise<{ items: Payer[] }> {
    return api.sharedRead("/payers", {}, credentials, signal);
  },
  /** 400 CAB_ERR_VALIDATION (`/vatNumber`) for a VAT number without its country's format; 422 for a country the brand does not serve. */
  create(api: ApiClient, credentials: Credentials, body: PayerBody & { makeDefault?: boolean }): Promise<Payer> {
    return api.request("POST", "/payers", { credentials, body });
  },
  update(api: ApiClient, credentials: Credentials, id: string, body: PayerBody): Promise<Payer> {
    return api.request("PUT", `/payers/${encodeURIComponent(id)}`, { credentials, body });
  },
  makeDefault(api: ApiClient, credentials: Credentials, id: string): Promise<Payer> {
    return api.request("POST", `/payers/${encodeURIComponent(id)}/default`, { credentials });
  },
  /** 409 CAB_ERR_CONFLICT for the default payer (`details.reason` `default payer`) or one with open invoices (`open invoices`). */
  remove(api: ApiClient, credentials: Credentials, id: string): Promise<void> {
    return api.request("DELETE", `/payers/${encodeURIComponent(id)}`, { credentials });
  },
};
