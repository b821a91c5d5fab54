// Certificates as signed, portable credentials (issue #15, decision 036), through the public
// interfaces: /verify/<code>/credential.json, /.well-known/did.json, the revocation status list,
// the certificate PDF's attachment, and the offline verifier (its function, and the npm script
// once for its exit code). Accepted: a genuine credential, one signed before a key rotation.
// Refused with a reason: tampered, expired, revoked, a key the issuer does not list, another issuer.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { CompactSign, decodeJwt } from "jose";
import { beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { roundWithCertificates } from "../support/certificate-round";
import { authFor } from "../support/judging-fixture";
import { call, cookieFor, get } from "../support/route-calls";
import { revokeCertificate } from "~/modules/certificates/certificates.server";
import { jwtFromText, type CertificateCredential } from "~/modules/credentials/credential";
import { backfillCredentials, statusListJwt } from "~/modules/credentials/credentials.server";
import { credentialsInPdf } from "~/modules/credentials/pdf-attachments.server";
import { runVerifyCredential } from "~/modules/credentials/verify-cli.server";
import { verifyCredentialJwt } from "~/modules/credentials/verify.server";
import { keysFromDidDocument, type DidDocument } from "~/modules/signing/did";
import { issuerDid, rotateSigningKey } from "~/modules/signing/keys.server";
import * as didRoute from "~/routes/[.well-known].did[.json]";
import * as statusRoute from "~/routes/credentials.status.revocation";
import * as pdfRoute from "~/routes/certificates.$certificateId[.pdf]";
import * as downloadRoute from "~/routes/verify.$code_.credential[.json]";
import * as verifyRoute from "~/routes/verify.$code";
import { prisma } from "~/utils/db.server";

const meta = { ip: "127.0.0.1" };
let certs: { id: string; code: string; serial: string }[];
let organiserEmail: string;
let dir: string;

async function download(code: string): Promise<{ status: number; text: string; headers: Headers }> {
  const outcome = await call(downloadRoute.loader as never, get(`/verify/${code}/credential.json`), { code });
  return {
    status: outcome.status,
    text: outcome.response ? await outcome.response.text() : "",
    headers: outcome.headers,
  };
}

async function didDocument(): Promise<DidDocument> {
  return (await ((await didRoute.loader()) as Response).json()) as DidDocument;
}

async function credentialOf(code: string): Promise<string> {
  const { status, text } = await download(code);
  expect(status).toBe(200);
  return jwtFromText(text)!;
}

async function optionsNow(now = new Date("2027-01-10T00:00:00Z")) {
  const doc = await didDocument();
  const statusList = async (url: string) => {
    expect(url).toBe(`${process.env.APP_URL ?? "http://localhost:3000"}/credentials/status/revocation`);
    return ((await statusRoute.loader()) as Response).text();
  };
  return { issuer: doc.id, keys: keysFromDidDocument(doc, doc.id), now, statusList };
}

/** The JWT with its payload edited and the original signature kept. */
function tampered(jwt: string, edit: (c: CertificateCredential) => void): string {
  const [header, payload, signature] = jwt.split(".");
  const credential = JSON.parse(Buffer.from(payload!, "base64url").toString()) as CertificateCredential;
  edit(credential);
  return [header, Buffer.from(JSON.stringify(credential)).toString("base64url"), signature].join(".");
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  const organiser = await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } });
  organiserEmail = organiser.email;
  // Certificates written directly, as older ones were: no credential until asked for.
  const roundId = await roundWithCertificates(organiser.id, 4);
  certs = await prisma.certificate.findMany({
    where: { roundId },
    orderBy: { serial: "asc" },
    select: { id: true, code: true, serial: true },
  });
  dir = fs.mkdtempSync(path.join(process.env.DATA_DIR!, "credentials-"));
});

describe("issuing and downloading", () => {
  test("an older certificate gets its credential on first download; it is stored once and served the same after", async () => {
    expect(await prisma.certificateCredential.count({ where: { certificateId: certs[0]!.id } })).toBe(0);
    const first = await download(certs[0]!.code);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Disposition")).toBe(
      `attachment; filename="chung-nhan-${certs[0]!.serial}.vc.json"`,
    );
    const json = JSON.parse(first.text) as { type: string; id: string };
    expect(json.type).toBe("EnvelopedVerifiableCredential");
    expect(json.id.startsWith("data:application/vc+jwt,")).toBe(true);
    expect((await download(certs[0]!.code)).text).toBe(first.text);
    expect(await prisma.certificateCredential.count({ where: { certificateId: certs[0]!.id } })).toBe(1);
    expect((await download("ZZZZZZZZZZ")).status).toBe(404);
  });

  test("the credential says what the certificate says, in the VC 2.0 / Open Badges 3.0 vocabulary", async () => {
    const jwt = await credentialOf(certs[0]!.code);
    const c = decodeJwt(jwt) as unknown as CertificateCredential;
    const row = await prisma.certificate.findUniqueOrThrow({ where: { id: certs[0]!.id } });
    expect(c["@context"][0]).toBe("https://www.w3.org/ns/credentials/v2");
    expect(c.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(c.issuer.id).toBe(issuerDid());
    expect(c.issuer.name).toBe("Ủy ban nhân dân tỉnh Bắc Ninh");
    expect(c.validFrom).toBe(row.issuedAt.toISOString());
    expect(c.validUntil).toBe(row.validUntil.toISOString()); // 31/12 of the fourth year
    expect(c.credentialSubject.product.name).toBe(row.productName);
    expect(c.credentialSubject.name).toBe(row.establishmentName);
    expect(c.credentialSubject.achievement.name).toBe(
      "Sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh Bắc Ninh năm 2026",
    );
    expect(c.credentialStatus.type).toBe("BitstringStatusListEntry");
    expect(c.serial).toBe(row.serial);
  });

  test("the /verify page links the download and its JSON names it", async () => {
    const page = await call(verifyRoute.loader as never, get(`/verify/${certs[0]!.code}`), { code: certs[0]!.code });
    const html = await page.response!.text();
    expect(html).toContain(`href="/verify/${certs[0]!.code}/credential.json"`);
    expect(html).toContain('href="/.well-known/did.json"');
    const json = await call(verifyRoute.loader as never, get(`/verify/${certs[0]!.code}?format=json`), {
      code: certs[0]!.code,
    });
    expect(((await json.response!.json()) as { credentialUrl: string }).credentialUrl).toMatch(/\/credential\.json$/);
  });

  test("the certificate PDF carries the same credential as an attached file", async () => {
    const cookie = await cookieFor(organiserEmail);
    const outcome = await call(pdfRoute.loader as never, get(`/certificates/${certs[1]!.id}.pdf`, cookie), {
      certificateId: certs[1]!.id,
    });
    expect(outcome.status).toBe(200);
    const pdf = new Uint8Array(await outcome.response!.arrayBuffer());
    const attached = await credentialsInPdf(pdf);
    expect(attached).toEqual([await credentialOf(certs[1]!.code)]);
    fs.writeFileSync(path.join(dir, "certificate.pdf"), pdf);
  });

  test("the seed's backfill gives every certificate a credential and is idempotent", async () => {
    await backfillCredentials();
    const total = await prisma.certificate.count();
    expect(await prisma.certificateCredential.count()).toBe(total);
    expect(await backfillCredentials()).toBe(0);
    expect(await prisma.certificateCredential.count()).toBe(total);
  });
});

describe("verifying without the server", () => {
  test("a genuine credential is accepted, with its status list entry checked", async () => {
    const result = await verifyCredentialJwt(await credentialOf(certs[0]!.code), await optionsNow());
    expect(result).toMatchObject({ ok: true, status: "active" });
  });

  test("changing any field breaks the signature", async () => {
    const jwt = await credentialOf(certs[0]!.code);
    const edits: ((c: CertificateCredential) => void)[] = [
      (c) => (c.credentialSubject.product.name = "Sản phẩm khác"),
      (c) => (c.validUntil = "2099-12-31T16:59:59.999Z"),
      (c) => (c.credentialStatus.statusListIndex = "0"),
      (c) => (c.serial = "GCN-BN-2026-9999"),
    ];
    for (const edit of edits) {
      const result = await verifyCredentialJwt(tampered(jwt, edit), await optionsNow());
      expect(result).toMatchObject({ ok: false, problem: "signature" });
    }
  });

  test("an expired credential (after 31/12 of the fourth year) and one not yet valid are refused", async () => {
    const jwt = await credentialOf(certs[0]!.code);
    expect(await verifyCredentialJwt(jwt, await optionsNow(new Date("2030-01-01T00:00:00+07:00")))).toMatchObject({
      ok: false,
      problem: "expired",
    });
    expect(await verifyCredentialJwt(jwt, await optionsNow(new Date("2029-12-31T23:00:00+07:00")))).toMatchObject({
      ok: true,
    });
    expect(await verifyCredentialJwt(jwt, await optionsNow(new Date("2026-01-01T00:00:00Z")))).toMatchObject({
      ok: false,
      problem: "notYetValid",
    });
  });

  test("a key the issuer does not list, and another issuer's credential, are refused", async () => {
    const genuine = await credentialOf(certs[0]!.code);
    const payload = decodeJwt(genuine);
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const sign = (p: object, kid: string) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(p)))
        .setProtectedHeader({ alg: "EdDSA", typ: "vc+jwt", kid })
        .sign(privateKey);
    const opts = await optionsNow();
    const forgedKid = await sign(payload, `${opts.issuer}#not-a-key-of-ours`);
    expect(await verifyCredentialJwt(forgedKid, opts)).toMatchObject({ ok: false, problem: "unknownKey" });
    // Claims one of our key ids, but the signature is another key's.
    const realKid = [...opts.keys.keys()][0]!;
    expect(await verifyCredentialJwt(await sign(payload, realKid), opts)).toMatchObject({
      ok: false,
      problem: "signature",
    });
    const other = await sign({ ...payload, issuer: { id: "did:web:other.example" } }, "did:web:other.example#k1");
    expect(await verifyCredentialJwt(other, opts)).toMatchObject({ ok: false, problem: "unknownKey" });
  });

  test("revoking a certificate flips its bit in the status list at once; the others stay valid", async () => {
    const jwt = await credentialOf(certs[2]!.code);
    const before = await statusListJwt();
    await revokeCertificate(await authFor(organiserEmail), certs[2]!.id, "Sản phẩm không còn đạt tiêu chí", meta);
    expect(await statusListJwt()).not.toBe(before);
    const result = await verifyCredentialJwt(jwt, await optionsNow());
    expect(result).toMatchObject({ ok: false, problem: "revoked" });
    expect(await verifyCredentialJwt(await credentialOf(certs[0]!.code), await optionsNow())).toMatchObject({
      ok: true,
      status: "active",
    });
    // The old list (saved before the revocation) still said "not revoked": the bit is what changed.
    expect(await verifyCredentialJwt(jwt, { ...(await optionsNow()), statusList: async () => before })).toMatchObject({
      ok: true,
      status: "active",
    });
  });

  test("a credential signed before a key rotation still verifies; new ones are signed with the new key", async () => {
    const old = await credentialOf(certs[0]!.code);
    const { kid } = await rotateSigningKey();
    const opts = await optionsNow();
    expect(await verifyCredentialJwt(old, opts)).toMatchObject({ ok: true });
    const organiser = await prisma.user.findUniqueOrThrow({ where: { email: organiserEmail } });
    const newRound = await roundWithCertificates(organiser.id, 1);
    const newCert = await prisma.certificate.findFirstOrThrow({ where: { roundId: newRound } });
    const fresh = await verifyCredentialJwt(await credentialOf(newCert.code), opts);
    expect(fresh).toMatchObject({ ok: true, kid: `${opts.issuer}#${kid}` });
  });
});

describe("npm run verify-credential", () => {
  test("offline with a saved DID document and status list: accepts a genuine file and a PDF, refuses a revoked or tampered one", async () => {
    const doc = path.join(dir, "did.json");
    const list = path.join(dir, "status.jwt");
    fs.writeFileSync(doc, JSON.stringify(await didDocument()));
    fs.writeFileSync(list, await statusListJwt());
    const good = path.join(dir, "good.vc.json");
    const revoked = path.join(dir, "revoked.vc.json");
    const changed = path.join(dir, "changed.vc.json");
    fs.writeFileSync(good, (await download(certs[0]!.code)).text);
    fs.writeFileSync(revoked, (await download(certs[2]!.code)).text);
    fs.writeFileSync(
      changed,
      tampered(await credentialOf(certs[0]!.code), (c) => (c.credentialSubject.name = "Cơ sở khác")),
    );
    const args = ["--did", doc, "--status-list", list, "--offline"];
    const ok = await runVerifyCredential([good, ...args]);
    expect(ok.exitCode).toBe(0);
    expect(ok.lines.join("\n")).toContain("HỢP LỆ / VALID");
    expect((await runVerifyCredential([path.join(dir, "certificate.pdf"), ...args])).exitCode).toBe(0);
    const no = await runVerifyCredential([revoked, ...args]);
    expect(no.exitCode).toBe(1);
    expect(no.lines.join("\n")).toMatch(/REFUSED[\s\S]*revoked/);
    expect((await runVerifyCredential([changed, ...args])).lines.join("\n")).toContain("signature does not match");
    const offlineNoKeys = await runVerifyCredential([good, "--offline"], { env: {} });
    expect(offlineNoKeys.exitCode).toBe(2);
    const unchecked = await runVerifyCredential([good, "--did", doc, "--offline"]);
    expect(unchecked.exitCode).toBe(0);
    expect(unchecked.lines.join("\n")).toContain("revocation NOT checked");
  });

  test("online: keys from the issuer's did:web and the live status list", async () => {
    const good = path.join(dir, "good.vc.json");
    const fetched: string[] = [];
    const fetchText = async (url: string) => {
      fetched.push(url);
      if (url.endsWith("/.well-known/did.json")) return JSON.stringify(await didDocument());
      return ((await statusRoute.loader()) as Response).text();
    };
    const outcome = await runVerifyCredential([good], { fetchText });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines.join("\n")).toContain("status list checked");
    expect(fetched).toHaveLength(2);
  });

  test("the npm script exits non-zero with the reason for a revoked credential", async () => {
    const run = promisify(execFile);
    const args = [
      "run",
      "--silent",
      "verify-credential",
      "--",
      path.join(dir, "revoked.vc.json"),
      "--did",
      path.join(dir, "did.json"),
      "--status-list",
      path.join(dir, "status.jwt"),
      "--offline",
    ];
    const error = await run("npm", args, { cwd: process.cwd(), timeout: 120_000 }).then(
      () => null,
      (e: { code?: number; stdout?: string }) => e,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout).toContain("BỊ TỪ CHỐI / REFUSED");
    const ok = await run(
      "npm",
      [
        "run",
        "--silent",
        "verify-credential",
        "--",
        path.join(dir, "good.vc.json"),
        "--did",
        path.join(dir, "did.json"),
        "--offline",
      ],
      {
        cwd: process.cwd(),
        timeout: 120_000,
      },
    );
    expect(ok.stdout).toContain("HỢP LỆ / VALID");
  });
});
