// The API's answers the component tests share, shaped by the generated API types.
import type { Balance, ServiceDetail } from "../../src/runtime/api-types.js";

export const eur = (amount: number) => ({ amount, currency: "EUR" });

const yes = { allowed: true, reason: null };

/** An active service with every action allowed. */
export const service: ServiceDetail = {
  id: "svc_1",
  label: "Web server",
  status: "active",
  product: { id: "prd_1", code: "vps", name: "VPS S", type: "vps" },
  parameters: {},
  price: eur(1000),
  periodMonths: 1,
  paidUntil: "2026-02-01T00:00:00.000Z",
  autoRenew: true,
  createdAt: "2026-01-01T00:00:00.000Z",
  nextParameters: null,
  cancelAtPeriodEnd: false,
  statusReason: null,
  statusReasonText: null,
  invoiceId: null,
  actions: { renew: yes, change: yes, cancel: yes, delete: yes, autoRenew: yes },
};

export const balance: Balance = {
  balance: eur(12_345),
  creditLimit: eur(0),
  available: eur(12_345),
  upcomingRenewals: { ...eur(1000), days: 30 },
  openInvoices: { ...eur(0), count: 0 },
  recommendedTopUp: eur(0),
  topUp: { min: eur(500), max: eur(1_000_000) },
};

export const ticketSummary = {
  id: "tkt_1",
  subject: "The server does not boot",
  department: { id: "dep_1", name: "Technical" },
  priority: "normal",
  status: "open",
  serviceId: null,
  lastMessageAt: "2026-01-05T10:00:00.000Z",
  createdAt: "2026-01-05T10:00:00.000Z",
  unreadByClient: false,
  rating: null,
};

/** The terms of service, with what the client decided (`decision`). */
export const terms = (decision: "accepted" | "declined" | null) => ({
  id: "lgl_1",
  kind: "terms",
  version: 2,
  title: "Terms of service",
  body: "Be nice.",
  effectiveAt: "2026-01-01T00:00:00.000Z",
  mustAgree: true,
  showOnSignUp: true,
  showAfterSignIn: true,
  decision,
  decidedAt: decision ? "2026-01-02T00:00:00.000Z" : null,
});
