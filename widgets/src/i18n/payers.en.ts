/**
 * English strings of `<cab-payers>` and the payer choice where an order is placed. Kept apart
 * from `en.ts` so they travel in those widgets' chunks.
 */
export const payersEn = {
  payers: {
    title: "Payers",
    signedOut: "Sign in to see who your invoices are made out to.",
    forbidden: "You do not have access to payers. Ask the account's owner for the finance permission.",
    intro:
      "Invoices and documents are made out to a payer: a person, a company or a sole proprietor. The default payer is used unless you choose another when ordering.",
    add: "Add a payer",
    edit: "Edit",
    makeDefault: "Make default",
    delete: "Delete",
    confirmDelete: (name: string) => `Delete “${name}”? Invoices already made out to it keep its details.`,
    confirm: "Delete",
    cancel: "Cancel",
    save: "Save",
    saving: "Saving…",
    isDefault: "Default",
    incomplete: "Add the address and country so invoices carry full details.",
    kinds: { individual: "Individual", company: "Company", sole_proprietor: "Sole proprietor" },
    kind: "Type",
    name: "Name",
    nameHintCompany: "The registered name",
    address: "Address",
    country: "Country",
    countryHint: "Two-letter code, e.g. DE",
    registrationNumber: "Registration number",
    vatNumber: "VAT number",
    vatHint: "With the country prefix, e.g. DE123456789. EU businesses in another EU country are invoiced without VAT (reverse charge).",
    email: "E-mail for documents",
    optional: "optional",
    makeDefaultOnSave: "Make this the default payer",
    newTitle: "New payer",
    editTitle: (name: string) => `Edit “${name}”`,
    saved: (name: string) => `“${name}” saved.`,
    deleted: (name: string) => `“${name}” deleted.`,
    vatInvalid: "This VAT number does not have the format of the chosen country's numbers (include the country prefix).",
    countryNotServed: (country: string) => `We do not serve payers in ${country}.`,
    defaultNotDeletable: "The default payer cannot be deleted: make another payer the default first.",
    openInvoices: (count: number) => (count === 1 ? "This payer has an open invoice: pay it first." : `This payer has ${count} open invoices: pay them first.`),
    empty: "No payers yet.",
    choose: "Invoice to",
    chooseHint: "Who the invoice is made out to",
  },
};

export type PayersMessages = typeof payersEn;
