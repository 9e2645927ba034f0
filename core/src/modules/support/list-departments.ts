import { inject, injectable } from "tsyringe";
import { textIn } from "../../kernel/localized-text.js";
import { DepartmentRepository } from "./department.repository.js";

/** The brand's support departments, in the order the brand gave them, named in `locale`. */
@injectable()
export class ListDepartments {
  constructor(@inject(DepartmentRepository) private readonly departments: DepartmentRepository) {}

  async execute(brandId: string, locale: string) {
    return { items: (await this.departments.list(brandId)).map((d) => ({ id: d.id, name: textIn(d.name, d.names, locale) })) };
  }
}
