import { inject, injectable } from "tsyringe";
import QRCode from "qrcode";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { Reauthenticate, type Reauthentication } from "./reauthenticate.js";
import { TwoFactorRepository } from "./two-factor.repository.js";
import { newTotpSecret, totpUri } from "./totp.js";
import type { AuthContext } from "./auth-context.js";

/**
 * First step of turning TOTP on (after re-authentication): a new secret, its `otpauth://` URI
 * and that URI as a QR code drawn here, in SVG — the secret never goes to a third-party QR
 * service. Nothing is on until a code from the app confirms it.
 */
@injectable()
export class StartTwoFactorSetup {
  constructor(
    @inject(Reauthenticate) private readonly reauthenticate: Reauthenticate,
    @inject(TwoFactorRepository) private readonly twoFactor: TwoFactorRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(auth: AuthContext, brand: Brand, ip: string, given: Reauthentication) {
    const user = await this.reauthenticate.execute(auth, ip, given);
    const secret = newTotpSecret();
    if (!(await this.twoFactor.startSetup(user.id, secret, this.clock.now()))) throw new CabinetError("CAB_ERR_TWO_FACTOR_STATE", { enabled: true });
    const otpauthUrl = totpUri(secret, user.email, brand.name);
    const qrSvg = await QRCode.toString(otpauthUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    return { secret, otpauthUrl, qrSvg };
  }
}
