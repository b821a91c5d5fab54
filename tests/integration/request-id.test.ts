// The request id (server/observability.ts): a proxy's X-Request-Id is kept only when the socket's
// peer is one of TRUST_PROXY's addresses and the id is short and plain; otherwise a new UUID.
// Either way it is echoed in the response and carried by every log line inside the request.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, describe, expect, test } from "vitest";
import { currentRequestId } from "~/utils/logger.server";
import { requestObservability } from "../../server/observability";

const servers: Array<{ close(): void }> = [];
afterAll(() => servers.forEach((s) => s.close()));

async function appTrusting(proxies: string[]) {
  const app = express();
  app.use(requestObservability(proxies));
  // A handler that looks the id up after an await, as a loader deep in the app would.
  app.get("/", async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    res.json({ seen: currentRequestId() });
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return async (incoming?: string) => {
    const res = await fetch(url, { headers: incoming ? { "X-Request-Id": incoming } : {} });
    return { header: res.headers.get("x-request-id"), seen: ((await res.json()) as { seen?: string }).seen };
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request id", () => {
  test("behind a trusted proxy (here: loopback), the proxy's sane id is kept and reaches the handler", async () => {
    const get = await appTrusting(["loopback"]);
    expect(await get("0f3c9a1e5b7d4c2a9e8f1a2b3c4d5e6f")).toEqual({
      header: "0f3c9a1e5b7d4c2a9e8f1a2b3c4d5e6f",
      seen: "0f3c9a1e5b7d4c2a9e8f1a2b3c4d5e6f",
    });
    // Not sane: spaces, an e-mail address, too long. Replaced by a fresh one.
    for (const bad of ["two words", "user@example.vn", "x".repeat(129)]) {
      const { header, seen } = await get(bad);
      expect(header).toMatch(UUID);
      expect(seen).toBe(header);
    }
  });

  test("without a trusted proxy, any incoming id is ignored; each request gets its own", async () => {
    const get = await appTrusting([]);
    const first = await get("0f3c9a1e5b7d4c2a9e8f1a2b3c4d5e6f");
    const second = await get();
    expect(first.header).toMatch(UUID);
    expect(first.seen).toBe(first.header);
    expect(second.header).toMatch(UUID);
    expect(second.header).not.toBe(first.header);
  });
});
