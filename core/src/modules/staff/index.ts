/** The staff module's public face: the provider's own people, their sign-in and roles. Other modules import only this file. */
import { defineModule } from "../../kernel/cabinet-module.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { StaffAuthContext } from "./staff-member.js";
import { StaffSessionAuthenticator } from "./staff-session-authenticator.js";
import { staffAuthRoutes } from "./staff.routes.js";

export * from "./staff-member.js";
export * from "./create-staff-member.js";
export { demoStaff } from "./demo-staff.js";
export { FindStaffMember } from "./find-staff-member.js";

// Staff route handlers see the full StaffAuthContext where the HTTP layer knows only a StaffCaller.
declare module "../../http/callers.js" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface StaffCaller extends StaffAuthContext {}
}

export const staffModule = defineModule({
  name: "staff",
  routes: staffAuthRoutes,
  provide(container) {
    container.register(TOKENS.StaffAuthenticator, { useClass: StaffSessionAuthenticator });
  },
});
