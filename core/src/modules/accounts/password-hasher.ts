import argon2 from "argon2";

/** argon2id with the configured cost. `verifyNothing` spends the same time when no user matched. */
export class PasswordHasher {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly cost: { memoryCostKiB: number; timeCost: number }) {}

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.cost.memoryCostKiB, timeCost: this.cost.timeCost });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash is a failed sign-in, not a crash
    }
  }

  /** Verifies against a throw-away hash, so an unknown e-mail takes as long as a wrong password. */
  async verifyNothing(password: string): Promise<false> {
    this.dummyHash ??= this.hash("no user has this password");
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
