import type { vi, viNamespaces } from "../vi";
import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { entries } from "./entries";
import { files } from "./files";
import { producers } from "./producers";
import { onboarding } from "./onboarding";
import { rounds } from "./rounds";
import { site } from "./site";
import { jury } from "./jury";
import { rubric } from "./rubric";
import { sheets } from "./sheets";
import { results } from "./results";
import { print } from "./print";
import { register } from "./register";
import { certificates } from "./certificates";
import { nominations } from "./nominations";
import { complaints } from "./complaints";
import { forms } from "./forms";
import { prizes } from "./prizes";
import { exportJobs } from "./exportJobs";
import { samples } from "./samples";
import { credentials } from "./credentials";
import { visits } from "./visits";
import { monitoring } from "./monitoring";
import { exchange } from "./exchange";

/** English namespace by namespace, each typed against its Vietnamese twin. */
export const enNamespaces: { [N in keyof typeof viNamespaces]: Record<keyof (typeof viNamespaces)[N], string> } = {
  common,
  auth,
  site,
  admin,
  entries,
  files,
  rounds,
  producers,
  onboarding,
  jury,
  rubric,
  sheets,
  results,
  print,
  register,
  certificates,
  nominations,
  complaints,
  forms,
  prizes,
  exportJobs,
  samples,
  credentials,
  visits,
  monitoring,
  exchange,
};

export const en: Record<keyof typeof vi, string> = {
  ...common,
  ...auth,
  ...site,
  ...admin,
  ...entries,
  ...files,
  ...rounds,
  ...producers,
  ...onboarding,
  ...jury,
  ...rubric,
  ...sheets,
  ...results,
  ...print,
  ...register,
  ...certificates,
  ...nominations,
  ...complaints,
  ...forms,
  ...prizes,
  ...exportJobs,
  ...samples,
  ...credentials,
  ...visits,
  ...monitoring,
  ...exchange,
};
