// The texts a certificate stores and prints, and the decision date rule, as pure functions.
import { describe, expect, test } from "vitest";
import {
  addressText,
  decisionDateProblem,
  defaultAuthority,
  documentPlace,
  jurisdictionText,
} from "./certificates.server";

const bacNinh = { level: "PROVINCE", province: { name: "Bắc Ninh", kind: "PROVINCE" } };
const hcm = { level: "PROVINCE", province: { name: "TP Hồ Chí Minh", kind: "CITY" } };
const north = { level: "REGION", region: { nameVi: "Phía Bắc" } };
const central = { level: "REGION", region: { nameVi: "Miền Trung – Tây Nguyên" } };
const nation = { level: "NATION" };

describe("jurisdiction, authority and place", () => {
  test("read as on the paper, mid-sentence", () => {
    expect(jurisdictionText(bacNinh)).toBe("cấp tỉnh Bắc Ninh");
    expect(jurisdictionText(hcm)).toBe("cấp thành phố Hồ Chí Minh");
    expect(jurisdictionText(north)).toBe("cấp khu vực phía Bắc");
    expect(jurisdictionText(central)).toBe("cấp khu vực miền Trung – Tây Nguyên");
    expect(jurisdictionText(nation)).toBe("cấp quốc gia");
  });

  test("the provincial People's Committee signs provincial decisions, the Ministry the others", () => {
    expect(defaultAuthority(bacNinh)).toBe("Ủy ban nhân dân tỉnh Bắc Ninh");
    expect(defaultAuthority(hcm)).toBe("Ủy ban nhân dân thành phố Hồ Chí Minh");
    expect(defaultAuthority(north)).toBe("Bộ Công Thương");
    expect(defaultAuthority(nation)).toBe("Bộ Công Thương");
    expect(documentPlace(bacNinh)).toBe("Bắc Ninh");
    expect(documentPlace(north)).toBe("Hà Nội");
  });

  test("addresses join what is known", () => {
    expect(
      addressText({
        addressLine: "Thôn Kép",
        commune: "Xã Lục Ngạn",
        province: { name: "Bắc Ninh", kind: "PROVINCE" },
      }),
    ).toBe("Thôn Kép, Xã Lục Ngạn, tỉnh Bắc Ninh");
    expect(addressText({ addressLine: " ", commune: null, province: { name: "Hà Nội", kind: "CITY" } })).toBe(
      "thành phố Hà Nội",
    );
    expect(addressText({})).toBe("");
    // Before 1/7/2025 an address had a district; the certificate keeps it as issued.
    expect(
      addressText({
        commune: "Xã Đồng Tâm",
        district: "huyện Yên Thế",
        province: { name: "Bắc Giang", kind: "PROVINCE" },
      }),
    ).toBe("Xã Đồng Tâm, huyện Yên Thế, tỉnh Bắc Giang");
  });
});

describe("the decision's date", () => {
  const finalised = new Date("2026-05-10T10:00:00+07:00");
  const now = new Date("2026-05-20T08:00:00+07:00");
  test("between the finalisation day and today (Vietnam days), both included", () => {
    expect(decisionDateProblem("2026-05-10", finalised, now)).toBeNull();
    expect(decisionDateProblem("2026-05-20", finalised, now)).toBeNull();
    expect(decisionDateProblem("2026-05-09", finalised, now)).toBe("certificates.decision.signedAt.beforeFinalised");
    expect(decisionDateProblem("2026-05-21", finalised, now)).toBe("certificates.decision.signedAt.future");
    expect(decisionDateProblem("2026-02-30", finalised, now)).toBe("certificates.decision.signedAt.invalid");
    expect(decisionDateProblem("13/05/2026", finalised, now)).toBe("certificates.decision.signedAt.invalid");
  });

  test("today is Vietnam's today: 20/05 at 23:30 in Hà Nội is 16:30Z", () => {
    expect(decisionDateProblem("2026-05-20", finalised, new Date("2026-05-20T16:30:00Z"))).toBeNull();
    expect(decisionDateProblem("2026-05-21", finalised, new Date("2026-05-20T17:30:00Z"))).toBeNull(); // already the 21st there
  });
});
