// Vitest setupFiles: runs in the worker before EACH test file, before the file imports app code.
// Gives the file its own fresh database copied from the run's migrated template (see
// global-setup.ts) and its own DATA_DIR, so files never see each other's rows or uploads.
// DATABASE_URL must be set here, at the top level: ~/utils/db.server creates its client from it
// when first imported.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { databaseUrl, dropDatabase, quoteIdent, withServer } from "./global-setup";

const ctx = inject("testDb");
if (!ctx) {
  throw new Error(
    "testDb was not provided: run the tests through vitest with tests/setup/global-setup.ts as globalSetup",
  );
}

process.env.NODE_ENV = "test";
const fileDir = fs.mkdtempSync(path.join(ctx.runDir, "file-"));
process.env.DATA_DIR = fileDir;

let cleanupDatabase: () => Promise<void>;

if (ctx.provider === "sqlite") {
  const file = path.join(fileDir, "test.db");
  fs.copyFileSync(ctx.templateFile, file);
  process.env.DATABASE_URL = `file:${file}`;
  cleanupDatabase = async () => {};
} else {
  const { serverUrl, templateName } = ctx;
  const name = `${ctx.runId}_f${crypto.randomBytes(5).toString("hex")}`;
  await withServer(serverUrl, async (client) => {
    // CREATE DATABASE … TEMPLATE fails while anything is connected to the template; PostgreSQL
    // waits a few seconds for closing sessions itself, and a short retry covers the rest.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateName)}`);
        return;
      } catch (error) {
        const busy = (error as { code?: string }).code === "55006"; // object_in_use
        if (!busy || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  });
  process.env.DATABASE_URL = databaseUrl(serverUrl, name);
  cleanupDatabase = () => withServer(serverUrl, (client) => dropDatabase(client, name));
}

afterAll(async () => {
  const g = globalThis as unknown as { __tieubieuDb?: { $disconnect(): Promise<void> } };
  if (g.__tieubieuDb) {
    await g.__tieubieuDb.$disconnect();
    g.__tieubieuDb = undefined;
  }
  await cleanupDatabase();
  fs.rmSync(fileDir, { recursive: true, force: true });
});
