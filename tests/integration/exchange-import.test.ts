// The receiving side of a nomination package (decision 037) against a sending installation that
// is a stand-in HTTP server (tests/support/did-web-stand-in.ts): its did:web document and status
// list are real HTTP answers the import fetches. A package made here (buildNominationPackage) is
// re-issued as the stand-in's — sender, credentials and manifest signed with the stand-in's key —
// with new serials, so it is new to this database. Refusals must say why and write nothing.
import crypto from "node:crypto";
import { decodeJwt } from "jose";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_OPEN_REGION_ROUND } from "../../prisma/demo-register";
import { seed } from "../../prisma/seed";
import {
  newStandInKey,
  startDidWebStandIn,
  unreachableDidWeb,
  type DidWebStandIn,
  type StandInKey,
} from "../support/did-web-stand-in";
import { authFor } from "../support/judging-fixture";
import { call, get } from "../support/route-calls";
import type { Auth } from "~/modules/auth/auth.server";
import type { CertificateCredential } from "~/modules/credentials/credential";
import { backfillCredentials, ensureCredentials } from "~/modules/credentials/credentials.server";
import { buildNominationPackage } from "~/modules/exchange/package-export.server";
import type { Manifest } from "~/modules/exchange/package-format";
import { importNominationPackage, type ImportOptions } from "~/modules/exchange/package-import.server";
import { JWS_TYPE, sha256Hex } from "~/modules/exchange/package-signature.server";
import * as productRoute from "~/routes/products.$productId";
import * as listRoute from "~/routes/products._index";
import * as verifyRoute from "~/routes/verify.$code";
import * as credentialRoute from "~/routes/verify.$code_.credential[.json]";
import { prisma } from "~/utils/db.server";
import { DomainError } from "~/utils/errors";
import { translate } from "~/utils/i18n";

const meta = { ip: "127.0.0.1" };
let standIn: DidWebStandIn;
let region: Auth;
let targetRoundId: string;
/** A package of one Bắc Giang 2024 certificate as this installation makes it. */
let original: Buffer;
let reissues = 0;
/** The certificate the first (accepted) import mirrored here. */
let mirrored: { serial: string; code: string };

beforeAll(async () => {
  await seed(prisma, { demo: true, demoRound: true });
  standIn = await startDidWebStandIn();
  region = await authFor("organiser.mienbac@tieubieu.test");
  targetRoundId = (
    await prisma.round.findFirstOrThrow({ where: { name: DEMO_OPEN_REGION_ROUND }, select: { id: true } })
  ).id;
  const cert = await prisma.certificate.findUniqueOrThrow({
    where: { serial: "GCN-BG-2024-0001" },
    select: { id: true, roundId: true },
  });
  const province = await authFor("organiser.bacninh@tieubieu.test");
  original = (await buildNominationPackage(province, cert.roundId, [cert.id], meta)).bytes;
});

afterAll(async () => {
  await standIn?.close();
});

interface Reissue {
  /** Signs manifest.jws with this key (claiming a key id of the stand-in's DID). */
  signer?: StandInKey;
  /** The status list index each credential gets. */
  statusIndex?: number;
  /** Edits the manifest before it is signed. */
  edit?: (manifest: Manifest) => void;
  /** Changes the ZIP after signing. */
  after?: (zip: JSZip, manifest: Manifest) => Promise<void>;
}

/** The original package as the stand-in installation would have sent it; new package id and serials. */
async function asStandInPackage(options: Reissue = {}): Promise<{ bytes: Buffer; manifest: Manifest }> {
  const n = ++reissues;
  const zip = await JSZip.loadAsync(original);
  const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as Manifest;
  manifest.id = crypto.randomUUID();
  manifest.sender = { did: standIn.did, url: standIn.url };
  for (const item of manifest.nominations) {
    item.certificate.serial = `SI${n}-${item.certificate.serial}`;
    item.certificate.code = `S${n}${item.certificate.code}`.slice(0, 10);
    const credentialFile = item.credential!;
    const credential = decodeJwt(
      await zip.file(credentialFile.path)!.async("string"),
    ) as unknown as CertificateCredential;
    credential.issuer.id = standIn.did;
    credential.serial = item.certificate.serial;
    credential.credentialStatus.statusListCredential = standIn.statusListUrl;
    credential.credentialStatus.statusListIndex = String(options.statusIndex ?? 1000 + n);
    credential.credentialStatus.id = `${standIn.statusListUrl}#${credential.credentialStatus.statusListIndex}`;
    const jwt = Buffer.from(await standIn.sign(credential, "vc+jwt"));
    zip.file(credentialFile.path, jwt);
    Object.assign(credentialFile, { sha256: sha256Hex(jwt), size: jwt.length });
  }
  options.edit?.(manifest);
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2));
  const claim = { manifestSha256: sha256Hex(manifestBytes), packageId: manifest.id, iss: manifest.sender.did };
  zip.file("manifest.json", manifestBytes);
  zip.file("manifest.jws", await standIn.sign(claim, JWS_TYPE, options.signer, manifest.sender.did));
  await options.after?.(zip, manifest);
  return { bytes: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), manifest };
}

const trusting = (...dids: string[]): ImportOptions => ({ trusted: new Set(dids) });

async function footprint() {
  return {
    rounds: await prisma.round.count(),
    certificates: await prisma.certificate.count(),
    entries: await prisma.entry.count(),
    products: await prisma.product.count(),
    files: await prisma.storedFile.count(),
    packages: await prisma.exchangePackage.count(),
    audit: await prisma.auditLog.count({ where: { action: "nomination.package.import" } }),
  };
}

/** The import's refusal: its message key and the Vietnamese sentence the organiser reads; nothing written. */
async function refusal(bytes: Buffer, opts: ImportOptions): Promise<{ key: string; message: string }> {
  const before = await footprint();
  const error = await importNominationPackage(region, targetRoundId, bytes, meta, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  expect(e.status).toBeGreaterThanOrEqual(400);
  expect(await footprint()).toEqual(before);
  return { key: e.messageKey, message: translate("vi", e.messageKey, e.params) };
}

describe("refusals of a package from another installation", () => {
  test("the stand-in's own package is accepted (so the refusals below are about what they change)", async () => {
    const { bytes, manifest } = await asStandInPackage();
    const done = await importNominationPackage(region, targetRoundId, bytes, meta, trusting(standIn.did));
    expect(done).toMatchObject({ already: false, sender: standIn.did });
    expect(done.entries.map((e) => e.serial)).toEqual([manifest.nominations[0]!.certificate.serial]);
    expect(standIn.requests).toContain("/.well-known/did.json");
    mirrored = { serial: manifest.nominations[0]!.certificate.serial, code: manifest.nominations[0]!.certificate.code };
  });

  test("a sender not on the trust list whose did:web cannot be reached is refused for not being trusted", async () => {
    const nowhere = await unreachableDidWeb();
    const { bytes } = await asStandInPackage({ edit: (m) => (m.sender.did = nowhere) });
    const { key, message } = await refusal(bytes, trusting(standIn.did));
    expect(key).toBe("exchange.error.untrustedSender");
    expect(message).toContain(nowhere);
    expect(message).toContain("EXCHANGE_TRUSTED_SENDERS");
    // Trust is decided before any request: a reachable but untrusted sender is not even asked.
    const asked = standIn.requests.length;
    const own = await asStandInPackage();
    expect((await refusal(own.bytes, trusting(nowhere))).key).toBe("exchange.error.untrustedSender");
    expect(standIn.requests).toHaveLength(asked);
  });

  test("a trusted sender whose did:web cannot be reached is refused: its keys could not be read", async () => {
    const nowhere = await unreachableDidWeb();
    const { bytes } = await asStandInPackage({ edit: (m) => (m.sender.did = nowhere) });
    const { key, message } = await refusal(bytes, trusting(nowhere));
    expect(key).toBe("exchange.error.didUnreachable");
    expect(message).toContain(nowhere);
    expect(message).toContain(`http://${nowhere.slice("did:web:".length).replace("%3A", ":")}/.well-known/did.json`);
  });

  test("a package signed by a key the sender's DID document does not list is refused", async () => {
    const stranger = await newStandInKey();
    const { bytes } = await asStandInPackage({ signer: stranger });
    const { key, message } = await refusal(bytes, trusting(standIn.did));
    expect(key).toBe("exchange.error.unknownKey");
    expect(message).toContain(`${standIn.did}#${stranger.jwk.kid}`);
  });

  test("a dossier file whose signed hash is not the file's is refused, however the two came apart", async () => {
    // The manifest (signed) lists another hash for the file: the signature holds, the file does not.
    const edited = await asStandInPackage({
      edit: (m) => {
        const file = m.nominations[0]!.dossier.files[0]!;
        file.sha256 = sha256Hex(Buffer.from("another file"));
      },
    });
    const first = await refusal(edited.bytes, trusting(standIn.did));
    expect(first.key).toBe("exchange.error.fileChanged");
    expect(first.message).toContain(edited.manifest.nominations[0]!.dossier.files[0]!.path);
    // The file changed after signing, same size.
    const changed = await asStandInPackage({
      after: async (zip, m) => {
        const { path } = m.nominations[0]!.dossier.files[0]!;
        const bytes = await zip.file(path)!.async("nodebuffer");
        bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
        zip.file(path, bytes);
      },
    });
    const second = await refusal(changed.bytes, trusting(standIn.did));
    expect(second.key).toBe("exchange.error.fileChanged");
    expect(second.message).toContain("SHA-256");
  });
});

describe("the certificate's revocation status, read live from the sender", () => {
  const lastImportAudit = () =>
    prisma.auditLog.findFirstOrThrow({
      where: { action: "nomination.package.import" },
      orderBy: { createdAt: "desc" },
      select: { after: true },
    });

  test("the sender's status list answers: the bit is read now, and the result and audit line say it was", async () => {
    const asked = standIn.requests.filter((r) => r === "/credentials/status/revocation").length;
    const { bytes, manifest } = await asStandInPackage({ statusIndex: 4242 });
    standIn.revoked = new Set([4241, 4243]); // neighbours revoked, this one not
    const done = await importNominationPackage(region, targetRoundId, bytes, meta, trusting(standIn.did));
    const serial = manifest.nominations[0]!.certificate.serial;
    expect(done.statusChecks).toEqual([{ serial, source: "live" }]);
    expect(standIn.requests.filter((r) => r === "/credentials/status/revocation")).toHaveLength(asked + 1);
    expect((await lastImportAudit()).after).toMatchObject({
      serials: [serial],
      statusChecks: [{ serial, source: "live" }],
    });
  });

  test("a certificate revoked at the sender after the export is refused, though the signed manifest says it is not", async () => {
    const { bytes, manifest } = await asStandInPackage({ statusIndex: 777 });
    expect(manifest.nominations[0]!.certificate.revokedAt).toBeNull();
    standIn.revoked = new Set([777]);
    const { key, message } = await refusal(bytes, trusting(standIn.did));
    expect(key).toBe("exchange.error.revokedAtSender");
    expect(message).toContain(manifest.nominations[0]!.certificate.serial);
    expect(message).toContain(standIn.did);
    standIn.revoked = new Set();
  });

  test("the sender's status list cannot be reached: the manifest's status is taken, and the result and audit line say why", async () => {
    standIn.statusListUp = false;
    try {
      standIn.revoked = new Set([778]); // would refuse it, were the list readable
      const { bytes, manifest } = await asStandInPackage({ statusIndex: 778 });
      const done = await importNominationPackage(region, targetRoundId, bytes, meta, trusting(standIn.did));
      const serial = manifest.nominations[0]!.certificate.serial;
      expect(done.entries.map((e) => e.serial)).toEqual([serial]);
      expect(done.statusChecks).toEqual([{ serial, source: "manifest", reason: `${standIn.statusListUrl}: HTTP 503` }]);
      expect((await lastImportAudit()).after).toMatchObject({
        statusChecks: [{ serial, source: "manifest", reason: expect.stringContaining("HTTP 503") }],
      });
    } finally {
      standIn.statusListUp = true;
      standIn.revoked = new Set();
    }
  });
});

describe("a mirrored certificate says which installation issued it", () => {
  const host = () => standIn.url.slice("http://".length);

  test("on the public register and the product's page", async () => {
    const cert = await prisma.certificate.findUniqueOrThrow({
      where: { serial: mirrored.serial },
      select: { productId: true, year: true },
    });
    const list = await call(listRoute.loader as never, get(`/products?year=${cert.year}`));
    const rows = (list.data as { rows: Array<{ serial: string; issuedBy: { did: string; host: string } | null }> })
      .rows;
    expect(rows.find((r) => r.serial === mirrored.serial)?.issuedBy).toMatchObject({ did: standIn.did, host: host() });
    // This installation's own certificates say nothing of the kind.
    expect(rows.filter((r) => r.serial.startsWith("GCN-")).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.serial.startsWith("GCN-")).every((r) => r.issuedBy === null)).toBe(true);
    const page = await call(productRoute.loader as never, get(`/products/${cert.productId}`), {
      productId: cert.productId,
    });
    const certificates = (page.data as { certificates: Array<{ serial: string; issuedBy: { host: string } | null }> })
      .certificates;
    expect(certificates).toEqual([
      expect.objectContaining({
        serial: mirrored.serial,
        issuedBy: expect.objectContaining({ host: host(), url: standIn.url }),
      }),
    ]);
  });

  test("on /verify, which sends the visitor to the issuer's own verification page and credential", async () => {
    const outcome = await call(verifyRoute.loader as never, get(`/verify/${mirrored.code}`), { code: mirrored.code });
    const html = await outcome.response!.text();
    expect(html).toContain(translate("vi", "register.issuedBy", { host: host() }));
    expect(html).toContain(standIn.did);
    expect(html).toContain(`href="${standIn.url}/verify/${mirrored.code}"`);
    expect(html).toContain(`href="${standIn.url}/verify/${mirrored.code}/credential.json"`);
    expect(html).not.toContain(`href="/verify/${mirrored.code}/credential.json"`);
    const json = await call(verifyRoute.loader as never, get(`/verify/${mirrored.code}?format=json`), {
      code: mirrored.code,
    });
    expect(await json.response!.json()).toMatchObject({
      issuedBy: { did: standIn.did, host: host(), verifyUrl: `${standIn.url}/verify/${mirrored.code}` },
    });
    // Its credential is the issuer's to sign: this installation points there and signs nothing.
    const download = await call(credentialRoute.loader as never, get(`/verify/${mirrored.code}/credential.json`), {
      code: mirrored.code,
    });
    expect(download.status).toBe(302);
    expect(download.headers.get("Location")).toBe(`${standIn.url}/verify/${mirrored.code}/credential.json`);
    const id = (
      await prisma.certificate.findUniqueOrThrow({ where: { serial: mirrored.serial }, select: { id: true } })
    ).id;
    expect(await prisma.certificateCredential.count({ where: { certificateId: id } })).toBe(0);
  });

  test("nor does the seed's backfill or the certificate PDF sign one: only the issuer signs its certificates", async () => {
    const id = (
      await prisma.certificate.findUniqueOrThrow({ where: { serial: mirrored.serial }, select: { id: true } })
    ).id;
    const own = await prisma.certificate.findFirstOrThrow({
      where: {
        serial: { not: mirrored.serial },
        roundId: { notIn: (await prisma.exchangeSourceRound.findMany()).map((r) => r.roundId) },
      },
      select: { id: true },
    });
    await backfillCredentials();
    expect((await ensureCredentials([id, own.id])).has(id)).toBe(false);
    expect(await prisma.certificateCredential.count({ where: { certificateId: id } })).toBe(0);
    expect(await prisma.certificateCredential.count({ where: { certificateId: own.id } })).toBe(1); // this installation's own: signed
  });
});
