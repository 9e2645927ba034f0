/**
 * The one catalogue of errors Cabinet answers with. Every failure a caller can see has a
 * `CAB_ERR_…` code, an HTTP status and a message that is safe to show to a client.
 * Internal details (stack traces, SQL) never leave the process; they are logged instead.
 */
export const errorCatalogue = {
  CAB_ERR_VALIDATION: { status: 400, message: "The request is not valid." },
  CAB_ERR_MALFORMED_JSON: { status: 400, message: "The request body is not valid JSON." },
  CAB_ERR_BRAND_UNKNOWN: { status: 400, message: "The brand of this request is not known." },
  CAB_ERR_UNAUTHENTICATED: { status: 401, message: "Sign in to continue." },
  CAB_ERR_INVALID_CREDENTIALS: { status: 401, message: "The e-mail or the password is wrong." },
  CAB_ERR_FORBIDDEN: { status: 403, message: "You do not have permission to do this." },
  CAB_ERR_CSRF: { status: 403, message: "The CSRF token is missing or wrong." },
  CAB_ERR_ORIGIN_NOT_ALLOWED: { status: 403, message: "This origin may not call the API." },
  CAB_ERR_INSUFFICIENT_FUNDS: { status: 402, message: "The balance does not cover this payment." },
  CAB_ERR_SIGN_UP_CLOSED: { status: 403, message: "Sign-up is closed for this brand." },
  CAB_ERR_NOT_FOUND: { status: 404, message: "Not found." },
  CAB_ERR_ROUTE_NOT_FOUND: { status: 404, message: "There is no such endpoint." },
  CAB_ERR_METHOD_NOT_ALLOWED: { status: 405, message: "This method is not allowed here." },
  CAB_ERR_CONFLICT: { status: 409, message: "The request conflicts with the current state." },
  CAB_ERR_EMAIL_TAKEN: { status: 409, message: "An account with this e-mail already exists." },
  CAB_ERR_DOCUMENT_NOT_READY: { status: 409, message: "The document's PDF is not ready." },
  CAB_ERR_ILLEGAL_TRANSITION: { status: 409, message: "The service cannot do this in its current status." },
  CAB_ERR_IDEMPOTENCY_KEY_REUSED: { status: 409, message: "This Idempotency-Key was used for a different request." },
  CAB_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is too large." },
  CAB_ERR_ATTACHMENT_TOO_LARGE: { status: 413, message: "An attachment is larger than allowed." },
  CAB_ERR_ATTACHMENT_TYPE: { status: 415, message: "This kind of file cannot be attached." },
  CAB_ERR_TOO_MANY_ATTACHMENTS: { status: 422, message: "There are more attachments than allowed." },
  CAB_ERR_TICKET_CLOSED: { status: 409, message: "The ticket is closed and can no longer be reopened." },
  CAB_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the request body as application/json." },
  CAB_ERR_UNPROCESSABLE: { status: 422, message: "The request cannot be processed." },
  CAB_ERR_PERIOD_NOT_OFFERED: { status: 422, message: "The product is not offered for this period." },
  CAB_ERR_INVALID_PARAMETER: { status: 422, message: "A parameter is not valid for this product." },
  CAB_ERR_CURRENCY_NOT_OFFERED: { status: 422, message: "The product is not offered in this currency." },
  CAB_ERR_PRODUCT_UNAVAILABLE: { status: 422, message: "This product can no longer be ordered." },
  CAB_ERR_PAYMENT_REFUSED: { status: 422, message: "The payment provider refused this payment." },
  CAB_ERR_REFUND_REFUSED: { status: 422, message: "The payment provider refused this refund." },
  CAB_ERR_WEBHOOK_REJECTED: { status: 400, message: "The webhook's signature does not verify." },
  CAB_ERR_GATEWAY_UNAVAILABLE: { status: 502, message: "The payment provider did not answer. Try again in a moment." },
  CAB_ERR_RATE_LIMITED: { status: 429, message: "Too many attempts. Try again later." },
  // Account settings and security (accounts module: profile, password, e-mail, second factors, passkeys, sessions)
  CAB_ERR_REAUTH_FAILED: { status: 403, message: "Confirm it is you: the current password or code is not right." },
  CAB_ERR_LINK_INVALID: { status: 400, message: "This link is not valid: it was used, replaced by a newer one, or has expired." },
  CAB_ERR_EMAIL_UNAVAILABLE: { status: 409, message: "This e-mail address cannot be used for this account." },
  CAB_ERR_SECOND_FACTOR_REQUIRED: { status: 401, message: "Enter the code from your authenticator app, a recovery code, or use a passkey." },
  CAB_ERR_SECOND_FACTOR_INVALID: { status: 401, message: "The code is not right, or was already used." },
  CAB_ERR_TWO_FACTOR_SETUP_REQUIRED: { status: 403, message: "Turn on two-factor authentication to continue." },
  CAB_ERR_TWO_FACTOR_STATE: { status: 409, message: "Two-factor authentication is not in the state this needs." },
  CAB_ERR_PASSKEY_INVALID: { status: 401, message: "The passkey could not be verified." },
  CAB_ERR_EMAIL_NOT_VERIFIED: { status: 403, message: "Confirm your e-mail address first: open the link we sent you." },
  // Privacy: legal documents, consents, personal data.
  CAB_ERR_CONSENT_REQUIRED: { status: 403, message: "Accept the updated legal documents to continue." },
  CAB_ERR_CONSENT_OUTDATED: { status: 409, message: "This version of the document is not the one in force." },
  CAB_ERR_CONSENT_MUST_AGREE: { status: 422, message: "This document must be accepted; it cannot be declined." },
  CAB_ERR_EXPORT_NOT_READY: { status: 409, message: "The export is still being prepared." },
  CAB_ERR_EXPORT_EXPIRED: { status: 410, message: "This export has expired. Ask for a new one." },
  CAB_ERR_PRIVACY_REQUEST_PENDING: { status: 409, message: "A request of this kind is already waiting for a decision." },
  // External sign-in (identities module, auth-provider plugins).
  CAB_ERR_EXTERNAL_SIGN_IN_FAILED: { status: 400, message: "Signing in with the external provider failed. Start again." },
  CAB_ERR_EXTERNAL_IDENTITY_TAKEN: { status: 409, message: "This external identity is already linked to another user, or you already linked one of this provider." },
  CAB_ERR_EXTERNAL_EMAIL_UNVERIFIED: { status: 409, message: "The provider has not verified this e-mail. Sign in with your password and link the provider from your settings." },
  CAB_ERR_LAST_SIGN_IN_METHOD: { status: 409, message: "This is your only way to sign in; add another before removing it." },
  CAB_ERR_INTERNAL: { status: 500, message: "Something went wrong on our side." },
  CAB_ERR_UNAVAILABLE: { status: 503, message: "The service is temporarily unavailable." },
  // Durability and hardening (issue 9).
  CAB_ERR_METHOD_NOT_IMPLEMENTED: { status: 501, message: "This HTTP method is not supported." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
