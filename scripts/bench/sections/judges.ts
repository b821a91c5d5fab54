// The judges' scenario: N judges (100 by default), each in their own session, autosave their
// score sheet every 2 s for 60 s through the same request the score sheet page's fetcher sends
// (POST <sheet URL>.data, intent=autosave, the version the last save returned). Afterwards the
// database must hold, for every judge, exactly the last acknowledged save (version, score,
// comment): anything else is a lost or silently overwritten save.
import { decode } from "turbo-stream";
import { firstRow } from "../../../app/utils/arrays";
import { fmt, pct, type Row, type Section } from "../context";
import { generateJudging } from "../data";
import { load, percentile } from "../load";
import { cpuMs } from "../servers";
import { BARE } from "./public-paths";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ack {
  version: number;
  score: number;
  comment: string;
}

/** The action's answer, decoded as Remix's client decodes single-fetch responses. */
async function savedVersion(res: Response): Promise<number | null> {
  if (!res.body) return null;
  const decoded = await decode(res.body, {
    plugins: [(type: string, ...rest: unknown[]) => ({ value: { type, rest } })],
  });
  await decoded.done;
  const value = decoded.value as { data?: { saved?: { version?: number } | null } };
  return typeof value?.data?.saved?.version === "number" ? value.data.saved.version : null;
}

export const judgesSection: Section = {
  name: "judges",
  async run(ctx) {
    const { judges: count, judgeSeconds, judgeEverySeconds } = ctx.opts;
    const fixture = await generateJudging(ctx.database.db, count);
    const latencies: number[] = [];
    const acks = new Map<number, Ack>();
    let posts = 0;
    let errors = 0;
    let conflicts = 0;
    const statuses = new Map<number, number>();
    const cpu0 = cpuMs(ctx.app.pid);
    const started = performance.now();
    const end = started + judgeSeconds * 1000;

    await Promise.all(
      fixture.judges.map(async (judge, k) => {
        const url = `${ctx.app.url}/judge/rounds/${fixture.roundId}/entries/${judge.entryId}.data`;
        const first = firstRow(judge.items, "the judge's sheet items");
        let version = 0;
        let n = 0;
        let next = started + (k / fixture.judges.length) * judgeEverySeconds * 1000;
        for (;;) {
          await sleep(Math.max(0, next - performance.now()));
          if (performance.now() >= end) return;
          n++;
          const score = (n % (first.max * 2 + 1)) / 2;
          const comment = `Giám khảo ${k + 1}: lưu lần ${n}`;
          const body = new URLSearchParams({
            intent: "autosave",
            version: String(version),
            [`score_${first.code.replace(/\./g, "_")}`]: String(score),
            comment,
          });
          const t0 = performance.now();
          posts++;
          try {
            const res = await fetch(url, {
              method: "POST",
              body,
              headers: {
                Cookie: judge.cookie,
                Origin: ctx.app.url,
                "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
              },
            });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const saved = res.status === 200 ? await savedVersion(res) : (await res.arrayBuffer(), null);
            latencies.push(performance.now() - t0);
            if (saved === null) {
              errors++;
              if (res.status === 409) conflicts++;
            } else {
              version = saved;
              acks.set(k, { version: saved, score, comment });
            }
          } catch {
            errors++;
          }
          next += judgeEverySeconds * 1000;
        }
      }),
    );
    const cpuPerSave = posts ? (cpuMs(ctx.app.pid) - cpu0) / posts : NaN;
    const sheets = await ctx.database.db.scoreSheet.findMany({
      where: { roundId: fixture.roundId },
      select: {
        juryMemberId: true,
        version: true,
        scores: true,
        comment: true,
        juryMember: { select: { userId: true } },
      },
    });
    const byUser = new Map(sheets.map((s) => [s.juryMember.userId, s]));
    let lost = 0;
    fixture.judges.forEach((judge, k) => {
      const ack = acks.get(k);
      const sheet = byUser.get(judge.userId);
      if (!ack) return void (sheet ? lost++ : undefined); // stored without an acknowledgement: an overwrite nobody saw
      const stored = sheet?.scores as Record<string, unknown> | undefined;
      if (
        !sheet ||
        sheet.version !== ack.version ||
        sheet.comment !== ack.comment ||
        Number(stored?.[firstRow(judge.items, "the judge's sheet items").code]) !== ack.score
      )
        lost++;
    });
    let bareCpu = ctx.shared.bareCpuPerRequestMs;
    if (bareCpu === undefined) {
      const b = await load(ctx.bare, BARE, { connections: ctx.opts.connections, amount: 3000 });
      bareCpu = b.cpuPerRequestMs;
    }
    const p95 = percentile(latencies, 95);
    ctx.log(
      `  ${posts} autosaves by ${count} judges in ${judgeSeconds} s; statuses ${[...statuses].map(([s, c]) => `${s}×${c}`).join(", ")}`,
    );
    if ([...statuses.keys()].some((s) => s >= 500))
      ctx.log(`  the app's last output:\n${ctx.app.logTail(30).replace(/^/gm, "    | ")}`);
    return [
      {
        metric: `judges: autosaves (${count} judges × every ${judgeEverySeconds} s × ${judgeSeconds} s)`,
        app: String(posts),
        pass: null,
      },
      {
        metric: "  errors (non-200 answers or no version)",
        app: `${errors}${conflicts ? ` (${conflicts} conflicts)` : ""}`,
        target: "0",
        pass: errors === 0,
      },
      { metric: "  lost or silently overwritten saves", app: String(lost), target: "0", pass: lost === 0 },
      {
        metric: "  p50 / p95 ms per save",
        app: `${fmt(percentile(latencies, 50))} / ${fmt(p95)}`,
        target: "p95 < 50",
        pass: p95 < 50,
      },
      {
        metric: "  server CPU ms per save",
        baseline: fmt(bareCpu, 2),
        app: fmt(cpuPerSave, 2),
        ratio: `${fmt(cpuPerSave / bareCpu, 1)}× (${pct(cpuPerSave / bareCpu)})`,
        target: "≤ 3×",
        pass: cpuPerSave / bareCpu <= 3,
      },
    ] satisfies Row[];
  },
};
