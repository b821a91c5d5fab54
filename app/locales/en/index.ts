import type { vi } from "../vi";
import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { entries } from "./entries";
import { files } from "./files";
import { producers } from "./producers";
import { rounds } from "./rounds";
import { site } from "./site";
import { jury } from "./jury";
import { rubric } from "./rubric";
import { sheets } from "./sheets";
import { results } from "./results";
import { print } from "./print";

export const en: Record<keyof typeof vi, string> = { ...common, ...auth, ...site, ...admin, ...entries, ...files, ...rounds, ...producers, ...jury, ...rubric, ...sheets, ...results, ...print };
