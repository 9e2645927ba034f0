import { inject, injectable } from "tsyringe";
import type { ClientAuthenticator } from "../../http/callers.js";
import { hasRight, type AuthContext, type RightAction, type Section } from "./auth-context.js";
import { Authenticate } from "./authenticate.js";

/** The accounts module's answer to the HTTP layer's `ClientAuthenticator` (registered under `TOKENS.ClientAuthenticator`). */
@injectable()
export class SessionAuthenticator implements ClientAuthenticator {
  constructor(@inject(Authenticate) private readonly authenticator: Authenticate) {}

  authenticate(token: string, via: AuthContext["via"]): Promise<AuthContext | undefined> {
    return this.authenticator.execute(token, via);
  }

  hasRight(caller: AuthContext, section: Section, action: RightAction): boolean {
    return hasRight(caller, section, action);
  }

  isOwner(caller: AuthContext): boolean {
    return caller.role === "owner" && !caller.staffId;
  }
}
