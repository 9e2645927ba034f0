import type { Knex } from "knex";
import * as foundation from "./001_foundation.js";
import * as ledger from "./002_ledger.js";
import * as paymentsAndInvoices from "./003_payments_and_invoices.js";
import * as documents from "./004_documents.js";
import * as staff from "./005_staff.js";
import * as services from "./006_services.js";
import * as billingRun from "./007_billing_run.js";
import * as support from "./008_support.js";
import * as notifications from "./009_notifications.js";
import * as idempotentRequests from "./010_idempotent_requests.js";
import * as recovery from "./011_recovery.js";
import * as billingHistoryIndexes from "./012_billing_history_indexes.js";
import * as embedding from "./013_embedding.js";
import * as accountSecurity from "./014_account_security.js";
import * as privacy from "./015_privacy.js";
import * as access from "./016_access.js";
import * as payers from "./017_payers.js";
import * as servicePanels from "./018_service_panels.js";
import * as paymentInvoices from "./019_payment_invoices.js";
import * as servicePayer from "./020_service_payer.js";
import * as cancelRefund from "./021_cancel_refund.js";
import * as localTexts from "./022_local_texts.js";
import * as ledgerMonthly from "./023_ledger_monthly.js";
import * as catalogNames from "./024_catalog_names.js";
import * as notificationSource from "./025_notification_source.js";
import * as ledgerPayers from "./026_ledger_payers.js";

/** One migration, imported statically so tsc output, vitest and the CLI all see the same names. */
export interface NamedMigration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** The core's migrations, in order. Append; never rename or edit one that has shipped. */
export const coreMigrations: NamedMigration[] = [
  { name: "001_foundation", ...foundation },
  { name: "002_ledger", ...ledger },
  { name: "003_payments_and_invoices", ...paymentsAndInvoices },
  { name: "004_documents", ...documents },
  { name: "005_staff", ...staff },
  { name: "006_services", ...services },
  { name: "007_billing_run", ...billingRun },
  { name: "008_support", ...support },
  { name: "009_notifications", ...notifications },
  { name: "010_idempotent_requests", ...idempotentRequests },
  { name: "011_recovery", ...recovery },
  { name: "012_billing_history_indexes", ...billingHistoryIndexes },
  { name: "013_embedding", ...embedding },
  { name: "014_account_security", ...accountSecurity },
  { name: "015_privacy", ...privacy },
  { name: "016_access", ...access },
  { name: "017_payers", ...payers },
  { name: "018_service_panels", ...servicePanels },
  { name: "019_payment_invoices", ...paymentInvoices },
  { name: "020_service_payer", ...servicePayer },
  { name: "021_cancel_refund", ...cancelRefund },
  { name: "022_local_texts", ...localTexts },
  { name: "023_ledger_monthly", ...ledgerMonthly },
  { name: "024_catalog_names", ...catalogNames },
  { name: "025_notification_source", ...notificationSource },
  { name: "026_ledger_payers", ...ledgerPayers },
];
