export type PrivacyRequestKind = "erasure" | "restriction";
export type PrivacyRequestStatus = "pending" | "approved" | "refused";

/** A client's request to erase their personal data or restrict its processing; staff decide. */
export interface PrivacyRequest {
  id: string;
  brandId: string;
  accountId: string;
  userId: string;
  kind: PrivacyRequestKind;
  /** Asked by the account's owner: an approval then takes every user of the account with it. */
  byOwner: boolean;
  status: PrivacyRequestStatus;
  reason: string | null;
  staffId: string | null;
  staffNote: string | null;
  createdAt: number;
  decidedAt: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function describePrivacyRequest(r: PrivacyRequest) {
  return { id: r.id, kind: r.kind, status: r.status, reason: r.reason, staffNote: r.staffNote, createdAt: iso(r.createdAt)!, decidedAt: iso(r.decidedAt) };
}

export function describePrivacyRequestForStaff(r: PrivacyRequest) {
  return { ...describePrivacyRequest(r), accountId: r.accountId, userId: r.userId, staffId: r.staffId };
}
