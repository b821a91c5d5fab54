// A stand-in for ANOTHER installation's public endpoints, for tests of the receiving side of a
// nomination package (decision 037): a plain HTTP server on 127.0.0.1 at a free port that serves
// what a sending installation publishes — its did:web document (/.well-known/did.json) and its
// revocation Bitstring Status List credential — signed with its own Ed25519 key. Nothing of the
// app runs in it; the test decides which certificates it calls revoked and whether the list answers.
import crypto, { type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, CompactSign } from "jose";
import { STATUS_LIST_PATH, VC_CONTEXT, VC_JWT_TYPE } from "~/modules/credentials/credential";
import { encodeStatusList } from "~/modules/credentials/status-list.server";
import { buildDidDocument, didWebFromUrl, verificationMethodId, type PublicJwk } from "~/modules/signing/did";

export interface StandInKey {
  privateKey: KeyObject;
  jwk: PublicJwk;
}

export async function newStandInKey(): Promise<StandInKey> {
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const { x } = crypto.createPublicKey(privateKey).export({ format: "jwk" });
  const base = { kty: "OKP" as const, crv: "Ed25519" as const, x: x! };
  return { privateKey, jwk: { ...base, kid: await calculateJwkThumbprint(base) } };
}

export interface DidWebStandIn {
  /** did:web:127.0.0.1%3A<port> */
  did: string;
  /** http://127.0.0.1:<port> */
  url: string;
  statusListUrl: string;
  key: StandInKey;
  /** The status list indexes this "installation" says are revoked. */
  revoked: Set<number>;
  /** When false, the status list answers 503 (the DID document still answers). */
  statusListUp: boolean;
  /** Requests received, by path. */
  requests: string[];
  /** A compact JWS of this JSON payload by the stand-in's key (or another key), its kid under `asDid` (the stand-in's DID by default). */
  sign(payload: object, typ: string, key?: StandInKey, asDid?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startDidWebStandIn(): Promise<DidWebStandIn> {
  const key = await newStandInKey();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const did = didWebFromUrl(url);
  const sign = (payload: object, typ: string, signer: StandInKey = key, asDid: string = did) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: "EdDSA", typ, kid: verificationMethodId(asDid, signer.jwk.kid) })
      .sign(signer.privateKey);
  const standIn: DidWebStandIn = {
    did,
    url,
    statusListUrl: `${url}${STATUS_LIST_PATH}`,
    key,
    revoked: new Set(),
    statusListUp: true,
    requests: [],
    sign,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  server.on("request", (req, res) => {
    void (async () => {
      standIn.requests.push(req.url ?? "");
      if (req.url === "/.well-known/did.json") {
        res
          .writeHead(200, { "Content-Type": "application/did+json" })
          .end(JSON.stringify(buildDidDocument(did, [key.jwk])));
      } else if (req.url === STATUS_LIST_PATH && standIn.statusListUp) {
        const list = {
          "@context": [VC_CONTEXT],
          id: standIn.statusListUrl,
          type: ["VerifiableCredential", "BitstringStatusListCredential"],
          issuer: did,
          validFrom: new Date().toISOString(),
          credentialSubject: {
            id: `${standIn.statusListUrl}#list`,
            type: "BitstringStatusList",
            statusPurpose: "revocation",
            encodedList: encodeStatusList(standIn.revoked, 131_072),
          },
        };
        res.writeHead(200, { "Content-Type": "application/vc+jwt" }).end(await sign(list, VC_JWT_TYPE));
      } else {
        res.writeHead(req.url === STATUS_LIST_PATH ? 503 : 404).end();
      }
    })();
  });
  return standIn;
}

/** A did:web on 127.0.0.1 where nothing listens (a port taken and released at once). */
export async function unreachableDidWeb(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return didWebFromUrl(`http://127.0.0.1:${port}`);
}
