// `npm run signing-key -- <list|rotate>` (scripts/signing-key.ts): the operator's view of the
// installation's signing keys (docs/decisions/036). `list` shows every key with its state;
// `rotate` makes a new active key with rotateSigningKey — the old one is retired, not deleted, and
// stays in /.well-known/did.json, so credentials, status lists and nomination packages it signed
// still verify; everything signed from now on uses the new key. Exit 0 on success, 2 when the
// command cannot run (unknown command, SIGNING_KEY set for a rotation).
import { didWebDocumentUrl } from "./did";
import {
  activeSigningKey,
  issuerDid,
  listSigningKeys,
  rotateSigningKey,
  signingKeyFromEnv,
  type SigningKeyInfo,
} from "./keys.server";
import { prisma, type Db } from "~/utils/db.server";

export const USAGE = `Usage: npm run signing-key -- <command>
  list     every signing key: id, active or retired (with the date), where the private key is
  rotate   a new active key; the old one is retired and stays in /.well-known/did.json
           (refused while SIGNING_KEY is set: then set a new SIGNING_KEY and restart)`;

export interface CliOutcome {
  exitCode: 0 | 2;
  lines: string[];
}

const day = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

function keyLine(k: SigningKeyInfo): string {
  const state = k.active ? "ACTIVE  " : `retired ${day(k.retiredAt ?? k.createdAt)}`;
  return `  ${state}  ${k.kid}  created ${day(k.createdAt)}  private key: ${k.privateKeyIn === "database" ? "in the database" : "SIGNING_KEY"}`;
}

async function list(db: Db): Promise<string[]> {
  await activeSigningKey(db); // the first use makes the key, as the app would
  const did = issuerDid();
  const keys = await listSigningKeys(db);
  return [
    `Issuer / Đơn vị cấp: ${did}`,
    `DID document: ${didWebDocumentUrl(did) ?? "?"}`,
    `${keys.length} key(s), oldest first:`,
    ...keys.map(keyLine),
  ];
}

export async function runSigningKeyCli(args: string[], db: Db = prisma): Promise<CliOutcome> {
  const [command, ...rest] = args;
  if (rest.length || (command !== "list" && command !== "rotate")) return { exitCode: 2, lines: [USAGE] };
  if (command === "list") return { exitCode: 0, lines: await list(db) };
  if (signingKeyFromEnv()) {
    return {
      exitCode: 2,
      lines: [
        "SIGNING_KEY is set: the environment decides the key. Rotate by setting SIGNING_KEY to a new key (openssl genpkey -algorithm ed25519) and restarting.",
      ],
    };
  }
  const before = (await listSigningKeys(db)).find((k) => k.active)?.kid ?? null;
  const { kid } = await rotateSigningKey(db);
  return {
    exitCode: 0,
    lines: [
      `Rotated: new active key ${kid}${before ? ` (retired: ${before})` : ""}.`,
      "Everything signed from now on uses the new key; the retired keys stay in the DID document, so what they signed still verifies.",
      "Every instance on this database signs with the new key at once; /.well-known/did.json may be cached for up to 5 minutes.",
      ...(await list(db)),
    ],
  };
}
