// Fuzzing every action with bodies that are not a valid form (issue #10 finding 6): JSON, XML,
// plain text, no content type, broken or cut-off multipart, multipart without a boundary, bad
// percent-escapes, huge fields, repeated and wrongly typed fields. Each route module with an
// `action` is called as the server calls it, through guardServerBuild (server/app.ts), with
// real route params (a round in judging, its entries, a judge, the producer's product) and in
// turn as anonymous, producer, organiser, administrator and judge. Not one answer may be a 500.
// Seeded fast-check: the same bodies every run.
import fc from "fast-check";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { itemAt } from "~/utils/arrays";
import { guardServerBuild } from "~/utils/body-guard.server";
import { prisma } from "~/utils/db.server";
import { makeJudgingRound } from "../support/judging-fixture";
import { call, cookieFor, ORIGIN, type RouteFn } from "../support/route-calls";

const modules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.{ts,tsx}");
const SEED = 20261206;
const BODIES_PER_ROUTE = 32;

const INTENTS = [
  "accept",
  "addConflict",
  "createDefault",
  "decide",
  "decision",
  "deletePanel",
  "disable",
  "enable",
  "fileVisibility",
  "finalise",
  "invite",
  "paper",
  "period",
  "removeConflict",
  "removeMember",
  "removeRole",
  "reopen",
  "reset",
  "revoke",
  "save",
  "saveAssignments",
  "secondPass",
  "settings",
  "spread",
  "transition",
  "update",
  "updateMember",
  "vote",
  "reject",
  "return",
  "submit",
  "withdraw",
  "logoutEverywhere",
  "profile",
  "password",
];
const FIELDS = [
  "intent",
  "id",
  "email",
  "password",
  "name",
  "to",
  "reason",
  "score",
  "scores",
  "memberId",
  "entryId",
  "userId",
  "roleId",
  "fileId",
  "hidden",
  "lang",
  "redirectTo",
  "productId",
  "establishmentId",
  "group",
  "panelId",
  "date",
  "until",
  "comment",
  "level",
  "provinceId",
  "file",
  "files",
  "note",
];

interface BodySpec {
  kind: string;
  contentType?: string;
  body: string | Uint8Array | FormData;
}

const text = fc.string({ unit: "binary", maxLength: 200 });
const field = fc.constantFrom(...FIELDS);
const value = fc.oneof(
  text,
  fc.constantFrom(...INTENTS),
  fc.integer().map(String),
  fc.constantFrom("", "-1", "1e309", "NaN", "true", "null", "[]", "{}", "x".repeat(300_000)),
);

function multipartBoundary(b: string, parts: Array<[string, string]>) {
  return parts.map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("");
}

const bodyArb: fc.Arbitrary<BodySpec> = fc.oneof(
  fc.jsonValue().map((v) => ({ kind: "json", contentType: "application/json", body: JSON.stringify(v) ?? "null" })),
  fc
    .dictionary(field, value)
    .map((v) => ({ kind: "json-object", contentType: "application/json; charset=utf-8", body: JSON.stringify(v) })),
  text.map((v) => ({ kind: "text", contentType: "text/plain", body: v })),
  text.map((v) => ({
    kind: "xml",
    contentType: "application/xml",
    body: `<?xml version="1.0"?><form><intent>${v}</intent></form>`,
  })),
  fc.uint8Array({ maxLength: 300 }).map((v) => ({ kind: "no-type", body: v })),
  fc
    .uint8Array({ maxLength: 300 })
    .map((v) => ({ kind: "octet-stream", contentType: "application/octet-stream", body: v })),
  fc.tuple(fc.array(fc.tuple(field, text), { maxLength: 4 }), fc.nat({ max: 60 })).map(([parts, cut]) => {
    const full = multipartBoundary("XyZ", parts) + "--XyZ--\r\n";
    return {
      kind: "multipart-cut",
      contentType: "multipart/form-data; boundary=XyZ",
      body: full.slice(0, Math.max(1, full.length - cut)),
    };
  }),
  fc.array(fc.tuple(field, text), { minLength: 1, maxLength: 4 }).map((parts) => ({
    kind: "multipart-wrong-boundary",
    contentType: "multipart/form-data; boundary=AAA",
    body: multipartBoundary("BBB", parts) + "--BBB--\r\n",
  })),
  text.map((v) => ({ kind: "multipart-no-boundary", contentType: "multipart/form-data", body: v })),
  text.map((v) => ({
    kind: "multipart-garbage",
    contentType: "multipart/form-data; boundary=----x",
    body: `------x\r\n${v}`,
  })),
  fc.array(fc.tuple(field, value), { maxLength: 8 }).map((pairs) => ({
    kind: "urlencoded-fields",
    contentType: "application/x-www-form-urlencoded",
    body: new URLSearchParams(pairs).toString(),
  })),
  fc.array(fc.tuple(field, text), { maxLength: 6 }).map((pairs) => ({
    kind: "urlencoded-bad-escapes",
    contentType: "application/x-www-form-urlencoded",
    body: pairs.map(([k, v]) => `${k}=%${v}%zz%E0%A4%A`).join("&"),
  })),
  fc
    .tuple(fc.array(fc.tuple(field, value), { maxLength: 6 }), fc.uint8Array({ maxLength: 2000 }))
    .map(([pairs, bytes]) => {
      const form = new FormData();
      for (const [k, v] of pairs) form.append(k, v);
      form.append("file", new Blob([bytes], { type: "image/jpeg" }), "a.jpg");
      form.append("files", new Blob([bytes], { type: "application/pdf" }), "../../etc/passwd");
      return { kind: "multipart-form", body: form };
    }),
);

type Role = "anonymous" | "producer" | "organiser" | "admin" | "judge";
const ROLES: Role[] = ["anonymous", "producer", "organiser", "admin", "judge"];
const cookies: Partial<Record<Role, string>> = {};
const params: Record<string, string> = {};
let build: ServerBuild;

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const round = await makeJudgingRound({ judges: 2 });
  const first = itemAt(round.entries, 0, "the round's entries");
  const judge = itemAt(round.judges, 0, "the round's judges");
  const entry = await prisma.entry.findUniqueOrThrow({
    where: { id: first.id },
    select: { productId: true },
  });
  Object.assign(params, {
    roundId: round.roundId,
    entryId: first.id,
    memberId: judge.memberId,
    token: "a".repeat(43),
  });
  cookies.producer = await cookieFor(first.ownerEmail);
  cookies.organiser = await cookieFor(round.organiserEmail);
  cookies.admin = await cookieFor("admin@tieubieu.test");
  cookies.judge = await cookieFor(judge.email);
  params.productId = entry.productId;
  params.establishmentId = first.establishmentId;

  // The routes as the server sees them: a build whose actions guardServerBuild wraps.
  const routes: ServerBuild["routes"] = {};
  for (const [file, load] of Object.entries(modules)) {
    const module = await load();
    if (typeof module.action !== "function") continue;
    const id = file.replace("../../app/", "").replace(/\.tsx?$/, "");
    routes[id] = { id, path: id, module } as unknown as ServerBuild["routes"][string];
  }
  build = guardServerBuild({ routes } as unknown as ServerBuild);
});

/** The value of a route param that must be there (a fixture id, or one paramsFor gave). */
function required(values: Record<string, string>, key: string): string {
  const value = values[key];
  if (value === undefined) throw new Error(`no value for the route param ${key}`);
  return value;
}

/** Route params for a route file name: ids of real rows, so actions get past their look-ups. */
function paramsFor(id: string): Record<string, string> {
  const p: Record<string, string> = {};
  // A param's name ends before a trailing "_" (`$roundId_.visits` is the param roundId).
  for (const name of id.match(/\$[A-Za-z0-9]+/g) ?? []) {
    const key = name.slice(1);
    if (key === "id") p.id = required(params, id.includes("establishments") ? "establishmentId" : "productId");
    else p[key] = params[key] ?? "x";
  }
  return p;
}

function urlFor(id: string, p: Record<string, string>) {
  const path = id
    .replace(/^routes\//, "")
    .replace(/_(?=\.|$)/g, "")
    .replace(/\$([A-Za-z0-9]+)/g, (_m, k: string) => required(p, k))
    .replace(/\[|\]/g, "")
    .split(".")
    .filter((s) => s !== "_index")
    .join("/");
  return `${ORIGIN}/${path}`;
}

test("≥ 1,000 malformed bodies across every action: not one answer is a 500", async () => {
  // Log-out and account (log out everywhere) last, so that the sessions stay valid for the rest.
  const routes = Object.entries(build.routes).sort(
    ([a], [b]) => Number(/logout|account/.test(a)) - Number(/logout|account/.test(b)) || a.localeCompare(b),
  );
  const ids = routes.map(([id]) => id);
  expect(ids.length).toBeGreaterThanOrEqual(30);
  const bodies = fc.sample(bodyArb, { seed: SEED, numRuns: ids.length * BODIES_PER_ROUTE });
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  for (const [r, [id, route]] of routes.entries()) {
    const p = paramsFor(id);
    const action = route.module.action as unknown as RouteFn;
    for (let i = 0; i < BODIES_PER_ROUTE; i++) {
      const spec = itemAt(bodies, r * BODIES_PER_ROUTE + i, "sampled bodies");
      const role = itemAt(ROLES, (r + i) % ROLES.length, "roles");
      const headers = new Headers();
      if (spec.contentType) headers.set("Content-Type", spec.contentType);
      if (cookies[role]) headers.set("Cookie", cookies[role]);
      const request = new Request(urlFor(id, p), { method: "POST", headers, body: spec.body as BodyInit });
      if (!spec.contentType && !(spec.body instanceof FormData)) request.headers.delete("Content-Type");
      sent++;
      try {
        const { status } = await call(action, request, p);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`${id} ${spec.kind} as ${role}: ${status}`);
      } catch (error) {
        failures.push(
          `${id} ${spec.kind} as ${role}: threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`,
        );
      }
    }
  }
  console.info(
    `body fuzz: ${sent} posts to ${ids.length} actions; answers by status`,
    Object.fromEntries([...statuses].sort()),
  );
  expect(sent).toBeGreaterThanOrEqual(1000);
  expect(failures).toEqual([]);
});
