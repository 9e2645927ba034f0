import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { ExtensionRegistry } from "../../kernel/extension-registry.js";
import type { AuthProvider } from "../../extension-points/auth-provider.js";

/** The `auth-provider` implementations the plugins registered, as each brand offers them. */
@injectable()
export class AuthProviders {
  constructor(@inject(TOKENS.Extensions) private readonly extensions: ExtensionRegistry) {}

  forBrand(brandSlug: string): AuthProvider[] {
    return this.extensions.list("auth-provider").filter((p) => !p.brands || p.brands.includes(brandSlug));
  }

  find(brandSlug: string, id: string): AuthProvider | undefined {
    return this.forBrand(brandSlug).find((p) => p.id === id);
  }
}
