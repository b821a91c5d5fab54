// Verifies a certificate's credential offline: npm run verify-credential -- <file> [options].
// See app/modules/credentials/verify-cli.server.ts and README "Verifying a certificate offline".
import { runVerifyCredential } from "~/modules/credentials/verify-cli.server";

const outcome = await runVerifyCredential(process.argv.slice(2));
for (const line of outcome.lines) (outcome.exitCode === 2 ? console.error : console.log)(line);
process.exitCode = outcome.exitCode;
