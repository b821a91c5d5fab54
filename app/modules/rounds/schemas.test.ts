import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { CreateRoundSchema, ReopenRoundSchema, roundSettingsFromForm, UpdateRoundSchema } from "./schemas";

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
  return fd;
}

const good = {
  jurisdiction: "PROVINCE:cbn",
  year: "2026",
  name: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Ninh năm 2026",
  groups: ["A", "B"],
  entriesOpenAt: "2026-03-01T08:00",
  entriesCloseAt: "2026-04-30T17:00",
  judgingStartAt: "2026-05-10",
  resultsAt: "",
  passLine: "70",
  requiredDocuments: ["FOOD_SAFETY_CERT"],
  description: "",
};

describe("CreateRoundSchema", () => {
  it("parses a complete form into service input in Vietnam time", () => {
    const s = parseWithZod(form(good), { schema: CreateRoundSchema });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.year).toBe(2026);
    const settings = roundSettingsFromForm(s.value);
    expect(settings.entriesOpenAt.toISOString()).toBe("2026-03-01T01:00:00.000Z");
    expect(settings.entriesCloseAt.toISOString()).toBe("2026-04-30T10:00:00.000Z");
    expect(settings.judgingStartAt?.toISOString()).toBe("2026-05-09T17:00:00.000Z");
    expect(settings.resultsAt).toBeNull();
    expect(settings).toMatchObject({
      passLine: 70,
      groups: ["A", "B"],
      requiredDocuments: ["FOOD_SAFETY_CERT"],
      description: null,
      quotas: {},
    });
  });

  it("takes a decimal comma in the pass line and refuses steps other than 0.5", () => {
    const comma = parseWithZod(form({ ...good, passLine: "72,5" }), { schema: CreateRoundSchema });
    expect(comma.status === "success" && comma.value.passLine).toBe(72.5);
    const bad = parseWithZod(form({ ...good, passLine: "72.3" }), { schema: CreateRoundSchema });
    expect(bad.reply().error).toMatchObject({ passLine: ["rounds.passLine.step"] });
    const empty = parseWithZod(form({ ...good, passLine: "" }), { schema: CreateRoundSchema });
    expect(empty.reply().error).toMatchObject({ passLine: ["rounds.passLine.invalid"] });
  });

  it("needs at least one group and a jurisdiction", () => {
    const { groups: _g, jurisdiction: _j, ...rest } = good;
    const s = parseWithZod(form({ ...rest, jurisdiction: "PROVINCE:" }), { schema: CreateRoundSchema });
    expect(s.reply().error).toMatchObject({
      groups: ["rounds.groups.required"],
      jurisdiction: ["rounds.jurisdiction.required"],
    });
  });

  it("reports a bad timeline on the field, keeping what was typed", () => {
    const s = parseWithZod(form({ ...good, entriesCloseAt: "2026-02-01T17:00" }), { schema: CreateRoundSchema });
    const reply = s.reply();
    expect(reply.error).toMatchObject({ entriesCloseAt: ["rounds.timeline.closeBeforeOpen"] });
    expect(reply.initialValue).toMatchObject({
      name: good.name,
      entriesCloseAt: "2026-02-01T17:00",
      groups: ["A", "B"],
    });
  });

  it("reports impossible dates", () => {
    const s = parseWithZod(form({ ...good, entriesOpenAt: "2026-02-30T08:00" }), { schema: CreateRoundSchema });
    expect(s.reply().error).toMatchObject({ entriesOpenAt: ["rounds.timeline.invalidDate"] });
  });
});

describe("UpdateRoundSchema", () => {
  it("reads quotas per province, blank meaning none", () => {
    const { jurisdiction: _j, year: _y, ...settings } = good;
    const s = parseWithZod(
      form({
        intent: "update",
        ...settings,
        "quotas[0].provinceId": "p1",
        "quotas[0].quota": "12",
        "quotas[1].provinceId": "p2",
        "quotas[1].quota": "",
      }),
      { schema: UpdateRoundSchema },
    );
    expect(s.status).toBe("success");
    if (s.status === "success") expect(roundSettingsFromForm(s.value).quotas).toEqual({ p1: 12 });
    const neg = parseWithZod(
      form({ intent: "update", ...settings, "quotas[0].provinceId": "p1", "quotas[0].quota": "-1" }),
      {
        schema: UpdateRoundSchema,
      },
    );
    expect(neg.reply().error).toMatchObject({ "quotas[0].quota": ["rounds.quota.invalid"] });
  });
});

describe("ReopenRoundSchema", () => {
  it("needs a reason that is not blank", () => {
    expect(
      parseWithZod(form({ intent: "reopen", reason: "   " }), { schema: ReopenRoundSchema }).reply().error,
    ).toMatchObject({
      reason: ["rounds.reopen.reasonRequired"],
    });
    expect(parseWithZod(form({ intent: "reopen", reason: "Gia hạn" }), { schema: ReopenRoundSchema }).status).toBe(
      "success",
    );
  });
});
