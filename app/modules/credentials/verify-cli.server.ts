// `npm run verify-credential <file>` (scripts/verify-credential.ts): verifies certificate
// credentials without our server. The file is a credential (.vc.json or a bare VC-JWT) or a
// certificate PDF with its attached credentials. The issuer's keys come from a saved DID document
// (--did did.json) or, online, from the issuer's did:web; the revocation bit from a saved status
// list (--status-list) or, online, from the list's URL. Output in Vietnamese and English; exit 0
// when every credential is accepted, 1 when one is refused, 2 when the command cannot run.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { didWebDocumentUrl, didWebFromUrl, keysFromDidDocument } from "../signing/did";
import { jwtFromText } from "./credential";
import { credentialsInPdf } from "./pdf-attachments.server";
import { verifyCredentialJwt, type VerifyResult } from "./verify.server";

export const USAGE = `Usage: npm run verify-credential -- <file> [--did did.json] [--issuer did:web:…] [--status-list file] [--offline]
  <file>           a credential (.vc.json, or a bare VC-JWT) or a certificate PDF carrying one
  --did            the issuer's DID document, saved from https://<host>/.well-known/did.json (offline)
  --issuer         the DID to trust (default: the --did document's, else the did:web of APP_URL)
  --status-list    a saved copy of the revocation status list (offline revocation check)
  --offline        no network: keys from --did, revocation only from --status-list`;

export interface CliOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
}

type Fetcher = (url: string) => Promise<string>;

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(10_000),
    headers: { Accept: "application/did+json, application/vc+jwt, application/json" },
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

async function readCredentials(file: string): Promise<string[]> {
  const bytes = fs.readFileSync(file);
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return credentialsInPdf(bytes);
  const jwt = jwtFromText(bytes.toString("utf8"));
  return jwt ? [jwt] : [];
}

function describe(result: VerifyResult & { ok: true }): string[] {
  const c = result.credential;
  const status =
    result.status === "active"
      ? "chưa bị thu hồi (đã kiểm tra danh sách thu hồi) / not revoked (status list checked)"
      : "CHƯA kiểm tra thu hồi (không có mạng hoặc danh sách) / revocation NOT checked (offline, no status list)";
  return [
    `✓ HỢP LỆ / VALID: ${c.serial ?? c.id}`,
    `  ${c.credentialSubject?.achievement?.name ?? c.name}`,
    `  Sản phẩm / product: ${c.credentialSubject?.product?.name ?? "?"} — ${c.credentialSubject?.name ?? "?"}`,
    `  Cơ quan cấp / issuer: ${c.issuer?.name ?? ""} (${c.issuer?.id}), khóa / key ${result.kid}`,
    `  Hiệu lực / valid: ${c.validFrom} → ${c.validUntil}`,
    `  Trạng thái / status: ${status}`,
  ];
}

export async function runVerifyCredential(
  argv: string[],
  opts: { fetchText?: Fetcher; now?: Date; env?: Record<string, string | undefined> } = {},
): Promise<CliOutcome> {
  const env = opts.env ?? process.env;
  const fetcher = opts.fetchText ?? fetchText;
  let values: { did?: string; issuer?: string; "status-list"?: string; offline?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        did: { type: "string" },
        issuer: { type: "string" },
        "status-list": { type: "string" },
        offline: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    return { exitCode: 2, lines: [(error as Error).message, USAGE] };
  }
  const file = positionals[0];
  if (positionals.length !== 1 || !file) return { exitCode: 2, lines: [USAGE] };
  if (!fs.existsSync(file)) return { exitCode: 2, lines: [`Không tìm thấy tệp / no such file: ${file}`] };

  let didDoc: unknown = null;
  if (values.did) {
    try {
      didDoc = JSON.parse(fs.readFileSync(values.did, "utf8"));
    } catch {
      return { exitCode: 2, lines: [`Tệp DID không đọc được / cannot read the DID document: ${values.did}`] };
    }
  }
  const issuer =
    values.issuer ?? (didDoc as { id?: string } | null)?.id ?? didWebFromUrl(env.APP_URL || "http://localhost:3000");
  if (!didDoc) {
    const url = didWebDocumentUrl(issuer);
    if (values.offline || !url)
      return {
        exitCode: 2,
        lines: [`Cần tệp DID của ${issuer} khi không có mạng / offline: give --did <saved did.json> of ${issuer}`],
      };
    try {
      didDoc = JSON.parse(await fetcher(url));
    } catch (error) {
      return {
        exitCode: 2,
        lines: [
          `Không tải được khóa của cơ quan cấp / cannot fetch the issuer's keys from ${url}: ${(error as Error).message}`,
        ],
      };
    }
  }
  const keys = keysFromDidDocument(didDoc, issuer);
  if (!keys.size)
    return {
      exitCode: 2,
      lines: [`Tài liệu DID không có khóa nào của ${issuer} / the DID document lists no keys of ${issuer}`],
    };

  const savedList = values["status-list"] ? fs.readFileSync(values["status-list"], "utf8") : null;
  const statusList = async (url: string) => {
    if (savedList !== null) return savedList;
    if (values.offline) return null;
    try {
      return await fetcher(url);
    } catch {
      return null;
    }
  };

  const jwts = await readCredentials(file);
  if (!jwts.length)
    return {
      exitCode: 1,
      lines: [`✗ BỊ TỪ CHỐI / REFUSED: ${file} không chứa chứng nhận số nào / holds no credential`],
    };
  const lines: string[] = [];
  let refused = false;
  for (const jwt of jwts) {
    const result = await verifyCredentialJwt(jwt, { issuer, keys, statusList, now: opts.now });
    if (result.ok) lines.push(...describe(result));
    else {
      refused = true;
      lines.push(
        `✗ BỊ TỪ CHỐI / REFUSED${result.credential?.serial ? `: ${result.credential.serial}` : ""}`,
        `  Lý do / reason (${result.problem}): ${result.reason}`,
      );
    }
  }
  return { exitCode: refused ? 1 : 0, lines };
}
