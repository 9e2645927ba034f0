import { inject, injectable } from "tsyringe";
import { StaffRepository } from "./staff.repository.js";
import type { StaffMember } from "./staff-member.js";

/** A staff member of a brand, by id (another brand's answers undefined): for other modules, without the staff tables. */
@injectable()
export class FindStaffMember {
  constructor(@inject(StaffRepository) private readonly staff: StaffRepository) {}

  async execute(brandId: string, staffId: string): Promise<Pick<StaffMember, "id" | "brandId" | "name" | "role" | "status"> | undefined> {
    const member = await this.staff.find(brandId, staffId);
    return member && { id: member.id, brandId: member.brandId, name: member.name, role: member.role, status: member.status };
  }
}
