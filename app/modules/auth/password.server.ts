// Password hashing with argon2id (@node-rs/argon2 ships a prebuilt binary inside the npm
// package, so it installs offline). Parameters follow OWASP's argon2id minimum (19 MiB, t=2).
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// Algorithm.Argon2id = 2 (const enum in the typings; spelled out so isolatedModules is happy).
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...OPTIONS, algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function verifyAgainstDummy(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false);
}
