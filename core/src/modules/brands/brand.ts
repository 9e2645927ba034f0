/** The provider's legal identity and bank details, printed on invoices and documents. */
export interface BrandLegalDetails {
  legalName: string;
  address: string;
  taxId?: string;
  registrationNumber?: string;
  email?: string;
  phone?: string;
  bank?: { name: string; accountHolder: string; iban: string; bic: string };
  /** Where the provider is established (ISO 3166-1 alpha-2): the VAT rule's home country. */
  country?: string;
  /** The payers' countries the provider serves (ISO 3166-1 alpha-2); absent or empty: every country. */
  servedCountries?: string[];
  /** The logo printed on documents, as a `data:image/…;base64,` URI (documents load nothing from the network). */
  documentLogo?: string;
}

/** A white-label provider profile: who the clients see, and which sites may embed the widgets. */
export interface Brand {
  id: string;
  slug: string;
  name: string;
  defaultCurrency: string;
  defaultLocale: string;
  /** Origins (scheme://host[:port]) allowed to embed the widgets and call the API cross-site. */
  allowedOrigins: string[];
  signUpOpen: boolean;
  /** Every client user must turn on a second factor (TOTP or a passkey) before using the client area. */
  requireTwoFactor: boolean;
  /** A new user's e-mail must be confirmed (a link sent at sign-up) before they may order. */
  emailVerificationRequired: boolean;
  legal: BrandLegalDetails | null;
  /** VAT in basis points (2000 = 20 %); `vatInclusive`: prices already include it. */
  vatRateBp: number;
  vatInclusive: boolean;
  /** Invoice numbers read `<prefix>-<year>-<number>`, numbered without gaps per brand and year. */
  invoicePrefix: string;
  /** Bounds of one balance top-up, in minor units of the brand's currency. */
  topUp: { min: number; max: number };
  /** The locales the client area offers (the default among them). */
  locales: string[];
  /** The currencies accounts may hold (the default among them). */
  currencies: string[];
  /** Where clients reach the provider's support. */
  support: BrandSupportContacts | null;
  /** Theme tokens the widgets apply (`--cab-*` custom properties) and the logo. */
  theme: BrandTheme | null;
  /** Who notifications are sent from. */
  emailSender: { name: string; address: string } | null;
  /** The documents' template set (a folder under `documents.templatesDir`); null: the shipped one. */
  templateSet: string | null;
  /** The payment gateways offered to this brand's clients, by id; null: every enabled one. */
  gateways: string[] | null;
  /** Whether a sign-in hand-off for an unknown customer creates the Cabinet account. */
  handoffCreatesAccounts: boolean;
  /** The longest period, in days, one reconciliation statement may cover. */
  statementMaxDays: number;
  /** Whether the client is told (a notification) when staff sign in as them; the audit log records it either way. */
  announceStaffSignIn: boolean;
  /** Bumped by every change: caches compare it to know they are stale. */
  version: number;
}

export interface BrandSupportContacts {
  email?: string;
  phone?: string;
  url?: string;
}

export interface BrandTheme {
  /** `--cab-color-primary` → `#0f766e`… (see widgets/src/theme/tokens.ts). */
  tokens: Record<string, string>;
  logoUrl?: string;
}

/** Three years: what an auditor asks for at most. */
export const DEFAULT_STATEMENT_MAX_DAYS = 3 * 366;

/** The settings a brand may leave out: each has a default. */
export type OptionalBrandField =
  | "legal"
  | "vatRateBp"
  | "vatInclusive"
  | "invoicePrefix"
  | "topUp"
  | "locales"
  | "currencies"
  | "support"
  | "theme"
  | "emailSender"
  | "templateSet"
  | "gateways"
  | "handoffCreatesAccounts"
  | "allowedOrigins"
  | "signUpOpen"
  | "requireTwoFactor"
  | "emailVerificationRequired"
  | "statementMaxDays"
  | "announceStaffSignIn";

/** What a new brand needs; the rest have defaults. */
export type NewBrand = Omit<Brand, "id" | "version" | OptionalBrandField> & Partial<Pick<Brand, OptionalBrandField>>;

/** A brand's settings as stored, defaults filled in. */
export function withDefaults(input: NewBrand): Omit<Brand, "id" | "version"> {
  return {
    legal: null,
    vatRateBp: 0,
    vatInclusive: true,
    invoicePrefix: "INV",
    topUp: { min: 500, max: 1_000_000 },
    support: null,
    theme: null,
    emailSender: null,
    templateSet: null,
    gateways: null,
    handoffCreatesAccounts: false,
    statementMaxDays: DEFAULT_STATEMENT_MAX_DAYS,
    announceStaffSignIn: true,
    allowedOrigins: [],
    signUpOpen: true,
    requireTwoFactor: false,
    emailVerificationRequired: false,
    ...input,
    locales: input.locales ?? [input.defaultLocale],
    currencies: input.currencies ?? [input.defaultCurrency],
  };
}
