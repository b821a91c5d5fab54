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

function serialisedAdapter(adapter: Adapter): Adapter {
  const lock = new TurnLock();
  return {
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
    dispose: () => lock.run(() => adapter.dispose()),
  };
}

/**
 * Prisma's better-sqlite3 adapter factory, whose connections take every statement in turn.
 * `onConnect` receives the (serialised) connection Prisma opens, for statements sent past
 * Prisma's query compiler (queryDirect in db.server.ts); they take their turn too.
 */
export function serialisedSqlite(
  factory: Factory,
  onConnect?: (adapter: Adapter) => void,
): Pick<Factory, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = serialisedAdapter(await factory.connect());
      onConnect?.(adapter);
      return adapter;
    },
    connectToShadowDb: async () => serialisedAdapter(await factory.connectToShadowDb()),
  };
}
