// Data with a fixed meaning read in English (issue #12 item 10): tiers and issuing bodies.
import { describe, expect, test } from "vitest";
import { authorityLabel, jurisdictionLabel } from "./official-names";

describe("tiers and issuing bodies in the reader's language", () => {
  test("tiers", () => {
    expect(jurisdictionLabel("cấp khu vực phía Bắc", "en")).toBe("North regional level");
    expect(jurisdictionLabel("cấp khu vực miền Trung – Tây Nguyên", "en")).toBe("Central & Highlands regional level");
    expect(jurisdictionLabel("cấp khu vực phía Nam", "en")).toBe("South regional level");
    expect(jurisdictionLabel("cấp tỉnh Bắc Giang", "en")).toBe("Bắc Giang provincial level");
    expect(jurisdictionLabel("cấp thành phố Hồ Chí Minh", "en")).toBe("Hồ Chí Minh city level");
    expect(jurisdictionLabel("cấp quốc gia", "en")).toBe("National level");
    expect(jurisdictionLabel("cấp khu vực phía Bắc", "vi")).toBe("Cấp khu vực phía Bắc");
    expect(jurisdictionLabel("một cấp lạ", "en")).toBe("Một cấp lạ"); // unknown: as stored
  });

  test("issuing bodies", () => {
    expect(authorityLabel("Bộ Công Thương", "en")).toBe("Ministry of Industry and Trade");
    expect(authorityLabel("Ủy ban nhân dân tỉnh Bắc Ninh", "en")).toBe("People's Committee of Bắc Ninh province");
    expect(authorityLabel("Ủy ban nhân dân thành phố Hà Nội", "en")).toBe("People's Committee of Hà Nội city");
    expect(authorityLabel("Bộ Công Thương", "vi")).toBe("Bộ Công Thương");
  });
});
