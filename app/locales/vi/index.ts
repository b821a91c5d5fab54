import { admin } from "./admin";
import { auth } from "./auth";
import { common } from "./common";
import { site } from "./site";

export const vi = { ...common, ...auth, ...site, ...admin };
