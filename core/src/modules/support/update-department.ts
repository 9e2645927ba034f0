import { inject, injectable } from "tsyringe";
import { CabinetError } from "../../errors/cabinet-error.js";
import { checkTranslations, type LocalizedText } from "../../kernel/localized-text.js";
import type { StaffAuthContext } from "../staff/index.js";
import { DepartmentRepository } from "./department.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

/**
 * Staff rename a department of their brand: `name` in the brand's default locale, `names` in its
 * others (the whole map; `{}` drops them). A locale the brand does not offer is 400 and nothing
 * changes; another brand's department is 404. Tickets show the new name at once.
 */
@injectable()
export class UpdateDepartment {
  constructor(@inject(DepartmentRepository) private readonly departments: DepartmentRepository) {}

  async execute(auth: Pick<StaffAuthContext, "brandId">, id: string, change: { name?: string; names?: LocalizedText }, locales: readonly string[]) {
    checkTranslations(locales, [{ path: "/names", texts: change.names }]);
    const name = change.name?.trim();
    if (!(await this.departments.setNames(auth.brandId, id, { ...change, name }))) throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "department", id });
    const department = findOrFail(await this.departments.find(auth.brandId, id), "department", id);
    return { id: department.id, code: department.code, name: department.name, names: department.names };
  }
}
