import { inject, injectable } from "tsyringe";
import type { StaffAuthenticator } from "../../http/callers.js";
import { AuthenticateStaff } from "./authenticate-staff.js";
import type { StaffAuthContext, StaffRole } from "./staff-member.js";

/** The staff module's answer to the HTTP layer's `StaffAuthenticator` (registered under `TOKENS.StaffAuthenticator`). */
@injectable()
export class StaffSessionAuthenticator implements StaffAuthenticator {
  constructor(@inject(AuthenticateStaff) private readonly authenticator: AuthenticateStaff) {}

  authenticate(token: string): Promise<StaffAuthContext | undefined> {
    return this.authenticator.execute(token);
  }

  hasRole(caller: StaffAuthContext, roles: StaffRole[]): boolean {
    return roles.includes(caller.role);
  }
}
