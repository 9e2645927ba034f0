import type { ProductParameter } from "../modules/catalog/product.repository.js";
import type { ServiceStatus } from "../modules/services/service.js";

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
  },
  vatRateBp: 2100,
  vatInclusive: true,
  invoicePrefix: "NW",
  topUp: { min: 500, max: 500_000 },
};

const cpu: ProductParameter = { code: "cpu", kind: "integer", label: "CPU cores", unit: "cores", min: 1, max: 16, step: 1, default: 2 };
const ram: ProductParameter = { code: "ram", kind: "integer", label: "RAM", unit: "GB", min: 1, max: 64, step: 1, default: 4 };
const disk: ProductParameter = { code: "disk", kind: "integer", label: "Disk", unit: "GB", min: 20, max: 2000, step: 10, default: 80 };
const os: ProductParameter = { code: "os", kind: "enum", label: "OS image", values: ["debian-12", "ubuntu-24.04", "alma-9"], default: "debian-12" };
const backups: ProductParameter = { code: "backups", kind: "boolean", label: "Daily backups", default: false };

export const demoProducts = [
  { code: "vps", name: "Cloud VPS", type: "vps", description: "KVM virtual server with NVMe storage.", parameters: [cpu, ram, disk, os, backups] },
  { code: "shared", name: "Shared Hosting", type: "shared_hosting", description: "PHP hosting with e-mail and SSL.", parameters: [{ ...disk, min: 5, max: 100, step: 5, default: 10 }] },
  { code: "dedicated", name: "Dedicated Server", type: "dedicated", description: "A whole machine in our Amsterdam DC.", parameters: [{ code: "dc", kind: "enum", label: "Data centre", values: ["ams-1", "fra-1"], default: "ams-1" } as ProductParameter, os] },
  { code: "domain", name: "Domain", type: "domain", description: "Domain registration and DNS.", parameters: [] },
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

export const demoClients: {
  email: string;
  password: string;
  name: string;
  kind: "person" | "company";
  accountName: string;
  services: DemoService[];
}[] = [
  {
    email: "alice@example.com",
    password: "northwind-demo",
    name: "Alice Moreau",
    kind: "person",
    accountName: "Alice Moreau",
    services: [
      { label: "web-01", product: "vps", status: "active", parameters: { cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }, priceAmount: 1800, periodMonths: 1, paidUntilDays: 21, autoRenew: true },
      { label: "alice-blog.net", product: "shared", status: "active", parameters: { disk: 10 }, priceAmount: 4800, periodMonths: 12, paidUntilDays: 200, autoRenew: false },
      { label: "staging", product: "vps", status: "suspended", parameters: { cpu: 1, ram: 2, disk: 40, os: "ubuntu-24.04", backups: false }, priceAmount: 900, periodMonths: 1, paidUntilDays: -5, autoRenew: false },
      { label: "db-01", product: "dedicated", status: "pending_payment", parameters: { dc: "ams-1", os: "alma-9" }, priceAmount: 12900, periodMonths: 1, paidUntilDays: null, autoRenew: true },
      { label: "alice-old.org", product: "domain", status: "cancelled", parameters: {}, priceAmount: 1500, periodMonths: 12, paidUntilDays: -40, autoRenew: false },
    ],
  },
  {
    email: "bob@example.com",
    password: "northwind-demo",
    name: "Bob Lindqvist",
    kind: "company",
    accountName: "Globex LLC",
    services: [
      { label: "globex-app", product: "vps", status: "active", parameters: { cpu: 8, ram: 32, disk: 500, os: "ubuntu-24.04", backups: true }, priceAmount: 9600, periodMonths: 3, paidUntilDays: 45, autoRenew: true },
      { label: "globex.example", product: "domain", status: "active", parameters: {}, priceAmount: 1500, periodMonths: 12, paidUntilDays: 300, autoRenew: true },
    ],
  },
  {
    // A new client whose first order waits for payment: its invoice is there to be paid.
    email: "carol@example.com",
    password: "northwind-demo",
    name: "Carol Okafor",
    kind: "person",
    accountName: "Carol Okafor",
    services: [
      { label: "carol-vps", product: "vps", status: "pending_payment", parameters: { cpu: 1, ram: 2, disk: 40, os: "debian-12", backups: false }, priceAmount: 900, periodMonths: 1, paidUntilDays: null, autoRenew: true },
    ],
  },
];
