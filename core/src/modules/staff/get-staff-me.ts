import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { StaffRepository } from "./staff.repository.js";
import type { StaffAuthContext, StaffMember } from "./staff-member.js";

/** The signed-in staff member and their brand: what a staff console shows in its header. */
@injectable()
export class GetStaffMe {
  constructor(@inject(StaffRepository) private readonly staff: StaffRepository) {}

  async execute(auth: Pick<StaffAuthContext, "brandId" | "staffId">): Promise<StaffMember> {
    const member = await this.staff.find(auth.brandId, auth.staffId);
    if (!member) throw new CabinetError("CAB_ERR_UNAUTHENTICATED");
    return member;
  }
}

export function describeStaffMe(member: StaffMember, brand: Brand, session: { expiresAt: number }) {
  return {
    staff: { id: member.id, email: member.email, name: member.name, role: member.role },
    brand: { slug: brand.slug, name: brand.name },
    session: { expiresAt: new Date(session.expiresAt).toISOString() },
  };
}
