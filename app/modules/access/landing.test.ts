import { describe, expect, it } from "vitest";
import { landingPath } from "./landing";
import type { ScopedRole } from "./permissions";

const role = (r: ScopedRole["role"], level: ScopedRole["level"] = "PROVINCE"): ScopedRole => ({
  role: r,
  level,
  regionId: null,
  provinceId: level === "PROVINCE" ? "p1" : null,
});

describe("landingPath", () => {
  it("sends each role where its work is", () => {
    expect(landingPath([role("PRODUCER")], false)).toBe("/producer");
    expect(landingPath([role("ORGANISER")], false)).toBe("/admin");
    expect(landingPath([role("ADMIN", "NATION")], false)).toBe("/admin");
    expect(landingPath([], true)).toBe("/judge");
  });
  it("prefers the admin area, then judging, then the dossier, for people with several roles", () => {
    expect(landingPath([role("PRODUCER"), role("ORGANISER")], true)).toBe("/admin");
    expect(landingPath([role("PRODUCER")], true)).toBe("/judge");
  });
  it("leaves someone with no role on their account", () => {
    expect(landingPath([], false)).toBe("/account");
  });
});
