import { Type, type Static } from "@sinclair/typebox";
import { Currency, Email, Obj } from "../../http/schema.js";

// One origin as a browser sends it: scheme, host, optional port; no path, no trailing slash,
// no wildcard. Lower case, as browsers serialise it (an upper-case entry would never match).
export const Origin = Type.String({
  pattern: "^https?://(\\[[0-9a-f:]+\\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:[0-9]{1,5})?$",
  maxLength: 200,
  description: "scheme://host[:port], lower case",
});
const Locale = Type.String({ pattern: "^[a-z]{2}(-[A-Z]{2})?$", maxLength: 5 });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const HttpsUrl = Type.String({ pattern: "^https?://[^\\s\"'<>]+$", maxLength: 500 });
// A CSS value with nothing that could close the declaration or the style block around it.
const CssValue = Type.String({ pattern: "^[^;{}<>\\\\]+$", minLength: 1, maxLength: 200 });

const Country = (description: string) => Type.String({ pattern: "^[A-Z]{2}$", minLength: 2, maxLength: 2, description });

const Legal = Obj({
  legalName: Text(200),
  address: Text(500),
  registrationNumber: Type.Optional(Text(100)),
  taxId: Type.Optional(Text(100)),
  email: Type.Optional(Email),
  phone: Type.Optional(Text(50)),
  bank: Type.Optional(Obj({ name: Text(200), accountHolder: Text(200), iban: Text(50), bic: Text(20) })),
  country: Type.Optional(Country("Where the provider is established: the home country of its VAT rule (reverse charge for EU businesses elsewhere)")),
  servedCountries: Type.Optional(
    Type.Array(Country("A country whose payers the provider serves"), { maxItems: 250, uniqueItems: true, description: "Absent or empty: every country" }),
  ),
  documentLogo: Type.Optional(
    Type.String({
      pattern: "^data:image/(png|jpeg|svg\\+xml);base64,[A-Za-z0-9+/]+={0,2}$",
      maxLength: 200_000,
      description: "The logo printed on documents: a base64 data URI (PNG, JPEG or SVG), as documents load nothing from the network",
    }),
  ),
});

const Theme = Obj({
  tokens: Type.Object(
    {},
    {
      patternProperties: { "^--cab-[a-z0-9-]{1,40}$": CssValue },
      additionalProperties: false,
      maxProperties: 40,
      description: "`--cab-*` custom properties (docs/widgets.md)",
    },
  ),
  logoUrl: Type.Optional(HttpsUrl),
});

/** Every setting of a brand a provider may change (all optional in an update). */
const settings = {
  name: Text(200),
  defaultCurrency: Currency,
  currencies: Type.Array(Currency, { minItems: 1, maxItems: 20, uniqueItems: true }),
  defaultLocale: Locale,
  locales: Type.Array(Locale, { minItems: 1, maxItems: 20, uniqueItems: true }),
  allowedOrigins: Type.Array(Origin, { maxItems: 50, uniqueItems: true }),
  signUpOpen: Type.Boolean(),
  handoffCreatesAccounts: Type.Boolean({ description: "A hand-off for an unknown customer creates the account" }),
  statementMaxDays: Type.Integer({
    minimum: 1,
    maximum: 3660,
    description: "The longest period, in days, one reconciliation statement may cover (default 1098)",
  }),
  announceStaffSignIn: Type.Boolean({
    description: "Whether the client gets a notification when staff sign in as them (default true); the audit log records it either way",
  }),
  legal: Type.Union([Legal, Type.Null()]),
  support: Type.Union([Obj({ email: Type.Optional(Email), phone: Type.Optional(Text(50)), url: Type.Optional(HttpsUrl) }), Type.Null()]),
  vatRateBp: Type.Integer({ minimum: 0, maximum: 10_000, description: "basis points: 2000 = 20 %" }),
  vatInclusive: Type.Boolean({ description: "prices include VAT" }),
  invoicePrefix: Type.String({ pattern: "^[A-Z0-9]{1,16}$", maxLength: 16 }),
  topUp: Obj({ min: Type.Integer({ minimum: 1, maximum: 1e12 }), max: Type.Integer({ minimum: 1, maximum: 1e12 }) }),
  theme: Type.Union([Theme, Type.Null()]),
  emailSender: Type.Union([Obj({ name: Text(100), address: Email }), Type.Null()]),
  templateSet: Type.Union([Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,63}$", maxLength: 64 }), Type.Null()]),
  gateways: Type.Union([Type.Array(Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,39}$", maxLength: 40 }), { maxItems: 20, uniqueItems: true }), Type.Null()]),
};

const optional = Type.Partial(Type.Object(settings)).properties;

export const Slug = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,63}$", maxLength: 64 });

/** A new brand: a slug, a name, a currency and a locale; everything else has a default. */
export const BrandCreateBody = Obj({
  ...optional,
  slug: Slug,
  name: settings.name,
  defaultCurrency: settings.defaultCurrency,
  defaultLocale: settings.defaultLocale,
});
export type BrandCreateInput = Static<typeof BrandCreateBody>;

/** A change: only the fields given change; an unknown field is refused. */
export const BrandPatchBody = Obj(optional);
export type BrandPatch = Static<typeof BrandPatchBody>;

export const BrandView = Obj({ id: Type.String(), slug: Slug, version: Type.Integer(), ...settings });

/** What any visitor may know of the brand of a page: for the widgets' theme and the host page. */
export const BrandPublicView = Obj({
  slug: Slug,
  name: settings.name,
  defaultLocale: settings.defaultLocale,
  locales: settings.locales,
  defaultCurrency: settings.defaultCurrency,
  currencies: settings.currencies,
  support: settings.support,
  theme: settings.theme,
});
