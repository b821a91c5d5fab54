// The operator's key rotation (`npm run signing-key -- list|rotate`, decision 036): a rotation
// retires the active key without deleting it, the DID document keeps it, a credential signed
// before the rotation still verifies with the offline verifier (`npm run verify-credential`'s
// logic, against the DID document saved after the rotation), and new credentials carry the new key.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { decodeProtectedHeader } from "jose";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { seed } from "../../prisma/seed";
import { roundWithCertificates } from "../support/certificate-round";
import { envelope } from "~/modules/credentials/credential";
import { credentialForCode } from "~/modules/credentials/credentials.server";
import { runVerifyCredential } from "~/modules/credentials/verify-cli.server";
import { runSigningKeyCli } from "~/modules/signing/keys-cli.server";
import { issuerDid } from "~/modules/signing/keys.server";
import * as didRoute from "~/routes/[.well-known].did[.json]";
import { prisma } from "~/utils/db.server";

let organiserId: string;
let dir: string;

/** A new certificate's credential file (.vc.json) and its key id. */
async function newCredentialFile(name: string): Promise<{ file: string; kid: string }> {
  const roundId = await roundWithCertificates(organiserId, 1);
  const cert = await prisma.certificate.findFirstOrThrow({ where: { roundId }, select: { code: true } });
  const { jwt } = (await credentialForCode(cert.code))!;
  const file = path.join(dir, `${name}.vc.json`);
  fs.writeFileSync(file, JSON.stringify(envelope(jwt)));
  return { file, kid: String(decodeProtectedHeader(jwt).kid) };
}

async function savedDidDocument(): Promise<string> {
  const file = path.join(dir, "did.json");
  fs.writeFileSync(file, await ((await didRoute.loader()) as Response).text());
  return file;
}

beforeAll(async () => {
  await seed(prisma, { demo: true });
  organiserId = (await prisma.user.findUniqueOrThrow({ where: { email: "organiser.bacninh@tieubieu.test" } })).id;
  dir = fs.mkdtempSync(path.join(process.env.DATA_DIR!, "signing-key-"));
});

afterEach(() => {
  delete process.env.SIGNING_KEY;
});

describe("npm run signing-key", () => {
  test("rotate: the old key is retired but listed; old credentials verify, new ones use the new key", async () => {
    const old = await newCredentialFile("before");
    const oldKid = old.kid.slice(`${issuerDid()}#`.length);
    const listed = await runSigningKeyCli(["list"]);
    expect(listed.exitCode).toBe(0);
    expect(listed.lines.join("\n")).toMatch(new RegExp(`ACTIVE\\s+${oldKid}`));

    const rotated = await runSigningKeyCli(["rotate"]);
    expect(rotated.exitCode).toBe(0);
    const newKid = /new active key (\S+) \(retired: (\S+)\)/.exec(rotated.lines[0]!);
    expect(newKid?.[2]).toBe(oldKid);
    expect(newKid?.[1]).not.toBe(oldKid);
    const after = (await runSigningKeyCli(["list"])).lines.join("\n");
    expect(after).toMatch(new RegExp(`ACTIVE\\s+${newKid![1]}`));
    expect(after).toMatch(new RegExp(`retired \\S+ \\S+ UTC\\s+${oldKid}`));
    expect(await prisma.signingKey.count()).toBe(2);

    // The DID document as it is after the rotation, saved for an offline check: both keys.
    const doc = await savedDidDocument();
    const methods = (JSON.parse(fs.readFileSync(doc, "utf8")) as { assertionMethod: string[] }).assertionMethod;
    expect(methods).toEqual(expect.arrayContaining([old.kid, `${issuerDid()}#${newKid![1]}`]));
    const verifiedOld = await runVerifyCredential([old.file, "--did", doc, "--offline"]);
    expect(verifiedOld.exitCode).toBe(0);
    expect(verifiedOld.lines.join("\n")).toContain("HỢP LỆ / VALID");

    const fresh = await newCredentialFile("after");
    expect(fresh.kid).toBe(`${issuerDid()}#${newKid![1]}`);
    expect((await runVerifyCredential([fresh.file, "--did", doc, "--offline"])).exitCode).toBe(0);
    // A DID document without the retired key (as if rotation had dropped it) refuses the old one.
    const pruned = path.join(dir, "pruned-did.json");
    const full = JSON.parse(fs.readFileSync(doc, "utf8")) as {
      verificationMethod: { id: string }[];
      assertionMethod: string[];
    };
    fs.writeFileSync(
      pruned,
      JSON.stringify({
        ...full,
        verificationMethod: full.verificationMethod.filter((m) => m.id !== old.kid),
        assertionMethod: full.assertionMethod.filter((m) => m !== old.kid),
      }),
    );
    const refused = await runVerifyCredential([old.file, "--did", pruned, "--offline"]);
    expect(refused.exitCode).toBe(1);
  });

  test("rotate is refused while SIGNING_KEY decides the key; an unknown command shows the usage", async () => {
    const count = await prisma.signingKey.count();
    process.env.SIGNING_KEY = (await import("node:crypto"))
      .generateKeyPairSync("ed25519")
      .privateKey.export({ format: "pem", type: "pkcs8" })
      .toString();
    const refused = await runSigningKeyCli(["rotate"]);
    expect(refused.exitCode).toBe(2);
    expect(refused.lines.join("\n")).toContain("SIGNING_KEY is set");
    expect(await prisma.signingKey.count()).toBe(count);
    delete process.env.SIGNING_KEY;
    const unknown = await runSigningKeyCli(["delete"]);
    expect(unknown).toMatchObject({ exitCode: 2 });
    expect(unknown.lines[0]).toContain("npm run signing-key -- <command>");
  });

  test("the npm script lists the keys of the database it is given", async () => {
    const run = promisify(execFile);
    const { stdout } = await run("npm", ["run", "--silent", "signing-key", "--", "list"], {
      cwd: process.cwd(),
      timeout: 120_000,
      env: process.env,
    });
    const active = (await prisma.signingKey.findFirstOrThrow({ where: { activeSlot: 1 }, select: { kid: true } })).kid;
    expect(stdout).toMatch(new RegExp(`ACTIVE\\s+${active}`));
    expect(stdout).toContain(`${await prisma.signingKey.count()} key(s)`);
  });
});
