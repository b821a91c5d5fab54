// Demo data: every demo certificate gets its signed verifiable credential (decision 036), so the
// demo's /verify pages offer a credential and the README's offline check has one to verify.
// Idempotent: certificates that already have a credential are left as they are.
import { backfillCredentials } from "~/modules/credentials/credentials.server";
import type { Db } from "~/utils/db.server";

export async function seedDemoCredentials(db: Db): Promise<number> {
  return backfillCredentials(db);
}
