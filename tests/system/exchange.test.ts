// Nomination packages between two installations (issue #15, decision 037): installation A (a
// province's) exports a signed package from its finalised 2024 round; installation B (the
// region's, trusting A's did:web) imports it into its open 2026 regional round. Two production
// processes, each with its own database and data folder. Broken packages (bad signature, changed
// file, wrong region, over quota, expired certificate) are refused with the reason and nothing
// written on B: no row, no file on disk.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import JSZip from "jszip";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/demo-password";
import { startProductionApp, type Launched } from "../../scripts/app-process";
import { Client, expectStatus } from "./support/client";
import {
  createTestDatabase,
  POSTGRES_SERVER_URL,
  requireProductionBuild,
  systemPorts,
  tempDir,
  type TestDatabase,
} from "./support/deployment";

const provider = POSTGRES_SERVER_URL ? "postgresql" : "sqlite";
/** prisma/demo-register.ts's open round (not imported: it pulls in the app's modules). */
const DEMO_OPEN_REGION_ROUND = "Bình chọn sản phẩm CNNT tiêu biểu khu vực phía Bắc năm 2026";

/** Plain SQL on an installation's database (SQLite file or PostgreSQL), for set-up and counts. */
class Sql {
  private sqlite: Database.Database | null = null;
  private pgClient: pg.Client | null = null;
  constructor(private readonly db: TestDatabase) {}
  async open() {
    if (this.db.provider === "sqlite") this.sqlite = new Database(this.db.url.replace(/^file:/, ""));
    else {
      this.pgClient = new pg.Client({ connectionString: this.db.url });
      await this.pgClient.connect();
    }
  }
  /** `$1`-style parameters on both. */
  async all<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    if (this.sqlite) {
      const statement = this.sqlite.prepare(text.replace(/\$\d+/g, "?"));
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as T[];
    }
    return (await this.pgClient!.query(text, params)).rows as T[];
  }
  async one<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
    const rows = await this.all<T>(text, params);
    if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${text}`);
    return rows[0]!;
  }
  async close() {
    this.sqlite?.close();
    await this.pgClient?.end();
  }
}

let dirA: ReturnType<typeof tempDir>;
let dirB: ReturnType<typeof tempDir>;
let dbA: TestDatabase;
let dbB: TestDatabase;
let appA: Launched;
let appB: Launched;
let sqlA: Sql;
let sqlB: Sql;
let province: Client;
let region: Client;
let targetRoundId: string;

async function logIn(client: Client, email: string) {
  expectStatus(await client.post("/login", { email, password: DEMO_PASSWORD, redirectTo: "" }), 302);
  expect(client.cookies.has("tb_session")).toBe(true);
}

beforeAll(async () => {
  requireProductionBuild();
  dirA = tempDir("exchange-a");
  dirB = tempDir("exchange-b");
  [dbA, dbB] = await Promise.all([createTestDatabase(provider, dirA.dir), createTestDatabase(provider, dirB.dir)]);
  const [portA, portB] = await systemPorts(2);
  const didA = `did:web:127.0.0.1%3A${portA}`;
  // One after the other: each migrates and seeds the demo (two cores are shared).
  appA = await startProductionApp({
    name: "province",
    databaseUrl: dbA.url,
    dataDir: path.join(dirA.dir, "data"),
    port: portA!,
    env: { SEED_DEMO: "1" },
  });
  appB = await startProductionApp({
    name: "region",
    databaseUrl: dbB.url,
    dataDir: path.join(dirB.dir, "data"),
    port: portB!,
    env: { SEED_DEMO: "1", EXCHANGE_TRUSTED_SENDERS: didA },
  });
  sqlA = new Sql(dbA);
  sqlB = new Sql(dbB);
  await Promise.all([sqlA.open(), sqlB.open()]);
  // Both run the same demo: B's own copies of the demo certificates are renumbered, so the ones
  // arriving from A are new to B (as a real province's are to the region's installation).
  await sqlB.all(`UPDATE "Certificate" SET "serial" = 'B-' || "serial", "code" = 'B' || "code"`);
  targetRoundId = (
    await sqlB.one<{ id: string }>(`SELECT "id" FROM "Round" WHERE "name" = $1`, [DEMO_OPEN_REGION_ROUND])
  ).id;
  province = new Client(appA.url);
  region = new Client(appB.url);
  await logIn(province, "organiser.bacninh@tieubieu.test");
  await logIn(region, "organiser.mienbac@tieubieu.test");
});

afterAll(async () => {
  await sqlA?.close();
  await sqlB?.close();
  await appA?.stop();
  await appB?.stop();
  await dbA?.drop();
  await dbB?.drop();
  dirA?.remove();
  dirB?.remove();
});

/** Certificate ids (and their round) on A by serial. */
async function certificatesOnA(serials: string[]) {
  const rows = await sqlA.all<{ id: string; roundId: string; serial: string }>(
    `SELECT "id", "roundId", "serial" FROM "Certificate" WHERE "serial" IN (${serials.map((_, i) => `$${i + 1}`).join(", ")})`,
    serials,
  );
  expect(rows.map((r) => r.serial).sort()).toEqual([...serials].sort());
  expect(new Set(rows.map((r) => r.roundId)).size).toBe(1);
  return { roundId: rows[0]!.roundId, ids: rows.map((r) => r.id) };
}

/** A's package of these certificates, downloaded as the organiser's form posts it. */
async function exportFromA(serials: string[]): Promise<Buffer> {
  const { roundId, ids } = await certificatesOnA(serials);
  const body = new URLSearchParams(ids.map((id) => ["certificateIds", id]));
  const answer = expectStatus(
    await province.request(`/admin/rounds/${roundId}/nominations/package.zip`, {
      method: "POST",
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    200,
  );
  expect(answer.headers.get("Content-Type")).toBe("application/zip");
  return answer.body;
}

const importIntoB = (bytes: Buffer) =>
  region.postMultipart(`/admin/rounds/${targetRoundId}/package-import`, {}, [
    { name: "package", fileName: "de-cu.zip", type: "application/zip", bytes },
  ]);

function filesOnDisk(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
}

/** What an import could write on B: rows of every table it touches, and files on disk. */
async function footprintOfB() {
  const count = async (table: string) =>
    Number((await sqlB.one<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "${table}"`)).n);
  const tables = [
    "Round",
    "RecognitionDecision",
    "Certificate",
    "Entry",
    "EntryVersion",
    "Product",
    "Establishment",
    "User",
    "StoredFile",
    "ExchangePackage",
    "ExchangeNomination",
    "MailMessage",
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = await count(t);
  return { ...counts, files: filesOnDisk(path.join(dirB.dir, "data", "files")) };
}

async function expectRefused(bytes: Buffer, ...phrases: string[]) {
  const before = await footprintOfB();
  const answer = await importIntoB(bytes);
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  const page = answer.text();
  expect(page).toContain("Gói chưa được nhập");
  for (const phrase of phrases) expect(page).toContain(phrase);
  expect(await footprintOfB()).toEqual(before);
}

async function rezip(bytes: Buffer, change: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await change(zip);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("a nomination package from one installation to another", () => {
  let good: Buffer;

  test("A's package becomes nominations in B's open regional round, with the dossier's files byte for byte", async () => {
    good = await exportFromA(["GCN-BG-2024-0001", "GCN-BG-2024-0002"]);
    const zip = await JSZip.loadAsync(good);
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as {
      format: string;
      version: number;
      sender: { did: string };
      nominations: unknown[];
    };
    expect(manifest).toMatchObject({
      format: "tieu-bieu/nomination-package",
      version: 1,
      sender: { did: expect.stringMatching(/^did:web:127\.0\.0\.1%3A\d+$/) },
    });
    expect(manifest.nominations).toHaveLength(2);
    expect(zip.file("decision.pdf")).not.toBeNull();

    const answer = expectStatus(await importIntoB(good), 302);
    expect(answer.location).toBe(`/admin/rounds/${targetRoundId}/entries?status=SUBMITTED`);
    const entries = await sqlB.all<{ id: string; status: string; serial: string; provinceCode: string }>(
      `SELECT e."id", e."status", c."serial", p."code" AS "provinceCode" FROM "Entry" e JOIN "Certificate" c ON c."id" = e."nominatedFromId" LEFT JOIN "Province" p ON p."id" = c."provinceId" WHERE e."roundId" = $1 ORDER BY c."serial"`,
      [targetRoundId],
    );
    expect(entries).toEqual([
      { id: expect.any(String), status: "SUBMITTED", serial: "GCN-BG-2024-0001", provinceCode: "F-BG" },
      { id: expect.any(String), status: "SUBMITTED", serial: "GCN-BG-2024-0002", provinceCode: "F-BG" },
    ]);
    // The dossier's files on B are A's bytes: same hashes as A's frozen dossier, and on disk.
    const hashesOf = async (sql: Sql, serial: string) =>
      (
        await sql.all<{ sha256: string }>(
          `SELECT f."sha256" FROM "StoredFile" f JOIN "Certificate" c ON c."productId" = f."productId" WHERE c."serial" = $1 ORDER BY f."sha256"`,
          [serial],
        )
      ).map((r) => r.sha256);
    const onA = await hashesOf(sqlA, "GCN-BG-2024-0001");
    expect(onA.length).toBeGreaterThan(0);
    expect(await hashesOf(sqlB, "GCN-BG-2024-0001")).toEqual(onA);
    const file = await sqlB.one<{ id: string; sha256: string }>(
      `SELECT f."id", f."sha256" FROM "StoredFile" f JOIN "Certificate" c ON c."productId" = f."productId" WHERE c."serial" = $1 ORDER BY f."createdAt" LIMIT 1`,
      ["GCN-BG-2024-0001"],
    );
    const download = expectStatus(await region.get(`/files/${file.id}`), 200);
    expect(crypto.createHash("sha256").update(download.body).digest("hex")).toBe(file.sha256);
    // And B's organiser finds them where nominations made on B appear.
    const list = expectStatus(await region.get(`/admin/rounds/${targetRoundId}/entries?status=SUBMITTED`), 200).text();
    expect(list).toContain("Mỳ gạo Chũ");
  });

  test("the same package again creates nothing new", async () => {
    const before = await footprintOfB();
    expectStatus(await importIntoB(good), 302);
    const after = await footprintOfB();
    expect(after).toEqual(before);
  });

  test("a package whose signature does not match is refused", async () => {
    const forged = await rezip(good, async (zip) => {
      const jws = await zip.file("manifest.jws")!.async("string");
      const [h, p, s] = jws.trim().split(".");
      const sig = Buffer.from(s!, "base64url");
      sig[0] = sig[0]! ^ 0xff;
      zip.file("manifest.jws", `${h}.${p}.${sig.toString("base64url")}`);
    });
    await expectRefused(forged, "Chữ ký của gói hồ sơ không hợp lệ");
  });

  test("a package with a changed file is refused", async () => {
    const pkg = await exportFromA(["GCN-BG-2024-0003"]);
    const changed = await rezip(pkg, async (zip) => {
      const name = Object.values(zip.files).find((f) => f.name.startsWith("files/") && !f.dir)!.name;
      const bytes = await zip.file(name)!.async("nodebuffer");
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
      zip.file(name, bytes);
    });
    await expectRefused(changed, "không khớp mã băm SHA-256");
    // A changed manifest (a quota-dodging province code, say) breaks the signature instead.
    const edited = await rezip(pkg, async (zip) => {
      const text = await zip.file("manifest.json")!.async("string");
      zip.file("manifest.json", text.replace('"F-BG"', '"HN"'));
    });
    await expectRefused(edited, "đã bị sửa sau khi ký");
  });

  test("a province that is not a member of the receiving round is refused", async () => {
    const bn = await sqlB.one<{ id: string }>(`SELECT "id" FROM "Province" WHERE "code" = 'BN'`);
    const member = await sqlB.one<{ id: string; createdAt: unknown; updatedAt: unknown }>(
      `SELECT "id", "createdAt", "updatedAt" FROM "RoundMember" WHERE "roundId" = $1 AND "provinceId" = $2`,
      [targetRoundId, bn.id],
    );
    await sqlB.all(`DELETE FROM "RoundMember" WHERE "id" = $1`, [member.id]);
    try {
      await expectRefused(
        await exportFromA(["GCN-BG-2024-0003"]),
        "không có trong danh sách tỉnh/thành phố tham gia đợt này",
        "GCN-BG-2024-0003",
      );
    } finally {
      await sqlB.all(
        `INSERT INTO "RoundMember" ("id", "roundId", "provinceId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5)`,
        [member.id, targetRoundId, bn.id, member.createdAt, member.updatedAt],
      );
    }
  });

  test("a package over the province's quota is refused as a whole", async () => {
    // Bắc Ninh's quota in B's round is 3; two are used by the first package.
    await expectRefused(
      await exportFromA(["GCN-BN-2024-0001", "GCN-BN-2024-0002"]),
      "chỉ còn 1 suất",
      "không thể đề cử cùng lúc 2 sản phẩm",
    );
  });

  test("an expired certificate is refused", async () => {
    await expectRefused(await exportFromA(["GCN-BG-2020-0001"]), "GCN-BG-2020-0001", "đã hết hiệu lực");
  });
});
