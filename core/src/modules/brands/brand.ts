/** The provider's legal identity and bank details, printed on invoices and documents. */
export interface BrandLegalDetails {
  legalName: string;
  address: string;
  taxId?: string;
  registrationNumber?: string;
  email?: string;
  phone?: string;
  bank?: { name: string; accountHolder: string; iban: string; bic: string };
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
}

/** What a new brand needs; the finance settings have defaults. */
export type NewBrand = Omit<Brand, "id" | "legal" | "vatRateBp" | "vatInclusive" | "invoicePrefix" | "topUp" | "requireTwoFactor" | "emailVerificationRequired"> &
  Partial<Pick<Brand, "legal" | "vatRateBp" | "vatInclusive" | "invoicePrefix" | "topUp" | "requireTwoFactor" | "emailVerificationRequired">>;
