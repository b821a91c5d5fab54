// Names shared by the crash test and its fixture process (crash-fixture.ts runs on import, so the
// test imports only types from it).

/** The file names the crash test's uploads carry, by which the fixture finds their rows. */
export const UPLOAD_NAME_PREFIX = "crash-upload-";
