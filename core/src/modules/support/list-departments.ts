import { inject, injectable } from "tsyringe";
import { DepartmentRepository } from "./department.repository.js";

/** The brand's support departments, in the order the brand gave them. */
@injectable()
export class ListDepartments {
  constructor(@inject(DepartmentRepository) private readonly departments: DepartmentRepository) {}

  async execute(brandId: string) {
    return { items: (await this.departments.list(brandId)).map((d) => ({ id: d.id, name: d.name })) };
  }
}
