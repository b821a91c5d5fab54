// The outbox backlog for /metrics, read at scrape time: messages per status, grouped by whatever
// the status column holds (so a new status shows up without touching this file). An alert on
// the count of unsent or failed messages is the operator's signal that mail is not leaving.
import type { MetricSample } from "~/utils/metrics.server";
import { prisma, type Db } from "~/utils/db.server";

export async function outboxBacklogSamples(db: Db = prisma): Promise<MetricSample[]> {
  const rows = await db.mailMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return rows.map((row) => ({
    name: "mail_outbox_messages",
    help: "Messages in the mail outbox, by status (read from the database at scrape time).",
    labels: { status: String(row.status) },
    value: row._count._all,
  }));
}
