// A small round-robin HTTP load balancer on loopback, for the system tests: every request goes to
// the next upstream in turn (not per connection), with the Host header kept (the app checks the
// Origin of a POST against APP_URL, the proxy's address) and the client's address appended to
// X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does. The instances run with
// TRUST_PROXY=loopback, so they take the client's address from that header.
// Each answer says which upstream served it (X-Served-By: its index), so a test can assert that
// a chain really crossed instances.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { itemAt } from "../../../app/utils/arrays";

export interface RoundRobinProxy {
  url: string;
  port: number;
  /** The index of the upstream the next request goes to. */
  next(): number;
  /** How many requests each upstream has served. */
  served: number[];
  close(): Promise<void>;
}

export const SERVED_BY = "x-served-by";

export async function startRoundRobinProxy(upstreams: string[], port = 0): Promise<RoundRobinProxy> {
  let turn = 0;
  const served = upstreams.map(() => 0);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const index = turn;
    turn = (turn + 1) % upstreams.length;
    served[index] = itemAt(served, index, "served counts") + 1;
    const target = new URL(req.url ?? "/", upstreams[index]);
    const forwarded = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      target,
      {
        method: req.method,
        agent,
        headers: { ...req.headers, "x-forwarded-for": forwarded, "x-forwarded-proto": "http" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, [SERVED_BY]: String(index) });
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain", [SERVED_BY]: String(index) });
      res.end(`bad gateway: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    next: () => turn,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
