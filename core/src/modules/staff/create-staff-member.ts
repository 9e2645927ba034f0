import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import { isUniqueViolation } from "../../db/errors.js";
import { newId } from "../../kernel/ids.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { PasswordHasher } from "../accounts/index.js";
import { BrandDirectory } from "../brands/index.js";
import { StaffRepository } from "./staff.repository.js";
import { staffRoles, type StaffMember, type StaffRole } from "./staff-member.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export interface NewStaffMemberInput {
  brandSlug: string;
  email: string;
  name: string;
  role: string;
  password: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,60}$/;

/**
 * Adds a staff member to a brand (the `cabinet create-staff` command). Idempotent per brand and
 * e-mail: a member who exists is left exactly as they are (`created: false`) — running the
 * command again never resets a password or changes a role by accident.
 */
@injectable()
export class CreateStaffMember {
  constructor(
    @inject(StaffRepository) private readonly staff: StaffRepository,
    @inject(BrandDirectory) private readonly brands: BrandDirectory,
    @inject(TOKENS.PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(input: NewStaffMemberInput): Promise<{ member: StaffMember; created: boolean }> {
    const brand = await this.brands.bySlug(input.brandSlug);
    if (!brand) throw invalid("brand", `no brand has the slug "${input.brandSlug}"`);
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw invalid("email", "is not an e-mail address");
    const existing = await this.staff.findByEmail(brand.id, email);
    if (existing) return { member: existing, created: false };

    const name = input.name.trim();
    if (!name || name.length > 200) throw invalid("name", "must have 1 to 200 characters");
    if (!(staffRoles as readonly string[]).includes(input.role)) throw invalid("role", `must be one of ${staffRoles.join(", ")}`);
    if (input.password.length < this.config.auth.passwordMinLength || input.password.length > 256) {
      throw invalid("password", `must have ${this.config.auth.passwordMinLength} to 256 characters`);
    }
    const now = this.clock.now();
    const member: StaffMember = {
      id: newId("stf", now),
      brandId: brand.id,
      email,
      name,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role as StaffRole,
      status: "active",
      createdAt: now,
    };
    try {
      await this.staff.insert(member);
    } catch (error) {
      // Created by a concurrent run between our read and our insert: that one stands.
      if (!isUniqueViolation(error)) throw error;
      return { member: findOrFail(await this.staff.findByEmail(brand.id, email), "staff member", email), created: false };
    }
    return { member, created: true };
  }
}

function invalid(field: string, message: string): CabinetError {
  return new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "input", path: `/${field}`, message }] }, `${field} ${message}`);
}
