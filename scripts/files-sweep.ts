// Removes file bytes that no row references and purges soft-deleted files past their retention
// (app/modules/files/sweep.server.ts, docs/decisions/022). Dry run unless --apply.
//
//   npm run files:sweep [-- --apply] [--grace-hours 24] [--retention-days 30]
//
// Uses the app's DATABASE_URL and DATA_DIR, like the server.
import { parseArgs } from "node:util";
import { z } from "zod";
import { formatSweepReport, sweepFiles } from "~/modules/files/sweep.server";
import { prisma } from "~/utils/db.server";

const ArgsSchema = z.object({
  apply: z.boolean().default(false),
  "grace-hours": z.coerce
    .number({ message: "--grace-hours must be a number" })
    .min(0, "--grace-hours must be 0 or more")
    .default(24),
  "retention-days": z.coerce
    .number({ message: "--retention-days must be a number" })
    .min(0, "--retention-days must be 0 or more")
    .default(30),
});

async function main() {
  const { values } = parseArgs({
    options: { apply: { type: "boolean" }, "grace-hours": { type: "string" }, "retention-days": { type: "string" } },
    strict: true,
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("\n"));
  const args = parsed.data;
  const report = await sweepFiles(prisma, {
    apply: args.apply,
    graceMs: args["grace-hours"] * 3600_000,
    retentionMs: args["retention-days"] * 86400_000,
  });
  for (const line of formatSweepReport(report)) console.log(line);
  if (report.errors.length) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
