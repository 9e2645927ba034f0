import { CabinetError } from "../../errors/cabinet-error.js";

/** A new password's rules, written once for sign-up, change and reset. */
export function checkNewPassword(password: string, minLength: number, path = "/password"): void {
  if (password.length < minLength) {
    throw new CabinetError("CAB_ERR_VALIDATION", { errors: [{ in: "body", path, message: `must have at least ${minLength} characters` }] });
  }
}
