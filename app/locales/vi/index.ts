import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { entries } from "./entries";
import { site } from "./site";

export const vi = { ...common, ...auth, ...site, ...admin, ...entries };
