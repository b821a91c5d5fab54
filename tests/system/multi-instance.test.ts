// Two instances of the production app on ONE PostgreSQL database behind a round-robin proxy on
// loopback (issue #11, "Several instances"), driven over plain HTTP as a browser without
// JavaScript would. Both start at once on the empty database. The instances are two machines as
// far as the app can tell: each has its own DATA_DIR; only the file store is shared (a volume
// mounted at DATA_DIR/files on both — here a symlink to one folder), as decision 023 requires of
// a deployment with local-disk storage.
// Each answer names the instance that served it (X-Served-By), so every step asserts that the
// chain really crossed instances. Runs only when TEST_POSTGRES_URL is set (tests/system/vitest.config.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoPdf, demoPhoto } from "../../prisma/demo-files";
import { DEMO_PASSWORD } from "../../prisma/demo-password";
import { firstRow, itemAt } from "../../app/utils/arrays";
import { ROOT, startProductionApp, type Launched } from "../../scripts/app-process";
import { Client, expectStatus, type Answer } from "./support/client";
import {
  createTestDatabase,
  requireProductionBuild,
  systemPorts,
  tempDir,
  type TestDatabase,
} from "./support/deployment";
import { startRoundRobinProxy, type RoundRobinProxy } from "./support/proxy";

const A = 0;
const B = 1;
const PASSWORD = "Banh-gai-Thanh-Huong-2026";

let data: ReturnType<typeof tempDir>;
let db: TestDatabase;
let sql: pg.Client;
let proxy: RoundRobinProxy;
const apps: Launched[] = [];

beforeAll(async () => {
  requireProductionBuild();
  data = tempDir("multi");
  db = await createTestDatabase("postgresql", data.dir);
  const shared = path.join(data.dir, "shared-files");
  fs.mkdirSync(shared);
  const held = await systemPorts(3);
  const ports = [itemAt(held, 0, "free ports"), itemAt(held, 1, "free ports")];
  const proxyPort = itemAt(held, 2, "free ports");
  proxy = await startRoundRobinProxy(
    ports.map((p) => `http://127.0.0.1:${p}`),
    proxyPort,
  );
  const sessionSecret = "m".repeat(64);
  // Both at once on the empty database, as a deployment starts its instances: one migrates
  // while the other waits for Prisma's migration lock (server/migrate.ts), and both seed the
  // reference data. SEED_DEMO=0, as in production.
  const dataDirs = ports.map((_, i) => {
    const dir = path.join(data.dir, `instance-${i}`);
    fs.mkdirSync(dir);
    fs.symlinkSync(shared, path.join(dir, "files"), "dir");
    return dir;
  });
  const started = await Promise.allSettled(
    ports.map((port, i) =>
      startProductionApp({
        name: `instance-${i}`,
        databaseUrl: db.url,
        dataDir: itemAt(dataDirs, i, "data directories"),
        port,
        appUrl: proxy.url,
        sessionSecret,
        env: { TRUST_PROXY: "1", SEED_DEMO: "0" },
      }),
    ),
  );
  for (const s of started) if (s.status === "fulfilled") apps.push(s.value);
  for (const s of started) if (s.status === "rejected") throw s.reason;
  const waited = apps.filter((app) => app.logTail(200).includes("another process is migrating the database")).length;
  console.log(`[multi] both instances up; ${waited} of them waited for the other's migration lock past Prisma's 10 s`);
  // Then the demo data (accounts, rounds, the register) by the compiled seed, as an operator
  // would run it by hand, while both serve: their caches must notice it by themselves.
  const seeded = spawnSync(process.execPath, ["build/start/seed.js"], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_ENV: "production",
      ALLOW_INSECURE_HTTP: "1",
      SEED_DEMO: "1",
      DATABASE_URL: db.url,
      DATA_DIR: dataDirs[A],
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (seeded.status !== 0) throw new Error(`demo seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});

afterAll(async () => {
  await sql?.end();
  await proxy?.close();
  for (const app of apps) await app.stop();
  await db?.drop();
  data?.remove();
});

/** Sends the next request to instance `index` (a cheap request first when it is the other's turn). */
async function on(index: number, client: Client, send: () => Promise<Answer>): Promise<Answer> {
  if (proxy.next() !== index) await client.get("/healthz");
  const answer = await send();
  expect(answer.servedBy, `served by instance ${answer.servedBy}, expected ${index}`).toBe(index);
  return answer;
}

/** A client at its own address (the proxy appends the real peer; the instances trust loopback). */
const clientAt = (address: string) => new Client(proxy.url, { "X-Forwarded-For": address });

async function newestMailTo(email: string): Promise<string> {
  const { rows } = await sql.query<{ text: string }>(
    `SELECT "text" FROM "MailMessage" WHERE "to" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [email],
  );
  if (!rows[0]) throw new Error(`no mail to ${email}`);
  return rows[0].text;
}

const tag = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function logIn(client: Client, index: number, email: string, password: string) {
  const answer = await on(index, client, () => client.post("/login", { email, password, redirectTo: "" }));
  expectStatus(answer, 302);
  expect(client.cookies.has("tb_session")).toBe(true);
}

describe("two instances on one PostgreSQL behind a round-robin proxy", () => {
  let producer: { email: string; client: Client };

  test("sign-up and log-in through one instance, uploads through the other, the files downloadable through both", async () => {
    const t = tag();
    const email = `huong.${t}@example.vn`;
    const client = clientAt("198.51.100.10");

    expectStatus(
      await on(A, client, () =>
        client.post("/signup", { name: "Phạm Thị Hương", email, password: PASSWORD, confirmPassword: PASSWORD }),
      ),
      302,
    );
    const link = /\/verify-email\/([A-Za-z0-9_-]+)/.exec(await newestMailTo(email));
    expect(link).toBeTruthy();
    expect(expectStatus(await on(B, client, () => client.post(`/verify-email/${link![1]}`, {})), 302).location).toBe(
      "/login",
    );
    await logIn(client, A, email, PASSWORD);
    // The session made by A is known to B (sessions live in the database).
    expect(expectStatus(await on(B, client, () => client.get("/account")), 200).text()).toContain("Phạm Thị Hương");

    const form = expectStatus(await on(A, client, () => client.get("/producer/establishments/new")), 200).text();
    const provinceId = /<option value="([a-z0-9]+)"[^>]*>Bắc Ninh<\/option>/.exec(form)?.[1];
    expect(provinceId).toBeTruthy();
    const establishment = expectStatus(
      await on(B, client, () =>
        client.post("/producer/establishments/new", {
          legalForm: "HOUSEHOLD",
          name: `Hộ kinh doanh Bánh gai Hương ${t}`,
          registrationNumber: `27A${Date.now().toString().slice(-7)}`,
          registrationDate: "2019-05-20",
          registrationIssuer: "Phòng Tài chính – Kế hoạch huyện Lục Nam",
          legalRepresentative: "Phạm Thị Hương",
          provinceId: provinceId!,
          commune: "Xã Lục Nam",
          addressLine: "Thôn Thanh Hương",
          phone: "0912 345 678",
          workforce: "6",
        }),
      ),
      302,
    ).location!;
    const establishmentId = /^\/producer\/establishments\/([a-z0-9]+)$/.exec(establishment)![1];
    const product = expectStatus(
      await on(A, client, () =>
        client.post(`/producer/products/new?establishment=${establishmentId}`, {
          name: `Bánh gai Thanh Hương ${t}`,
          group: "B",
          kind: "single",
          description: "Bánh gai nhân đỗ xanh, dừa và mỡ, gói lá chuối khô; dùng làm quà biếu, ăn trong ngày lễ tết.",
          rawMaterials: "Lá gai, gạo nếp cái hoa vàng, đỗ xanh của các hộ trong xã",
          foodSafetyCert: "123/2025/ATTP-CNĐK",
        }),
      ),
      302,
    ).location!;
    const productId = /^\/producer\/products\/([a-z0-9]+)$/.exec(product)![1];

    // Uploads through B, the instance the producer did not log in on.
    const photo = await demoPhoto(7, "FRONT");
    const pdf = demoPdf([`Giay chung nhan dang ky ho kinh doanh ${t}`]);
    const uploads = [
      { kind: "PHOTO:FRONT", file: { name: "photo", fileName: "mat-truoc.jpg", type: "image/jpeg", bytes: photo } },
      {
        kind: "BUSINESS_REGISTRATION",
        file: { name: "file", fileName: "dang-ky.pdf", type: "application/pdf", bytes: pdf },
      },
    ];
    for (const u of uploads) {
      const answer = expectStatus(
        await on(B, client, () =>
          client.postMultipart(`/producer/products/${productId}/files`, { kind: u.kind }, [u.file]),
        ),
        302,
      );
      expect(answer.location).toBe(`/producer/products/${productId}`);
    }
    const page = expectStatus(await on(A, client, () => client.get(`/producer/products/${productId}`)), 200).text();
    const fileIds = [...new Set([...page.matchAll(/\/files\/([a-z0-9]{20,40})(?=["/?])/g)].map((m) => m[1]))];
    expect(fileIds).toHaveLength(2);
    for (const id of fileIds) {
      const viaA = expectStatus(await on(A, client, () => client.get(`/files/${id}`)), 200);
      const viaB = expectStatus(await on(B, client, () => client.get(`/files/${id}`)), 200);
      expect(viaB.body.equals(viaA.body)).toBe(true);
      expect(viaA.body.length).toBeGreaterThan(500);
      expect(["image/jpeg", "application/pdf"]).toContain(viaA.headers.get("content-type")?.split(";")[0]);
    }
    producer = { email, client };
  });

  test("the log-in throttle counts failures on both instances together", async () => {
    expect(producer, "the sign-up test runs first").toBeTruthy();
    const attacker = clientAt("203.0.113.66");
    const failures: [number, number] = [0, 0];
    let throttledOn: number | null = null;
    // After 5 failures in a row (per account and address) each try must wait 1, 2, 4, 8, 16 s
    // after the last one (decision 003): a try within that wait is refused whatever instance
    // it reaches. The proxy alternates, so each instance sees only half of the failures.
    for (let attempt = 1; attempt <= 10 && throttledOn === null; attempt++) {
      const answer = await attacker.post("/login", {
        email: producer.email,
        password: "not-the-password-1",
        redirectTo: "",
      });
      if (answer.status === 429) throttledOn = answer.servedBy;
      else {
        expectStatus(answer, 400);
        const by = answer.servedBy!;
        failures[by] = itemAt(failures, by, "failures per instance") + 1;
      }
    }
    expect(throttledOn, `never throttled after failures ${failures.join(" + ")}`).not.toBeNull();
    expect(failures[A]).toBeGreaterThan(0);
    expect(failures[B]).toBeGreaterThan(0);
    // The instance that refused had itself seen fewer failures than the free five: it counted
    // the other's too.
    expect(failures[throttledOn!]).toBeLessThan(5);
    expect(failures[A] + failures[B]).toBeGreaterThanOrEqual(5);

    // The owner, from another address, still logs in on either instance.
    for (const index of [A, B]) {
      const owner = clientAt(`192.0.2.${10 + index}`);
      await logIn(owner, index, producer.email, PASSWORD);
    }
  });

  test("a rate limit counts requests on both instances together", async () => {
    // Password-reset mails: 10 per 15 minutes per address (RATE_LIMITS.accountMail).
    const client = clientAt("203.0.113.77");
    const served: number[] = [];
    let limitedAt = 0;
    for (let i = 1; i <= 11; i++) {
      const answer = await client.post("/forgot-password", { email: `nobody.${i}.${tag()}@example.vn` });
      served.push(answer.servedBy!);
      if (answer.status === 429) {
        limitedAt = i;
        break;
      }
      expectStatus(answer, 200, 302);
    }
    expect(limitedAt).toBe(11);
    expect(new Set(served)).toEqual(new Set([A, B]));
  });

  test("a certificate revoked through one instance is revoked on the other's /verify and /products at the next request", async () => {
    const { rows } = await sql.query<{ id: string; code: string; serial: string; roundId: string }>(
      `SELECT "id", "code", "serial", "roundId" FROM "Certificate" WHERE "revokedAt" IS NULL AND "validUntil" > now() ORDER BY "serial" LIMIT 1`,
    );
    expect(rows).toHaveLength(1);
    const cert = firstRow(rows, "valid certificates");
    const visitor = clientAt("198.51.100.20");
    const verify = (index: number) =>
      on(index, visitor, () => visitor.get(`/verify/${cert.code}`, { Accept: "application/json" }));
    const api = (index: number) =>
      on(index, visitor, () => visitor.get(`/api/products?q=${encodeURIComponent(cert.serial)}`));
    const products = (index: number) => on(index, visitor, () => visitor.get("/products"));
    // Both instances have the valid certificate in their response caches.
    for (const index of [A, B, A, B])
      expect(expectStatus(await verify(index), 200).json<{ status: string }>().status).toBe("valid");
    expect((await verify(B)).headers.get("x-register-cache")).toBe("hit");
    const before = [expectStatus(await products(A), 200), expectStatus(await products(B), 200)];
    expect((await products(B)).headers.get("x-register-cache")).toBe("hit");
    const apiBefore = expectStatus(await api(B), 200).text();

    const admin = clientAt("198.51.100.21");
    await logIn(admin, A, "admin@tieubieu.test", DEMO_PASSWORD);
    const revoked = await on(A, admin, () =>
      admin.post(`/admin/rounds/${cert.roundId}/recognition`, {
        intent: "revoke",
        certificateId: cert.id,
        reason: "Kiểm thử nhiều máy chủ: thu hồi để kiểm tra bộ nhớ đệm",
      }),
    );
    expectStatus(revoked, 302);

    // B never saw the write; its very next answers already show it.
    const afterB = expectStatus(await verify(B), 200);
    expect(afterB.json<{ status: string }>().status).toBe("revoked");
    expect(afterB.headers.get("x-register-cache")).toBe("miss");
    expect(expectStatus(await verify(A), 200).json<{ status: string }>().status).toBe("revoked");
    const productsB = expectStatus(await products(B), 200);
    expect(productsB.headers.get("x-register-cache")).toBe("miss");
    expect(productsB.headers.get("etag")).not.toBe(itemAt(before, 1, "answers before").headers.get("etag"));
    expect(expectStatus(await api(B), 200).text()).not.toBe(apiBefore);
  });
});

describe("bulk certificate printing across instances (durable jobs, decision 019)", () => {
  test("a bulk print started on one instance is followed and downloaded on the other, whichever instance's worker ran it", async () => {
    // Both instances run a job worker (JOB_WORKER defaults to on): either may claim the job.
    const { rows } = await sql.query<{ roundId: string; n: string }>(
      `SELECT "roundId", COUNT(*) AS n FROM "Certificate" GROUP BY "roundId" ORDER BY COUNT(*) DESC LIMIT 1`,
    );
    const { roundId, n } = firstRow(rows, "rounds with certificates");
    const total = Number(n);
    expect(total).toBeGreaterThan(1);
    const admin = clientAt("198.51.100.30");
    await logIn(admin, A, "admin@tieubieu.test", DEMO_PASSWORD);
    const bulkPage = `/admin/rounds/${roundId}/recognition/bulk`;
    const started = expectStatus(await on(A, admin, () => admin.post(bulkPage, { format: "zip" })), 302);
    const job = /^\/admin\/rounds\/[a-z0-9]+\/recognition\/bulk\?job=([A-Za-z0-9_-]{22})$/.exec(started.location!)?.[1];
    expect(job, `redirected to ${started.location}`).toBeTruthy();

    // Its progress page on B (the instance that did not queue it) until it stops reloading itself.
    const workers = new Map(apps.map((app, i) => [app.pid, i]));
    const ranOn = new Set<number>();
    const deadline = Date.now() + 300_000;
    let page = "";
    for (;;) {
      const { rows: jobRows } = await sql.query<{ leaseOwner: string | null }>(
        `SELECT "leaseOwner" FROM "Job" WHERE "id" = $1`,
        [job],
      );
      // leaseOwner is host:pid:random while a worker holds the job.
      const pid = Number(jobRows[0]?.leaseOwner?.split(":").at(-2));
      if (workers.has(pid)) ranOn.add(workers.get(pid)!);
      page = expectStatus(await on(B, admin, () => admin.get(started.location!)), 200).text();
      if (!/http-equiv="refresh"/i.test(page)) break;
      expect(Date.now() < deadline, "the bulk job still pending after 5 minutes").toBe(true);
      await new Promise((r) => setTimeout(r, 250));
    }
    const { rows: done } = await sql.query<{
      status: string;
      resultSize: number;
      resultName: string;
      error: string | null;
    }>(`SELECT "status", "resultSize", "resultName", "error" FROM "Job" WHERE "id" = $1`, [job]);
    expect(done[0]).toMatchObject({ status: "SUCCEEDED", error: null });
    expect(page).toContain(`${bulkPage}/${job}/download`);
    console.log(
      `[multi] bulk ZIP of ${total} certificates queued on instance ${A}, run by the worker of instance ${[...ranOn].join(" and ") || "(not seen while running)"}, followed and downloaded on instance ${B}`,
    );

    const download = expectStatus(await on(B, admin, () => admin.get(`${bulkPage}/${job}/download`)), 200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    const finished = firstRow(done, "the job");
    expect(download.headers.get("content-disposition")).toContain(finished.resultName);
    expect(download.body.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
    expect(download.body.length).toBe(finished.resultSize);
    // One PDF per certificate in it (the ZIP's central directory names each).
    const names = new Set(download.body.toString("latin1").match(/giay-chung-nhan-GCN-[A-Z]+-\d{4}-\d{4}\.pdf/g) ?? []);
    expect(names.size).toBe(total);
    // The same file through A.
    const viaA = expectStatus(await on(A, admin, () => admin.get(`${bulkPage}/${job}/download`)), 200);
    expect(viaA.body.equals(download.body)).toBe(true);
  });
});
