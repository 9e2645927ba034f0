import { injectable } from "tsyringe";

/**
 * Whether a user has a second factor on, and checking a code against it. Until TOTP lands this
 * says "off" for everyone.
 */
@injectable()
export class SecondFactorCheck {
  async isOn(_userId: string): Promise<boolean> {
    return false;
  }

  async verify(_userId: string, _ip: string, _code: string, refuse: () => Error): Promise<void> {
    throw refuse();
  }
}
