// The installation's signing keys: npm run signing-key -- <list|rotate>.
// See app/modules/signing/keys-cli.server.ts and README "Verifying a certificate offline".
// Reads DATABASE_URL (and SIGNING_KEY, APP_URL) like the app.
import { runSigningKeyCli } from "~/modules/signing/keys-cli.server";
import { prisma } from "~/utils/db.server";

try {
  const outcome = await runSigningKeyCli(process.argv.slice(2));
  for (const line of outcome.lines) (outcome.exitCode === 2 ? console.error : console.log)(line);
  process.exitCode = outcome.exitCode;
} finally {
  await prisma.$disconnect();
}
