/**
 * The privacy module's domain events. `personal_data.erased` and `personal_data.restricted`
 * are published within the transaction that approves the request: each module that holds
 * personal data subscribes with `subscribeWithin` and anonymises or locks its own rows in it,
 * so an approval is all or nothing.
 */
declare module "../../kernel/event-bus.js" {
  interface CabinetEvents {
    "privacy.export_ready": { accountId: string; userId: string; exportId: string };
    "privacy.request_decided": {
      brandId: string;
      accountId: string;
      userId: string;
      requestId: string;
      kind: "erasure" | "restriction";
      decision: "approved" | "refused";
    };
    /** `wholeAccount`: the owner asked, so every user of the account goes with them. */
    "personal_data.erased": { brandId: string; accountId: string; userId: string; wholeAccount: boolean };
    "personal_data.restricted": { brandId: string; accountId: string; userId: string; wholeAccount: boolean };
  }
}

export {};
