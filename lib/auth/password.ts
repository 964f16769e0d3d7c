import { hash, verify } from "@node-rs/argon2";
import { InvalidInputError } from "../errors";

// Staff passwords: argon2id (OWASP parameters: 19 MiB, 2 passes). Length is what makes a password
// strong, so there is a minimum length and no composition rules.

export const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;
const ARGON2ID = 2;

export function checkNewPassword(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) throw new InvalidInputError(`Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new InvalidInputError(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

// A fixed hash to verify against when the account does not exist, so both cases take as long.
const NO_ACCOUNT_HASH = "$argon2id$v=19$m=19456,t=2,p=1$9NMyQP+kfJ8bV/FqgRtsgg$A2xhMHf7C7x0TUkquMuU6xdoPVA4hjozPSKXssTYcbs";

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  const matches = await verify(passwordHash ?? NO_ACCOUNT_HASH, password).catch(() => false);
  return matches && !!passwordHash;
}
