// A visitor holding a demo certificate opens its verification page (/verify/<code>), downloads the
// signed credential (decision 036) and follows the page's links: the credential and the issuer's
// DID document answer with their own content types, and the DID document lists the key that
// signed the credential, so the file can be checked later without this site.
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { e2eDataDir } from "./utils";

const SERIAL = "GCN-BG-2024-0001";

function codeOf(serial: string): string {
  const db = new Database(path.join(e2eDataDir(), "tieubieu.db"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT "code" FROM "Certificate" WHERE "serial" = ?').get(serial) as { code: string }).code;
  } finally {
    db.close();
  }
}

const part = (jwt: string, i: number) =>
  JSON.parse(Buffer.from(jwt.split(".")[i]!, "base64url").toString("utf8")) as Record<string, unknown>;

test("a visitor downloads a demo certificate's credential from /verify and its links answer with the right content types", async ({
  page,
  request,
  baseURL,
}) => {
  const code = codeOf(SERIAL);
  await page.goto(`/verify/${code}`);
  await expect(page.getByRole("heading", { name: "Chứng nhận số" })).toBeVisible();
  await expect(page.locator("dd", { hasText: SERIAL })).toBeVisible();

  const link = page.getByRole("link", { name: "Tải chứng nhận số (JSON)" });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`chung-nhan-${SERIAL}.vc.json`);
  const saved = await download.path();
  const envelope = JSON.parse(fs.readFileSync(saved, "utf8")) as { type: string; id: string };
  expect(envelope.type).toBe("EnvelopedVerifiableCredential");
  expect(envelope.id.startsWith("data:application/vc+jwt,")).toBe(true);
  const jwt = envelope.id.slice("data:application/vc+jwt,".length);
  const header = part(jwt, 0) as { kid: string; typ: string };
  const credential = part(jwt, 1) as {
    serial: string;
    issuer: { id: string };
    credentialStatus: { statusListCredential: string };
  };
  expect(header.typ).toBe("vc+jwt");
  expect(credential.serial).toBe(SERIAL);
  const did = `did:web:${new URL(baseURL!).host.replace(":", "%3A")}`;
  expect(credential.issuer.id).toBe(did);

  // The same link fetched directly: the credential as JSON, the same bytes as the download.
  const credentialAnswer = await request.get((await link.getAttribute("href"))!);
  expect(credentialAnswer.status()).toBe(200);
  expect(credentialAnswer.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(await credentialAnswer.text()).toBe(fs.readFileSync(saved, "utf8"));

  // The issuer's DID document, linked from the page: a DID document listing the signing key.
  const didHref = await page.getByRole("link", { name: "Khóa công khai của cơ quan cấp" }).getAttribute("href");
  expect(didHref).toBe("/.well-known/did.json");
  const didAnswer = await request.get(didHref!);
  expect(didAnswer.status()).toBe(200);
  expect(didAnswer.headers()["content-type"]).toBe("application/did+json");
  const doc = (await didAnswer.json()) as { id: string; assertionMethod: string[] };
  expect(doc.id).toBe(did);
  expect(doc.assertionMethod).toContain(header.kid);

  // And the revocation status list the credential names.
  const list = await request.get(credential.credentialStatus.statusListCredential);
  expect(list.status()).toBe(200);
  expect(list.headers()["content-type"]).toBe("application/vc+jwt");
});
