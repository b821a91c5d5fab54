// The SQLite client's one connection takes statements in turn (docs/decisions/041). A client of
// its own on a scratch SQLite file, whatever database the other tests use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { firstRow } from "./arrays";
import { createDbClient, type Db } from "./db.server";
import { TurnLock } from "./sqlite-serial.server";

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-serial-"));
  db = createDbClient({ DATABASE_URL: `file:${path.join(dir, "t.db")}` });
  await db.$executeRawUnsafe("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
  await db.$executeRawUnsafe(
    "CREATE TABLE child (id INTEGER PRIMARY KEY, parentId INTEGER NOT NULL REFERENCES parent (id))",
  );
  await db.$executeRawUnsafe("INSERT INTO parent (id) VALUES (1)");
});

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = async (table: "parent" | "child") =>
  Number(firstRow(await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM ${table}`), "count").n);

describe("TurnLock", () => {
  test("turns are given in the order they were asked for, one at a time", async () => {
    const lock = new TurnLock();
    const order: string[] = [];
    let holding = 0;
    const work = (name: string) =>
      lock.run(async () => {
        holding += 1;
        expect(holding).toBe(1);
        order.push(name);
        await new Promise((resolve) => setImmediate(resolve));
        holding -= 1;
      });
    await Promise.all(["a", "b", "c", "d"].map(work));
    expect(order).toEqual(["a", "b", "c", "d"]);
  });

  test("a failed holder still ends its turn, and ending a turn twice does not end the next one's", async () => {
    const lock = new TurnLock();
    await expect(lock.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    const first = await lock.acquire();
    first();
    const second = await lock.acquire();
    first(); // again: must not end the second turn
    let third = false;
    const waiting = lock.acquire().then((end) => ((third = true), end));
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    second();
    (await waiting)();
    expect(third).toBe(true);
  });
});

describe("the SQLite client", () => {
  test("a statement sent while a transaction is open runs after it, outside it", async () => {
    let outside: Promise<number> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("INSERT INTO parent (id) VALUES (2)");
        outside = db.$executeRawUnsafe("INSERT INTO parent (id) VALUES (3)");
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error("abandon");
      }),
    ).rejects.toThrow("abandon");
    expect(await outside).toBe(1);
    const ids = await db.$queryRawUnsafe<Array<{ id: bigint }>>("SELECT id FROM parent ORDER BY id");
    expect(ids.map((r) => Number(r.id))).toEqual([1, 3]);
  });

  test("a COMMIT that fails does not leave the connection inside the transaction", async () => {
    // A deferred foreign key is checked at COMMIT, which then fails.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.$executeRawUnsafe("INSERT INTO child (id, parentId) VALUES (1, 99)");
      }),
    ).rejects.toThrow();
    // The connection is free again: statements and transactions run, and nothing of it stayed.
    expect(await count("child")).toBe(0);
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO child (id, parentId) VALUES (2, 1)");
    });
    expect(await count("child")).toBe(1);
  });
});
