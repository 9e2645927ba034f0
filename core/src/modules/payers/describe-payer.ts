import type { Payer } from "./payer.js";

export function describePayer(p: Payer) {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    address: p.address,
    country: p.country,
    registrationNumber: p.registrationNumber,
    vatNumber: p.vatNumber,
    email: p.email,
    isDefault: p.isDefault,
    deleted: p.deletedAt !== null,
    createdAt: new Date(p.createdAt).toISOString(),
    updatedAt: new Date(p.updatedAt).toISOString(),
  };
}
