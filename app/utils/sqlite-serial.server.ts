// The SQLite driver adapter, with every statement taken in turn (docs/decisions/041).
//
// The app has ONE better-sqlite3 connection. Prisma's adapter makes interactive transactions wait
// for each other, but a statement outside a transaction runs at once, on that same connection:
// while some request's transaction is open (between its BEGIN and COMMIT, across awaits), another
// request's write would become part of it — lost if it rolls back, though already acknowledged —
// and another request's read would see what it has not committed. Here a statement outside a
// transaction waits, first come first served, until no transaction is open; a transaction holds
// the turn from BEGIN until it is committed or rolled back.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** A first-come-first-served lock: each holder's turn begins when the previous one's ends. */
export class TurnLock {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for the turn; the returned function ends it (calling it again does nothing). */
  acquire(): Promise<() => void> {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const turn = this.#tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        end();
      };
    });
    this.#tail = this.#tail.then(() => ended);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

const CLOSING = /^\s*(COMMIT|ROLLBACK)\b/i;

function serialisedTransaction(tx: Transaction, release: () => void): Transaction {
  const end = async (close: () => Promise<void>) => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: async (query) => {
      try {
        return await tx.executeRaw(query);
      } catch (error) {
        // Prisma sends COMMIT (or ROLLBACK) as a statement and, when it fails, never calls
        // commit()/rollback(): the transaction would stay open and hold the connection for good.
        if (CLOSING.test(query.sql)) {
          await end(async () => {
            await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
            await tx.rollback();
          });
        }
        throw error;
      }
    },
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
  };
}

/** A value a statement sent past Prisma binds: Dates as Prisma writes them on SQLite, booleans as 0/1. */
type DirectArg = string | number | boolean | Date | null | undefined;

/** Statements sent straight to better-sqlite3 (queryDirect/executeDirect in db.server.ts), in turn with Prisma's. */
export interface SqliteDirect {
  /** Rows as arrays (integers as bigint: the adapter's connection has safe integers on). */
  query(sql: string, args: readonly DirectArg[]): Promise<unknown[][]>;
  /** Rows changed. */
  execute(sql: string, args: readonly DirectArg[]): Promise<number>;
  /** False once the connection is closed ($disconnect): the caller asks Prisma to connect again. */
  readonly open: boolean;
}

type Statement = {
  reader: boolean;
  raw(on?: boolean): Statement;
  all(...args: unknown[]): unknown[][];
  run(...args: unknown[]): { changes: number | bigint };
};

/** Prisma's own text form of a DateTime on SQLite ("2026-12-06T08:52:56.897+00:00"), so direct writes sort with its writes. */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

const toSqlite = (v: DirectArg) =>
  v === undefined || v === null ? null : typeof v === "boolean" ? (v ? 1 : 0) : v instanceof Date ? sqliteDate(v) : v;

/**
 * Prepared once per SQL text (the few statements every request makes: the session, the judge's
 * autosave), bound and run in the connection's turn. The SQL uses PostgreSQL's placeholders
 * ($1…$n, the same text serves both databases); they become SQLite's positional "?".
 */
function directOn(client: { prepare(sql: string): Statement }, lock: TurnLock, isOpen: () => boolean): SqliteDirect {
  const cache = new Map<string, { stmt: Statement; order: number[] }>();
  const prepared = (sql: string) => {
    let p = cache.get(sql);
    if (!p) {
      const order: number[] = [];
      const stmt = client.prepare(sql.replace(/\$(\d+)/g, (_, n: string) => (order.push(Number(n) - 1), "?")));
      if (stmt.reader) stmt.raw(true);
      if (cache.size >= 100) cache.clear(); // constant texts in practice; the bound is a safeguard
      cache.set(sql, (p = { stmt, order }));
    }
    return p;
  };
  const bind = (order: number[], args: readonly DirectArg[]) => order.map((i) => toSqlite(args[i]));
  return {
    query: (sql, args) =>
      lock.run(async () => {
        const p = prepared(sql);
        return p.stmt.all(...bind(p.order, args));
      }),
    execute: (sql, args) =>
      lock.run(async () => {
        const p = prepared(sql);
        return Number(p.stmt.run(...bind(p.order, args)).changes);
      }),
    get open() {
      return isOpen();
    },
  };
}

function serialisedAdapter(adapter: Adapter, onConnect?: (adapter: Adapter, direct: SqliteDirect) => void): Adapter {
  const lock = new TurnLock();
  let open = true;
  // Prisma's better-sqlite3 adapter keeps its Database as `client`.
  const client = (adapter as unknown as { client?: { prepare(sql: string): Statement } }).client;
  const serialised: Adapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => lock.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.run(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    startTransaction: async (isolationLevel) => {
      const release = await lock.acquire();
      try {
        return serialisedTransaction(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    // Waits for an open transaction to end (its own time-out bounds that), then closes.
    dispose: () =>
      lock.run(() => {
        open = false;
        return adapter.dispose();
      }),
  };
  if (client && onConnect)
    onConnect(
      serialised,
      directOn(client, lock, () => open),
    );
  return serialised;
}

/**
 * Prisma's better-sqlite3 adapter factory, whose connections take every statement in turn.
 * `onConnect` receives the (serialised) connection Prisma opens and its direct path, for
 * statements sent past Prisma's query compiler (queryDirect in db.server.ts); they take their
 * turn too.
 */
export function serialisedSqlite(
  factory: Factory,
  onConnect?: (adapter: Adapter, direct: SqliteDirect) => void,
): Pick<Factory, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialisedAdapter(await factory.connect(), onConnect),
    connectToShadowDb: async () => serialisedAdapter(await factory.connectToShadowDb()),
  };
}
