import type { nominations as vi } from "../vi/nominations";

export const nominations: Record<keyof typeof vi, string> = {
  "nominations.title": "Nominate to the next tier",
  "nominations.intro":
    "Choose products recognised in this round to nominate into an open {level} round. Their dossiers are reused (no re-upload), with this round's recognition decision and certificate attached; the higher tier's organiser screens them like any entry.",
  "nominations.target": "Receiving round",
  "nominations.targetHint": "Only open rounds of the next tier that this round may nominate into are listed.",
  "nominations.chooseTarget": "Choose",
  "nominations.noTargets": "No {level} round is open for this round's nominations yet.",
  "nominations.quota": "Nomination quota",
  "nominations.quota.none": "No limit",
  "nominations.quota.left": "{province}: {left}/{quota} places left ({used} nominated)",
  "nominations.quota.unlimited": "{province}: no limit ({used} nominated)",
  "nominations.closesAt": "Entries close: {date}",
  "nominations.certificates": "Recognised products",
  "nominations.noCertificates": "No certificate has been issued in this round yet.",
  "nominations.col.select": "Select",
  "nominations.col.serial": "Certificate no.",
  "nominations.col.product": "Product",
  "nominations.col.group": "Group",
  "nominations.col.establishment": "Establishment",
  "nominations.col.status": "Validity",
  "nominations.col.nominable": "Can be nominated?",
  "nominations.col.round": "Round",
  "nominations.col.when": "Nominated on",
  "nominations.col.by": "Nominated by",
  "nominations.col.entryStatus": "Status at the higher tier",
  "nominations.selectLabel": "Select {serial} – {product}",
  "nominations.nominable": "Can be nominated",
  "nominations.certStatus.valid": "Valid until {date}",
  "nominations.certStatus.expired": "Expired on {date}",
  "nominations.certStatus.revoked": "Revoked",
  "nominations.submit": "Send the nomination list",
  "nominations.submitConfirm":
    "Nominate the selected products into “{round}”? Their dossiers will appear there at once for screening.",
  "nominations.done": "{count} product(s) nominated into “{round}”.",
  "nominations.sent": "Nominated",
  "nominations.noneSent": "Nothing has been nominated from this round yet.",
  "nominations.export": "Nomination list",
  "nominations.exportXlsx": "Download Excel",
  "nominations.exportCsv": "Download CSV",
  "nominations.exportFor": "Nomination list sent to {round}",

  "nominations.refused": "The nomination list was not sent; nothing was nominated:",
  "nominations.error.notFinalised": "This round's results are not finalised yet: nominations come after finalisation.",
  "nominations.error.noNextLevel": "Rounds of this tier do not nominate to another tier.",
  "nominations.error.noneSelected": "Select at least one product to nominate.",
  "nominations.error.targetRequired": "Choose the receiving round.",
  "nominations.error.targetNotFound": "The receiving round was not found.",
  "nominations.error.notInRound": "A certificate does not belong to this round.",
  "nominations.error.changedMeanwhile": "Someone changed the list meanwhile. Reload the page and try again.",
  "nominations.error.several": "{count} product(s) cannot be nominated.",

  "nominations.problem.revoked": "Certificate {serial} was revoked on {date} and cannot be nominated.",
  "nominations.problem.expired": "Certificate {serial} expired on {date} and cannot be nominated.",
  "nominations.problem.wrongLevel":
    "Certificate {serial} cannot go into “{round}”: nominations go to a round of the next tier only.",
  "nominations.problem.wrongRegion":
    "{serial} cannot go into “{round}” ({targetRegion} region): {province} is not on that round's list of provinces taking part.",
  "nominations.problem.groupNotInRound": "“{round}” does not take group {group} products ({serial}).",
  "nominations.problem.targetClosed": "“{round}” no longer takes nominations (deadline {date}).",
  "nominations.problem.alreadyNominated": "The product of certificate {serial} is already nominated into “{round}”.",
  "nominations.problem.noDossier": "No submitted dossier of {serial} was found to send with it.",
  "nominations.problem.overQuota.PROVINCE": "{province} province has used all {quota} of its places in “{round}”.",
  "nominations.problem.overQuota.CITY": "{province} city has used all {quota} of its places in “{round}”.",
  "nominations.problem.overQuotaBatch.PROVINCE":
    "{province} province has only {left} place(s) left in “{round}” and cannot nominate {count} products at once: {serials}.",
  "nominations.problem.overQuotaBatch.CITY":
    "{province} city has only {left} place(s) left in “{round}” and cannot nominate {count} products at once: {serials}.",

  "nominations.from": "Nominated with: {serial}, {jurisdiction} {year}, decision {decision} of {date}",
  "nominations.fromBadge": "Nominated",
  "nominations.eventReason": "Nominated with {serial}, {jurisdiction} {year}, decision {decision} of {date}",

  "nominations.mail.organiser.subject": "[Tiêu Biểu] New nominations: {count} product(s) into {round}",
  "nominations.mail.organiser.body":
    "Dear {name},\n\n{from} has nominated {count} product(s) into “{round}”:\n{list}\n\nThe dossiers are waiting for screening: {url}\n\nTiêu Biểu",
  "nominations.mail.producer.subject": "[Tiêu Biểu] {product} has been nominated into {round}",
  "nominations.mail.producer.body":
    "Dear {name},\n\nYour product “{product}” (certificate {serial}) has been nominated into “{round}”. Your dossier is reused; you need not submit it again. Follow it at: {url}\n\nTiêu Biểu",

  "nominations.export.col.no": "No.",
  "nominations.export.col.code": "Code",
  "nominations.export.col.product": "Product name",
  "nominations.export.col.group": "Group",
  "nominations.export.col.establishment": "Establishment",
  "nominations.export.col.address": "Address",
  "nominations.export.col.serial": "Certificate no.",
  "nominations.export.col.issuedAt": "Issued on",
  "nominations.export.col.decision": "Recognition decision",
  "nominations.export.decision": "{number} of {date}",

  "nominations.history.title": "History across tiers",

  "nominations.shortlist.link": "Import a short list (Excel, CSV)",
  "nominations.shortlist.title": "Import a nomination short list",
  "nominations.shortlist.intro":
    "Upload the short list (danh sách trích ngang, Excel .xlsx or CSV) a province sent. Every row is checked and you see the nominations it will create before anything is written; only your confirmation creates them. If any row has a problem, no row is imported; importing the same list again creates nothing new.",
  "nominations.shortlist.columns":
    "Columns (header row within the first 10 lines): No., Code, Product name (required), Group, Establishment, Address, Certificate no. (required), Issued on, Recognition decision, Province/city — as in the short list exported from the nominations page.",
  "nominations.shortlist.file": "Short list (.xlsx or .csv, at most {max} MB)",
  "nominations.shortlist.check": "Check and preview",
  "nominations.shortlist.errorsTitle":
    "The list was not imported and nothing was created. {count} problems to fix in the file:",
  "nominations.shortlist.errorAt": "Row {row}, column “{column}”: {message}",
  "nominations.shortlist.errorAtRow": "Row {row}: {message}",
  "nominations.shortlist.previewTitle": "Preview: {count} nominations will be created in {round}",
  "nominations.shortlist.nothingNew": "Every row of the list is already in this round: there is nothing new to create.",
  "nominations.shortlist.col.row": "Row",
  "nominations.shortlist.col.province": "Province/city",
  "nominations.shortlist.col.source": "Round that issued the certificate",
  "nominations.shortlist.col.action": "Result",
  "nominations.shortlist.action.create": "Create a nomination",
  "nominations.shortlist.action.already": "Already in the round",
  "nominations.shortlist.confirmHint":
    "On confirmation the nominations are created and the organisers and establishments are notified by mail; this cannot be undone in one step.",
  "nominations.shortlist.confirm": "Confirm: import {count} nominations",
  "nominations.shortlist.done": "Imported {count} nominations from the short list into {round}.",
  "nominations.shortlist.doneNothing": "Nothing new: every row of the list is already in {round}.",
  "nominations.shortlist.error.noHeader":
    "No header row found: one of the first 10 lines must have the columns “Certificate no.” and “Product name”.",
  "nominations.shortlist.error.noRows": "The list has no data rows under its header row.",
  "nominations.shortlist.error.tooManyRows": "The list has more than {max} rows; split it into several files.",
  "nominations.shortlist.error.oldExcel":
    "Excel 97–2003 files (.xls) cannot be read: open the file and save it as .xlsx or UTF-8 CSV.",
  "nominations.shortlist.error.notSpreadsheet": "The file is not a readable Excel (.xlsx) or CSV (UTF-8) file.",
  "nominations.shortlist.error.badRows": "The preview data is no longer valid; upload the file again.",
  "nominations.shortlist.error.notHigherTier": "A short list is imported into a regional or the national round only.",
  "nominations.shortlist.error.required": "This cell must not be empty.",
  "nominations.shortlist.error.badGroup": "Group “{value}” is not valid: only A, B, C or D.",
  "nominations.shortlist.error.badDate": "“{value}” is not a date (dd/mm/yyyy).",
  "nominations.shortlist.error.duplicate": "Duplicate row: certificate {serial} is already on row {first}.",
  "nominations.shortlist.error.unknownCertificate": "No certificate numbered {serial} in the register.",
  "nominations.shortlist.error.productMismatch":
    "Product name “{value}” does not match certificate {serial}, issued for “{expected}”.",
  "nominations.shortlist.error.codeMismatch":
    "Code “{value}” does not match the entry code of certificate {serial} ({expected}).",
  "nominations.shortlist.error.groupMismatch": "Group {value} does not match certificate {serial} (group {expected}).",
  "nominations.shortlist.error.dateMismatch":
    "Issue date {value} does not match the issue date of certificate {serial}.",
  "nominations.shortlist.error.unknownProvince": "There is no province or city “{value}” in the list of provinces.",
  "nominations.shortlist.error.provinceMismatch": "Certificate {serial} belongs to {expected}, not “{value}”.",
};
