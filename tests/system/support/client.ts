// A plain-HTTP "browser without JavaScript" for the system tests: a cookie jar, forms posted as the
// pages post them (urlencoded, or multipart for uploads) with the Origin a browser sends, and
// redirects seen (not followed) so a test can assert them. Answers carry the upstream that served
// them when a round-robin proxy is in front (X-Served-By).
import { SERVED_BY } from "./proxy";

export interface Answer {
  status: number;
  headers: Headers;
  /** Where a redirect points (a path), or null. */
  location: string | null;
  /** The upstream index behind the proxy, or null when none said. */
  servedBy: number | null;
  body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface FileField {
  name: string;
  fileName: string;
  type: string;
  bytes: Buffer;
}

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    /** Sent with every request (e.g. X-Forwarded-For to act as another client address). */
    readonly headers: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(
    path: string,
    init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const method = init.method ?? "GET";
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size) headers.Cookie = this.cookieHeader();
    if (method !== "GET" && method !== "HEAD") headers.Origin = new URL(this.base).origin;
    const res = await fetch(new URL(path, this.base), {
      method,
      body: init.body,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(120_000),
    });
    for (const line of res.headers.getSetCookie()) this.store(line);
    const body = Buffer.from(await res.arrayBuffer());
    const location = res.headers.get("location");
    const servedBy = res.headers.get(SERVED_BY);
    return {
      status: res.status,
      headers: res.headers,
      location: location ? new URL(location, this.base).pathname + new URL(location, this.base).search : null,
      servedBy: servedBy === null ? null : Number(servedBy),
      body,
      text: () => body.toString("utf8"),
      json: <T>() => JSON.parse(body.toString("utf8")) as T,
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request(path, { headers });
  }

  /** A form posted as an HTML form without JavaScript posts it (application/x-www-form-urlencoded). */
  post(path: string, fields: Record<string, string>, headers?: Record<string, string>) {
    return this.request(path, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  /** A multipart form (an upload), as the browser posts `enctype="multipart/form-data"`. */
  postMultipart(path: string, fields: Record<string, string>, files: FileField[], headers?: Record<string, string>) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.name, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.fileName);
    return this.request(path, { method: "POST", body: form, headers });
  }

  private store(line: string) {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k = "", v = ""] = a.trim().split("=");
      if (k.toLowerCase() === "max-age") return Number(v) <= 0;
      if (k.toLowerCase() === "expires") return new Date(v).getTime() <= Date.now();
      return false;
    });
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** Fails with the answer's start when its status is not the expected one (shows Remix's error page). */
export function expectStatus(answer: Answer, ...expected: number[]): Answer {
  if (!expected.includes(answer.status)) {
    throw new Error(
      `expected HTTP ${expected.join(" or ")}, got ${answer.status} (from upstream ${answer.servedBy}):\n${answer.text().slice(0, 1500)}`,
    );
  }
  return answer;
}
