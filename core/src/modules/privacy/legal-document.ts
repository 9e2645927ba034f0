/** The four kinds of legal document a brand publishes, BILLmanager's model. */
export const legalDocumentKinds = ["privacy_policy", "terms", "marketing_email", "marketing_sms"] as const;
export type LegalDocumentKind = (typeof legalDocumentKinds)[number];

/**
 * One version of a brand's legal document. The current version of a kind is the highest one
 * whose `effectiveAt` has come; a new must-agree version stops every signed-in client of the
 * brand (403 `CAB_ERR_CONSENT_REQUIRED`) until they accept it.
 */
export interface LegalDocument {
  id: string;
  brandId: string;
  kind: LegalDocumentKind;
  version: number;
  title: string;
  body: string;
  effectiveAt: number;
  mustAgree: boolean;
  showOnSignUp: boolean;
  showAfterSignIn: boolean;
  publishedBy: string | null;
  createdAt: number;
}

export type ConsentDecision = "accepted" | "declined";

/** A decision a user made on one version, with where it was made from. */
export interface ConsentRecord {
  id: string;
  brandId: string;
  accountId: string;
  userId: string;
  documentId: string;
  kind: LegalDocumentKind;
  version: number;
  decision: ConsentDecision;
  ip: string;
  userAgent: string;
  decidedAt: number;
}

/** The current version of each kind among `documents` (which must all be effective). */
export function currentVersions(documents: LegalDocument[]): LegalDocument[] {
  const byKind = new Map<LegalDocumentKind, LegalDocument>();
  for (const doc of documents) {
    const seen = byKind.get(doc.kind);
    if (!seen || doc.version > seen.version) byKind.set(doc.kind, doc);
  }
  return legalDocumentKinds.flatMap((kind) => (byKind.has(kind) ? [byKind.get(kind)!] : []));
}

export function describeLegalDocument(doc: LegalDocument) {
  return {
    id: doc.id,
    kind: doc.kind,
    version: doc.version,
    title: doc.title,
    body: doc.body,
    effectiveAt: new Date(doc.effectiveAt).toISOString(),
    mustAgree: doc.mustAgree,
    showOnSignUp: doc.showOnSignUp,
    showAfterSignIn: doc.showAfterSignIn,
  };
}
