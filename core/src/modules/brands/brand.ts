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
}
