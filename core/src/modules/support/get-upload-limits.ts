import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { CabinetConfig } from "../../config/config.schema.js";
import type { UploadLimits } from "../../http/multipart.js";
import { DepartmentRepository } from "./department.repository.js";

/** A brand's attachment limits: its own (`support_settings`) where set, else the config's. */
@injectable()
export class GetUploadLimits {
  constructor(
    @inject(DepartmentRepository) private readonly departments: DepartmentRepository,
    @inject(TOKENS.Config) private readonly config: CabinetConfig,
  ) {}

  async execute(brandId: string): Promise<UploadLimits> {
    const own = await this.departments.attachmentLimits(brandId);
    return { fileBytes: own.maxBytes ?? this.config.support.attachmentMaxBytes, files: own.perMessage ?? this.config.support.attachmentsPerMessage };
  }
}
