import { CabinetError } from "../../errors/cabinet-error.js";
import { isValidVatNumber, normalizeVatNumber, servesCountry, type VatBrand } from "./payer.js";
import type { PayerDetails } from "./payer.repository.js";

/** A payer's details as a client sends them (the schema has checked their shape). */
export interface PayerInput {
  kind: PayerDetails["kind"];
  name: string;
  address: string;
  country: string;
  registrationNumber?: string | null;
  vatNumber?: string | null;
  email?: string | null;
}

/**
 * The details to store, or a 4xx: a VAT number that does not have the format of the payer's
 * country (400, naming the field), a country the brand does not serve (422). Checked before
 * anything is written.
 */
export function checkPayer(brand: VatBrand, input: PayerInput): PayerDetails {
  const vatNumber = input.vatNumber ? normalizeVatNumber(input.vatNumber) : null;
  if (vatNumber !== null && !isValidVatNumber(input.country, vatNumber)) {
    const message = `is not a VAT number of ${input.country} (expected its format, with the country prefix)`;
    throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path: "/vatNumber", message }] }, `The VAT number ${message}.`);
  }
  if (!servesCountry(brand, input.country)) {
    throw new CabinetError(
      "CAB_ERR_UNPROCESSABLE",
      { reason: "country not served", field: "country", country: input.country },
      `We do not serve payers in ${input.country}.`,
    );
  }
  const text = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);
  return {
    kind: input.kind,
    name: input.name.trim(),
    address: input.address.trim(),
    country: input.country,
    registrationNumber: text(input.registrationNumber),
    vatNumber,
    email: text(input.email),
  };
}
