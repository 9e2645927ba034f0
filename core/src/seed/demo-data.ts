import type { CancelRefundRule, DowngradeRule, LocalizedText, ProductParameter, ProductPrice } from "../modules/catalog/index.js";
import type { ServiceStatus } from "../modules/services/index.js";

/** The demo provider's logo on its documents (an SVG, as a data URI: documents load nothing from the network). */
const northwindLogo =
  "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIyNTAiIGhlaWdodD0iNDgiIHZpZXdCb3g9IjAgMCAyNTAgNDgiPjxyZWN0IHg9IjIiIHk9IjYiIHdpZHRoPSIzNiIgaGVpZ2h0PSIzNiIgcng9IjgiIGZpbGw9IiMyNDU3YzUiLz48cGF0aCBkPSJNMTIgMzJWMTZsMTYgMTZWMTYiIGZpbGw9Im5vbmUiIHN0cm9rZT0iI2ZmZiIgc3Ryb2tlLXdpZHRoPSI0IiBzdHJva2UtbGluZWNhcD0icm91bmQiIHN0cm9rZS1saW5lam9pbj0icm91bmQiLz48dGV4dCB4PSI0OCIgeT0iMzIiIGZvbnQtZmFtaWx5PSJIZWx2ZXRpY2EsIEFyaWFsLCBzYW5zLXNlcmlmIiBmb250LXNpemU9IjIwIiBmb250LXdlaWdodD0iNzAwIiBmaWxsPSIjMWExYTFhIiB0ZXh0TGVuZ3RoPSIxOTYiIGxlbmd0aEFkanVzdD0ic3BhY2luZ0FuZEdseXBocyI+Tm9ydGh3aW5kIEhvc3Rpbmc8L3RleHQ+PC9zdmc+Cg==";

/** The countries the demo provider takes payers from: the EU, the rest of Europe's usual, and North America. */
const demoServedCountries = [
  ...[
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
  ],
  ...["GB", "CH", "NO", "IS", "CA", "US"],
];

/** The demo provider, its catalog and two clients; the README quotes these sign-ins. */
export const demoBrand = {
  slug: "demo",
  name: "Northwind Hosting",
  defaultCurrency: "USD",
  defaultLocale: "en",
  allowedOrigins: ["http://localhost:8080", "http://127.0.0.1:8080"],
  signUpOpen: true,
  legal: {
    legalName: "Northwind Hosting B.V.",
    address: "Keizersgracht 123, 1015 CJ Amsterdam, the Netherlands",
    taxId: "NL123456789B01",
    registrationNumber: "KvK 12345678",
    email: "billing@northwind.example",
    phone: "+31 20 123 4567",
    bank: { name: "Demo Bank N.V.", accountHolder: "Northwind Hosting B.V.", iban: "NL91ABNA0417164300", bic: "ABNANL2A" },
    country: "NL",
    servedCountries: demoServedCountries,
    documentLogo: northwindLogo,
  },
  vatRateBp: 2100,
  vatInclusive: true,
  invoicePrefix: "NW",
  topUp: { min: 500, max: 500_000 },
  locales: ["en", "ru"],
  support: { email: "support@northwind.example", phone: "+31 20 123 4568" },
  theme: { tokens: { "--cab-color-primary": "#2457c5", "--cab-radius": "8px" } },
  emailSender: { name: "Northwind Hosting", address: "no-reply@northwind.example" },
};

/**
 * The second demo provider: another site (host-examples/other-site, on 127.0.0.1:8081 while
 * the core stays on localhost:8080), its own clients, currency and look. Its clients sign in on
 * the provider's own site, which hands them over to Cabinet (a hand-off creates the account).
 */
export const otherBrand = {
  slug: "orbit",
  name: "Orbit Cloud",
  defaultCurrency: "EUR",
  defaultLocale: "en",
  allowedOrigins: ["http://127.0.0.1:8081"],
  signUpOpen: false,
  handoffCreatesAccounts: true,
  legal: {
    legalName: "Orbit Cloud GmbH",
    address: "Torstraße 1, 10119 Berlin, Germany",
    taxId: "DE123456789",
    registrationNumber: "HRB 123456 B",
    email: "billing@orbit.example",
    country: "DE",
  },
  vatRateBp: 1900,
  vatInclusive: false,
  invoicePrefix: "ORB",
  topUp: { min: 500, max: 200_000 },
  locales: ["en", "ru"],
  support: { email: "help@orbit.example", url: "http://127.0.0.1:8081/help" },
  theme: {
    tokens: { "--cab-color-primary": "#0f766e", "--cab-color-background": "#ecfdf5", "--cab-radius": "2px", "--cab-font-family": "Georgia, serif" },
  },
  emailSender: { name: "Orbit Cloud", address: "no-reply@orbit.example" },
  gateways: ["sandbox"],
};

/**
 * Northwind's terms and privacy policy, which its site's footer links to. `cabinet demo`
 * publishes them (nothing to accept: no client is stopped); paragraphs are separated by a blank line.
 */
export const demoLegalDocuments: { kind: "terms" | "privacy_policy"; title: string; body: string }[] = [
  {
    kind: "terms",
    title: "Terms of service",
    body: [
      "These terms apply to every service Northwind Hosting B.V. provides to you.",
      "Services are paid in advance for the period you choose. Prices, setup fees and VAT are shown before you order, and the order charges exactly that.",
      "A service renews at the end of its period while auto-renewal is on. You may cancel it at the end of the paid period, or at once where the product allows it.",
      "Unpaid services are suspended after the grace period and deleted after a longer one; we tell you by e-mail before each step.",
      "Questions about these terms: write to support from your client area.",
    ].join("\n\n"),
  },
  {
    kind: "privacy_policy",
    title: "Privacy policy",
    body: [
      "Northwind Hosting B.V. keeps the data it needs to provide and bill your services: your name, e-mail, address, payments and support messages.",
      "We never sell your data. Payment cards are handled by our payment provider; we do not see their numbers.",
      "You can download everything we hold about you, and ask us to erase or restrict it, on the Privacy page of your client area.",
    ].join("\n\n"),
  },
];

/**
 * The API key the demo's other site (host-examples/other-site) calls the hand-off with. Known
 * to anyone who reads this file, like the demo's passwords: `cabinet demo` alone adds it; a real
 * provider makes its own with `cabinet api-key create`.
 */
export const otherSiteDemoKey = { id: "key_demoorbitothersite01", secret: "orbit-demo-key-for-the-other-site-example01", name: "other-site demo" };

// Monthly parameter prices in the brand's currency (USD cents); a period's price is its base
// price plus each parameter's monthly price × the period's months.
const usd = (amount: number) => ({ USD: amount });
const cpu: ProductParameter = {
  key: "cpu",
  kind: "integer",
  label: "CPU cores",
  labels: { ru: "Ядра CPU" },
  unit: "cores",
  units: { ru: "ядер" },
  min: 1,
  max: 16,
  step: 1,
  default: 2,
  unitPrice: usd(200),
};
const ram: ProductParameter = {
  key: "ram",
  kind: "integer",
  label: "RAM",
  labels: { ru: "Оперативная память" },
  unit: "GB",
  units: { ru: "ГБ" },
  min: 1,
  max: 64,
  step: 1,
  default: 4,
  unitPrice: usd(100),
};
const disk = {
  key: "disk",
  kind: "integer",
  label: "Disk",
  labels: { ru: "Диск" },
  unit: "GB",
  units: { ru: "ГБ" },
  min: 20,
  max: 2000,
  step: 10,
  default: 80,
  unitPrice: usd(5),
} satisfies ProductParameter;
const os: ProductParameter = {
  key: "os",
  kind: "enum",
  label: "OS image",
  labels: { ru: "Образ ОС" },
  default: "debian-12",
  options: [
    { value: "debian-12", label: "Debian 12", price: usd(0) },
    { value: "ubuntu-24.04", label: "Ubuntu 24.04", price: usd(0) },
    { value: "alma-9", label: "AlmaLinux 9", price: usd(0) },
  ],
};
const backups: ProductParameter = {
  key: "backups",
  kind: "boolean",
  label: "Daily backups",
  labels: { ru: "Ежедневные резервные копии" },
  default: false,
  price: usd(300),
};
const dataCentre: ProductParameter = {
  key: "dc",
  kind: "enum",
  label: "Data centre",
  labels: { ru: "Дата-центр" },
  default: "ams-1",
  options: [
    { value: "ams-1", label: "Amsterdam", labels: { ru: "Амстердам" }, price: usd(0) },
    { value: "fra-1", label: "Frankfurt", labels: { ru: "Франкфурт" }, price: usd(500) },
  ],
};

/**
 * Base prices for 1, 3, 6 and 12 months: half a year is 10 % cheaper a month, a year 15 %. The
 * demo clients' services cost what these prices say (web-01: 300 + 2 × 200 + 4 × 100 + 80 × 5 +
 * 300 = 1800 a month), so a change's preview starts from the right price.
 */
function periodPrices(monthly: number, setupFee = 0): ProductPrice[] {
  const discounts: [number, number][] = [
    [1, 1],
    [3, 1],
    [6, 0.9],
    [12, 0.85],
  ];
  return discounts.map(([months, factor]) => ({ currency: "USD", periodMonths: months, amount: Math.round(monthly * months * factor), setupFee }));
}

export const demoProducts: {
  code: string;
  name: string;
  /** The demo brands offer Russian too: every name a client reads has its Russian. */
  names: LocalizedText;
  type: string;
  description: string;
  descriptions: LocalizedText;
  parameters: ProductParameter[];
  prices: ProductPrice[];
  downgradeRule: DowngradeRule;
  cancelRefund: CancelRefundRule;
}[] = [
  {
    code: "vps",
    name: "Cloud VPS",
    names: { ru: "Облачный VPS" },
    type: "vps",
    description: "KVM virtual server with NVMe storage.",
    descriptions: { ru: "Виртуальный сервер KVM с NVMe-хранилищем." },
    parameters: [cpu, ram, disk, os, backups],
    prices: periodPrices(300),
    downgradeRule: "next_renewal",
    cancelRefund: "prorated",
  },
  {
    code: "shared",
    name: "Shared Hosting",
    names: { ru: "Виртуальный хостинг" },
    type: "shared_hosting",
    description: "PHP hosting with e-mail and SSL.",
    descriptions: { ru: "PHP-хостинг с почтой и SSL." },
    parameters: [{ ...disk, min: 5, max: 100, step: 5, default: 10, unitPrice: usd(20) }],
    prices: [
      [1, 250],
      [3, 750],
      [6, 1350],
      [12, 2400],
    ].map(([periodMonths, amount]) => ({ currency: "USD", periodMonths, amount, setupFee: 0 })),
    downgradeRule: "now_with_credit",
    cancelRefund: "prorated",
  },
  {
    code: "dedicated",
    name: "Dedicated Server",
    names: { ru: "Выделенный сервер" },
    type: "dedicated",
    description: "A whole machine in our Amsterdam DC.",
    descriptions: { ru: "Целая машина в нашем дата-центре в Амстердаме." },
    parameters: [dataCentre, os],
    prices: periodPrices(12900, 5000),
    downgradeRule: "next_renewal",
    cancelRefund: "none",
  },
  {
    code: "domain",
    name: "Domain",
    names: { ru: "Домен" },
    type: "domain",
    description: "Domain registration and DNS.",
    descriptions: { ru: "Регистрация домена и DNS." },
    parameters: [],
    prices: [{ currency: "USD", periodMonths: 12, amount: 1500, setupFee: 0 }],
    downgradeRule: "next_renewal",
    cancelRefund: "none",
  },
];

interface DemoService {
  label: string;
  product: string;
  status: ServiceStatus;
  parameters: Record<string, string | number | boolean>;
  priceAmount: number;
  periodMonths: number;
  paidUntilDays: number | null;
  autoRenew: boolean;
}

/** A demo client's payer, as the payers API takes it. */
export interface DemoPayer {
  kind: "individual" | "company" | "sole_proprietor";
  name: string;
  address: string;
  country: string;
  registrationNumber?: string;
  vatNumber?: string;
  email?: string;
}

export const demoClients: {
  email: string;
  password: string;
  name: string;
  kind: "person" | "company";
  accountName: string;
  /** Who its invoices are made out to, the first the default (issue 13). */
  payers: DemoPayer[];
  services: DemoService[];
}[] = [
  {
    email: "alice@example.com",
    password: "northwind-demo",
    name: "Alice Moreau",
    kind: "person",
    accountName: "Alice Moreau",
    payers: [{ kind: "individual", name: "Alice Moreau", address: "Prinsengracht 263, 1016 GV Amsterdam", country: "NL", email: "alice@example.com" }],
    services: [
      {
        label: "web-01",
        product: "vps",
        status: "active",
        parameters: { cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true },
        priceAmount: 1800,
        periodMonths: 1,
        paidUntilDays: 21,
        autoRenew: true,
      },
      {
        label: "alice-blog.net",
        product: "shared",
        status: "active",
        parameters: { disk: 10 },
        priceAmount: 4800,
        periodMonths: 12,
        paidUntilDays: 200,
        autoRenew: false,
      },
      {
        label: "staging",
        product: "vps",
        status: "suspended",
        parameters: { cpu: 1, ram: 2, disk: 40, os: "ubuntu-24.04", backups: false },
        priceAmount: 900,
        periodMonths: 1,
        paidUntilDays: -5,
        autoRenew: false,
      },
      {
        label: "db-01",
        product: "dedicated",
        status: "pending_payment",
        parameters: { dc: "ams-1", os: "alma-9" },
        priceAmount: 12900,
        periodMonths: 1,
        paidUntilDays: null,
        autoRenew: true,
      },
      {
        label: "alice-old.org",
        product: "domain",
        status: "cancelled",
        parameters: {},
        priceAmount: 1500,
        periodMonths: 12,
        paidUntilDays: -40,
        autoRenew: false,
      },
    ],
  },
  {
    email: "bob@example.com",
    password: "northwind-demo",
    name: "Bob Lindqvist",
    kind: "company",
    accountName: "Globex LLC",
    payers: [
      {
        kind: "company",
        name: "Globex LLC",
        address: "1200 Market Street, Philadelphia, PA 19107",
        country: "US",
        registrationNumber: "EIN 12-3456789",
        email: "ap@globex.example",
      },
      // An EU business in another EU country than the provider's: its invoices are reverse charged.
      {
        kind: "company",
        name: "Globex Europe GmbH",
        address: "Friedrichstraße 68, 10117 Berlin",
        country: "DE",
        registrationNumber: "HRB 204 567 B",
        vatNumber: "DE298765431",
        email: "rechnungen@globex.example",
      },
    ],
    services: [
      {
        label: "globex-app",
        product: "vps",
        status: "active",
        parameters: { cpu: 4, ram: 8, disk: 200, os: "ubuntu-24.04", backups: true },
        priceAmount: 9600,
        periodMonths: 3,
        paidUntilDays: 45,
        autoRenew: true,
      },
      {
        label: "globex.example",
        product: "domain",
        status: "active",
        parameters: {},
        priceAmount: 1500,
        periodMonths: 12,
        paidUntilDays: 300,
        autoRenew: true,
      },
    ],
  },
  {
    // A new client whose first order waits for payment: its invoice is there to be paid.
    email: "carol@example.com",
    password: "northwind-demo",
    name: "Carol Okafor",
    kind: "person",
    accountName: "Carol Okafor",
    payers: [{ kind: "individual", name: "Carol Okafor", address: "Witte de Withstraat 50, 3012 BR Rotterdam", country: "NL" }],
    services: [
      {
        label: "carol-vps",
        product: "vps",
        status: "pending_payment",
        parameters: { cpu: 1, ram: 2, disk: 40, os: "debian-12", backups: false },
        priceAmount: 900,
        periodMonths: 1,
        paidUntilDays: null,
        autoRenew: true,
      },
    ],
  },
];
