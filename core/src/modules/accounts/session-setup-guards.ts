import { CabinetError } from "../../errors/cabinet-error.js";
import type { SessionGuard } from "../../kernel/session-guard.js";
import type { AuthContext } from "./auth-context.js";

/**
 * The brand requires a second factor and this user has none yet: 403
 * `CAB_ERR_TWO_FACTOR_SETUP_REQUIRED` on every route but those exempt from `two-factor-setup`
 * (the ones that turn it on) or from every guard (`/me`, sign-out, the session).
 */
export const twoFactorSetupGuard: SessionGuard = {
  name: "two-factor-setup",
  async check(caller) {
    if ((caller as AuthContext).secondFactorMissing) throw new CabinetError("CAB_ERR_TWO_FACTOR_SETUP_REQUIRED");
  },
};

/**
 * The owner handed this user a password to change first: 403 `CAB_ERR_PASSWORD_CHANGE_REQUIRED`
 * on every route but those exempt from `password-change` (the change itself) or from every guard.
 */
export const passwordChangeGuard: SessionGuard = {
  name: "password-change",
  async check(caller) {
    if ((caller as AuthContext).mustChangePassword) throw new CabinetError("CAB_ERR_PASSWORD_CHANGE_REQUIRED");
  },
};
