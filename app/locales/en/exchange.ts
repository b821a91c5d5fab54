// Exchange between installations and open data (issue #15).
import type { exchange as vi } from "../vi/exchange";

export const exchange: Record<keyof typeof vi, string> = {
  "openData.publisher": "Organiser of the outstanding rural industrial products programme",
  "openData.catalogTitle": "Open data: outstanding rural industrial products",
  "openData.catalogDescription":
    "Open data catalogue of the outstanding rural industrial products platform: the register of certificates, as CSV and JSON downloads and through an API.",
  "openData.datasetTitle": "Register of outstanding rural industrial products",
  "openData.datasetDescription":
    "Each row is one certificate of an outstanding rural industrial product (provincial, regional or national level): serial, product, group, establishment, province, level, year, issue date, validity and current status.",
  "openData.keywords": "rural industry, outstanding products, industrial promotion, certificates",
  "openData.csvTitle": "The whole register (CSV)",
  "openData.jsonTitle": "The whole register (JSON)",
  "openData.apiTitle": "Register search API (JSON, paged)",
  "exchange.error.notDidWeb": "The sender {did} is not a did:web identifier; its signature cannot be checked.",
  "exchange.error.didUnreachable":
    "Could not fetch the public keys of the sender {did} at {url} ({reason}). The package was not imported; try again later.",
  "exchange.error.untrustedSender":
    "The sender {did} is not on this installation's trust list (EXCHANGE_TRUSTED_SENDERS). The package was not imported.",
  "exchange.error.badSignature":
    "The package's signature is not valid: it was not signed by the sending installation, or it was changed. The package was not imported.",
  "exchange.error.unknownKey":
    "The key {kid} that signed the package is not among the keys {did} publishes. The package was not imported.",
  "exchange.error.manifestChanged":
    "The manifest (manifest.json) was changed after it was signed. The package was not imported.",
  "exchange.error.fileMissing": "File {name} of dossier {serial} is missing. The package was not made or not imported.",
  "exchange.error.fileChanged":
    "File {path} in the package does not match its signed SHA-256 hash: it was changed. The package was not imported.",
  "exchange.error.fileType":
    "File {path} is not a readable image (JPEG, PNG, WebP) or PDF. The package was not imported.",
  "exchange.error.notZip": "The uploaded file is not a readable ZIP file.",
  "exchange.error.notPackage": "The ZIP file is not a nomination package: manifest.json or manifest.jws is missing.",
  "exchange.error.badManifest": "The package's manifest does not match the format (version 1): {detail}.",
  "exchange.error.badCredential":
    "The verifiable credential of certificate {serial} is not validly signed by the sender. The package was not imported.",
  "exchange.error.revokedAtSender":
    "Certificate {serial} has been revoked by its issuing installation ({did}), according to that installation's current status list. The package was not imported.",
  "exchange.error.statusListInvalid":
    "The revocation status list {url} of certificate {serial} cannot be trusted: {reason}. The package was not imported.",
  "exchange.error.unknownProvince":
    "Province {name} (code {code}) is not in this installation's list. The package was not imported.",
  "exchange.error.certificateClash":
    "This installation already has a different certificate numbered {serial} or with the same verification code. The package was not imported.",
  "exchange.error.importedElsewhere": "This package was already imported into another round.",
  "exchange.error.fileRequired": "Choose a file to upload.",
  "exchange.error.tooLarge": "The file is larger than {max} MB.",
  "exchange.mirror.description":
    "A round of another installation ({url}, {did}), kept from a nomination package received.",
  "exchange.mirror.revoked": "Revoked by the issuing installation.",
  "exchange.package.title": "Nomination package for another installation",
  "exchange.package.intro":
    "For a higher-tier round held on another installation: download one package (ZIP) with the frozen dossiers, certificates, the recognition decision and this installation's digital signature, and send it to the higher-tier organiser.",
  "exchange.package.download": "Download the nomination package (ZIP)",
  "exchange.package.selectLabel": "Put {serial} – {product} in the package",
  "exchange.import.title": "Import a nomination package",
  "exchange.import.intro":
    "Import a nomination package (ZIP) sent by a province's installation. Its signature, every file's hash, the certificates' validity and the province's quota and region are checked; on any problem nothing is imported. Importing the same package again creates nothing new.",
  "exchange.import.file": "Nomination package (ZIP)",
  "exchange.import.submit": "Import the package",
  "exchange.import.done": "{count} nominations from {sender} imported into {round}.",
  "exchange.import.doneStatusFromManifest":
    "{count} nominations from {sender} imported into {round}. The sender's revocation list could not be read, so the status of {unchecked} certificates is the signed package's (recorded in the audit log).",
  "exchange.import.already": "This package was imported before ({count} dossiers); nothing new.",
  "exchange.import.refused": "The package was not imported; no dossier was created:",
  "exchange.import.trusted": "Trusted installations: {list}",
  "exchange.import.noneTrusted":
    "No trusted installation is configured (EXCHANGE_TRUSTED_SENDERS): every package will be refused.",
  "exchange.import.link": "Import a nomination package from another installation",
};
