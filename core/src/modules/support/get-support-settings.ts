import { inject, injectable } from "tsyringe";
import type { StaffAuthContext } from "../staff/index.js";
import { DepartmentRepository } from "./department.repository.js";
import { GetUploadLimits } from "./get-upload-limits.js";

/** A brand's support settings as staff see them: its own values and the limits in force. */
@injectable()
export class GetSupportSettings {
  constructor(
    @inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @inject(GetUploadLimits) private readonly limits: GetUploadLimits,
  ) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">) {
    const own = await this.departments.attachmentLimits(auth.brandId);
    const effective = await this.limits.execute(auth.brandId);
    return {
      attachmentMaxBytes: own.maxBytes,
      attachmentsPerMessage: own.perMessage,
      effective: { attachmentMaxBytes: effective.fileBytes, attachmentsPerMessage: effective.files },
    };
  }
}
