import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { StaffAuthContext } from "../staff/index.js";
import { DepartmentRepository } from "./department.repository.js";

export interface SupportSettings {
  /** The brand's own limits; null falls back to the config's default. */
  attachmentMaxBytes: number | null;
  attachmentsPerMessage: number | null;
}

/** Sets the brand's own attachment limits (an admin's call); null returns one to the config's default. */
@injectable()
export class UpdateSupportSettings {
  constructor(
    @inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, settings: SupportSettings): Promise<void> {
    await this.departments.setAttachmentLimits(
      auth.brandId,
      { maxBytes: settings.attachmentMaxBytes, perMessage: settings.attachmentsPerMessage },
      this.clock.now(),
    );
  }
}
