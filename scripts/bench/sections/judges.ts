// The judges' scenario: N judges (100 by default), each in their own session, autosave their
// score sheet every 2 s for 60 s through the same request the score sheet page's fetcher sends
// (POST <sheet URL>.data, intent=autosave, the version the last save returned). Afterwards the
// database must hold, for every judge, exactly the last acknowledged save (version, score,
// comment): anything else is a lost or silently overwritten save.
//
// CPU per save is compared with the bare route's CPU per request measured **in this section,
// with the same pattern** (N clients, one request each every 2 s, spread over the interval), in
// alternating phases: bare, autosaves, bare, autosaves, … (the autosave phases add up to the
// scenario's 60 s); the ratio is the median of the pairs'. Before (until 6 Dec 2026) the
// baseline was the bare route under autocannon's 32 saturating connections, taken from the
// paths section minutes earlier (or after the scenario with --only judges): a server answering
// back-to-back requests spends less CPU per request (one wake-up serves many, the JIT and
// caches stay hot) than one woken for each request of a paced load, and the machine's load had
// moved by then. That figure is still printed, as information. Every judge's first save (which
// creates the sheet, once per sheet) is its own phase and its own row; it is not in the pairs.
// Sessions are rows made by the fixture (no log-in) and no page is loaded: only saves are
// measured.
import os from "node:os";
import { decode } from "turbo-stream";
import { firstRow, itemAt } from "../../../app/utils/arrays";
import { fmt, type Row, type Section } from "../context";
import { generateJudging } from "../data";
import { load, median, percentile } from "../load";
import { cpuMs, type Server } from "../servers";
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

/**
 * `clients` clients, client k first at k/clients of an interval, then one request every
 * `everyMs`, for `seconds`; waits for every answer. Returns the server's CPU ms and the requests sent.
 */
async function paced(
  server: Server,
  clients: number,
  seconds: number,
  everyMs: number,
  send: (k: number) => Promise<void>,
  /** At most this many requests per client (the first saves: one each, whatever the clock says). */
  perClient = Infinity,
): Promise<{ cpuMs: number; requests: number }> {
  let requests = 0;
  const cpu0 = cpuMs(server.pid);
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      let next = started + (k / clients) * everyMs;
      for (let sent = 0; sent < perClient; sent++) {
        await sleep(Math.max(0, next - performance.now()));
        if (performance.now() >= end) return;
        requests++;
        await send(k);
        next += everyMs;
      }
    }),
  );
  return { cpuMs: cpuMs(server.pid) - cpu0, requests };
}

export const judgesSection: Section = {
  name: "judges",
  async run(ctx) {
    const { judges: count, judgeSeconds, judgeEverySeconds } = ctx.opts;
    const everyMs = judgeEverySeconds * 1000;
    const pairs = Math.max(1, ctx.opts.judgePairs);
    const fixture = await generateJudging(ctx.database.db, count);
    const latencies: number[] = [];
    const acks = new Map<number, Ack>();
    const versions = new Array<number>(count).fill(0);
    const saves = new Array<number>(count).fill(0);
    let errors = 0;
    let conflicts = 0;
    let bareErrors = 0;
    const statuses = new Map<number, number>();

    /** The rubric item every save of a judge scores (the first of their entry's group). */
    const scoredItem = (judge: (typeof fixture.judges)[number]) => firstRow(judge.items, "the judge's rubric items");
    const autosave = async (k: number) => {
      const judge = itemAt(fixture.judges, k, "the fixture's judges");
      const url = `${ctx.app.url}/judge/rounds/${fixture.roundId}/entries/${judge.entryId}.data`;
      const first = scoredItem(judge);
      const n = itemAt(saves, k, "the judges' save counts") + 1;
      saves[k] = n;
      const score = (n % (first.max * 2 + 1)) / 2;
      const comment = `Giám khảo ${k + 1}: lưu lần ${n}`;
      const body = new URLSearchParams({
        intent: "autosave",
        version: String(itemAt(versions, k, "the judges' versions")),
        [`score_${first.code.replace(/\./g, "_")}`]: String(score),
        comment,
      });
      const t0 = performance.now();
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
          versions[k] = saved;
          acks.set(k, { version: saved, score, comment });
        }
      } catch {
        errors++;
      }
    };
    const bareGet = async () => {
      try {
        const res = await fetch(`${ctx.bare.url}${BARE.paths[0]}`);
        await res.arrayBuffer();
        if (res.status !== 200) bareErrors++;
      } catch {
        bareErrors++;
      }
    };

    // Warm-up of the bare route (the app's saves are warmed by the first saves below).
    await paced(ctx.bare, count, judgeEverySeconds, everyMs, bareGet);
    // Every judge's first save: it creates the sheet (once per sheet, the general path). Each
    // client sends exactly one, however late its turn comes on a loaded machine: a first save
    // that slipped into the pairs would be counted as a steady autosave.
    const firstSaves = await paced(ctx.app, count, Infinity, everyMs, autosave, 1);
    const loadAtStart = firstRow(os.loadavg(), "the load average");
    const measured: Array<{ bare: number; app: number; saves: number; ratio: number }> = [];
    for (let i = 0; i < pairs; i++) {
      const seconds = judgeSeconds / pairs;
      const b = await paced(ctx.bare, count, seconds, everyMs, bareGet);
      const a = await paced(ctx.app, count, seconds, everyMs, autosave);
      const bare = b.cpuMs / b.requests;
      const app = a.cpuMs / a.requests;
      measured.push({ bare, app, saves: a.requests, ratio: app / bare });
      ctx.log(
        `    pair ${i + 1}: bare ${fmt(bare, 2)} ms CPU/request (${b.requests}), autosave ${fmt(app, 2)} ms CPU/save (${a.requests}), ratio ${fmt(app / bare, 2)}×, loadavg ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
    }
    const posts = firstSaves.requests + measured.reduce((s, m) => s + m.saves, 0);

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
        Number(stored?.[scoredItem(judge).code]) !== ack.score
      )
        lost++;
    });
    // The former baseline, for comparison only: the bare route under autocannon's saturating connections.
    const saturated = await load(ctx.bare, BARE, { connections: ctx.opts.connections, amount: 3000 });
    const p95 = percentile(latencies, 95);
    const ratios = measured.map((m) => m.ratio);
    const ratio = median(ratios);
    const bareCpu = median(measured.map((m) => m.bare));
    const appCpu = median(measured.map((m) => m.app));
    ctx.log(
      `  ${posts} autosaves by ${count} judges (${firstSaves.requests} first saves, then ${pairs} pairs of ${fmt(judgeSeconds / pairs, 0)} s); statuses ${[
        ...statuses,
      ]
        .map(([s, c]) => `${s}×${c}`)
        .join(", ")}; loadavg ${fmt(loadAtStart, 2)} → ${fmt(firstRow(os.loadavg(), "the load average"), 2)}`,
    );
    if ([...statuses.keys()].some((s) => s >= 500))
      ctx.log(`  the app's last output:\n${ctx.app.logTail(30).replace(/^/gm, "    | ")}`);
    return [
      {
        metric: `judges: autosaves (${count} judges × every ${judgeEverySeconds} s × ${judgeSeconds} s, + 1 first save each)`,
        app: String(posts),
        pass: null,
      },
      {
        metric: "  errors (non-200 answers or no version)",
        app: `${errors}${conflicts ? ` (${conflicts} conflicts)` : ""}${bareErrors ? `; bare route ${bareErrors}` : ""}`,
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
        metric: `  server CPU ms per save (bare route: same clients and pace; median of ${pairs} pairs)`,
        baseline: fmt(bareCpu, 2),
        app: fmt(appCpu, 2),
        ratio: `${fmt(ratio, 1)}× (${fmt(Math.min(...ratios), 1)}–${fmt(Math.max(...ratios), 1)})`,
        target: "≤ 3×",
        pass: ratio <= 3,
      },
      {
        metric: "  server CPU ms of a first save (creates the sheet; once per sheet)",
        baseline: fmt(bareCpu, 2),
        app: fmt(firstSaves.cpuMs / firstSaves.requests, 2),
        ratio: `${fmt(firstSaves.cpuMs / firstSaves.requests / bareCpu, 1)}×`,
        pass: null,
      },
      {
        metric: `  bare route CPU ms/request under ${ctx.opts.connections} saturating connections (former baseline)`,
        baseline: fmt(saturated.cpuPerRequestMs, 2),
        app: fmt(appCpu, 2),
        ratio: `${fmt(appCpu / saturated.cpuPerRequestMs, 1)}×`,
        pass: null,
      },
    ] satisfies Row[];
  },
};
