// Where a person lands after logging in (issue #13 item 1): where their work is, not a generic
// account page. Organisers and administrators run rounds and users from /admin; jury and council
// members score and decide at /judge; producers work on their dossier at /producer (which walks a
// new producer through the first steps). Anyone else (no role yet) gets their account.
import { canUseAdminArea, isProducer, type ScopedRole } from "./permissions";

export function landingPath(roles: ScopedRole[], juror: boolean): string {
  if (canUseAdminArea(roles)) return "/admin";
  if (juror) return "/judge";
  if (isProducer(roles)) return "/producer";
  return "/account";
}
