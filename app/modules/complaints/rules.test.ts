import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import {
  complaintTextProblem,
  decisionProblems,
  decisionRecord,
  isValidScore,
  lodgeState,
  outcomeAfter,
  periodProblem,
  revocationReason,
  suggestedComplaintsUntil,
  type DecisionContext,
  type DecisionInput,
} from "./rules";
import { decisionFromForm, DecideSchema, LodgeSchema, PeriodSchema } from "./schemas";

const finalisedAt = new Date("2026-05-10T03:00:00Z"); // 10:00 in Vietnam
const now = new Date("2026-05-15T03:00:00Z");

describe("lodgeState", () => {
  const base = {
    resultsFinalisedAt: finalisedAt,
    complaintsUntil: new Date("2026-05-20T16:59:00Z"),
    entryStatus: "ACCEPTED",
    hasOpenComplaint: false,
    now,
  };
  test("open within the period", () => {
    expect(lodgeState(base)).toBe("open");
    // The last minute still counts.
    expect(lodgeState({ ...base, now: new Date("2026-05-20T16:59:00Z") })).toBe("open");
  });
  test("each refusal, in order", () => {
    expect(lodgeState({ ...base, resultsFinalisedAt: null })).toBe("notFinalised");
    expect(lodgeState({ ...base, entryStatus: "REJECTED" })).toBe("notJudged");
    expect(lodgeState({ ...base, complaintsUntil: null })).toBe("noPeriod");
    expect(lodgeState({ ...base, now: new Date("2026-05-20T16:59:00.001Z") })).toBe("closed");
    expect(lodgeState({ ...base, hasOpenComplaint: true })).toBe("alreadyOpen");
    // An expired period wins over an open complaint: the producer cannot lodge either way, and "closed" is the lasting reason.
    expect(lodgeState({ ...base, hasOpenComplaint: true, now: new Date("2026-06-01T00:00:00Z") })).toBe("closed");
  });
  test("accepts ISO strings (loader data)", () => {
    expect(
      lodgeState({
        ...base,
        resultsFinalisedAt: finalisedAt.toISOString(),
        complaintsUntil: "2026-05-20T16:59:00.000Z",
      }),
    ).toBe("open");
  });
});

describe("complaint text", () => {
  test("20 to 5000 characters once trimmed", () => {
    expect(complaintTextProblem("x".repeat(19))).toBe("complaints.text.tooShort");
    expect(complaintTextProblem(`   ${"x".repeat(19)}   `)).toBe("complaints.text.tooShort");
    expect(complaintTextProblem("x".repeat(20))).toBeNull();
    expect(complaintTextProblem("x".repeat(5000))).toBeNull();
    expect(complaintTextProblem("x".repeat(5001))).toBe("complaints.text.tooLong");
    expect(complaintTextProblem(null)).toBe("complaints.text.tooShort");
  });
  test("the form schema says the same", () => {
    const fd = (text: string) => {
      const f = new FormData();
      f.append("text", text);
      return f;
    };
    expect(parseWithZod(fd("Quá ngắn"), { schema: LodgeSchema }).reply().error).toMatchObject({
      text: ["complaints.text.tooShort"],
    });
    const ok = parseWithZod(fd("  Điểm tiêu chí 3 bị cộng thiếu, đề nghị chấm lại.  "), { schema: LodgeSchema });
    expect(ok.status === "success" && ok.value.text).toBe("Điểm tiêu chí 3 bị cộng thiếu, đề nghị chấm lại.");
  });
});

describe("the complaint period", () => {
  test("after finalisation, within a year", () => {
    expect(periodProblem({ resultsFinalisedAt: null, until: now })).toBe("complaints.period.error.notFinalised");
    expect(periodProblem({ resultsFinalisedAt: finalisedAt, until: finalisedAt })).toBe(
      "complaints.period.error.beforeFinalised",
    );
    expect(periodProblem({ resultsFinalisedAt: finalisedAt, until: new Date("2026-05-20T10:00:00Z") })).toBeNull();
    expect(periodProblem({ resultsFinalisedAt: finalisedAt, until: new Date("2027-05-11T03:00:00Z") })).toBe(
      "complaints.period.error.tooLong",
    );
    expect(periodProblem({ resultsFinalisedAt: finalisedAt, until: new Date(NaN) })).toBe(
      "complaints.period.error.invalid",
    );
  });
  test("the suggestion: 10 days later at 23:59 Vietnam time, counted from today when set late", () => {
    expect(suggestedComplaintsUntil(finalisedAt, finalisedAt).toISOString()).toBe("2026-05-20T16:59:00.000Z");
    // Finalised at 23:30 on 10/5 in Vietnam (16:30 UTC): still the 20th in Vietnam.
    expect(
      suggestedComplaintsUntil(new Date("2026-05-10T16:30:00Z"), new Date("2026-05-10T16:30:00Z")).toISOString(),
    ).toBe("2026-05-20T16:59:00.000Z");
    expect(suggestedComplaintsUntil(finalisedAt, new Date("2026-06-01T03:00:00Z")).toISOString()).toBe(
      "2026-06-11T16:59:00.000Z",
    );
  });
  test("the form takes a datetime-local in Vietnam time", () => {
    const fd = (v: string) => {
      const f = new FormData();
      f.append("intent", "period");
      f.append("complaintsUntil", v);
      return f;
    };
    expect(parseWithZod(fd("2026-05-20T23:59"), { schema: PeriodSchema }).status).toBe("success");
    expect(parseWithZod(fd("2026-02-31T10:00"), { schema: PeriodSchema }).reply().error).toMatchObject({
      complaintsUntil: ["complaints.period.error.invalid"],
    });
    expect(parseWithZod(fd(""), { schema: PeriodSchema }).reply().error).toMatchObject({
      complaintsUntil: ["complaints.period.error.required"],
    });
  });
});

describe("the council's decision", () => {
  const ctx: DecisionContext = {
    current: { finalScore: 74.33, finalPassed: true, recognised: true },
    passLine: 70,
    lodgedAt: new Date("2026-05-12T03:00:00Z"),
    now,
  };
  const dismiss: DecisionInput = {
    status: "DISMISSED",
    decision: "Hội đồng giữ nguyên kết quả.",
    decisionDate: new Date("2026-05-14T17:00:00Z"),
  };
  const uphold = (change: Partial<DecisionInput>): DecisionInput => ({ ...dismiss, status: "UPHELD", ...change });
  const fields = (input: DecisionInput, c: DecisionContext = ctx) =>
    decisionProblems(input, c).map((p) => `${p.field}:${p.messageKey}`);

  test("a dismissal, and an upheld complaint without a change", () => {
    expect(fields(dismiss)).toEqual([]);
    expect(fields(uphold({}))).toEqual([]);
  });
  test("the decision's words and date are required; the date between the lodging day and today (Vietnam days)", () => {
    expect(fields({ ...dismiss, decision: "  ngắn " })).toEqual(["decision:complaints.decide.error.decisionRequired"]);
    expect(fields({ ...dismiss, decisionDate: null })).toEqual(["decisionDate:complaints.decide.error.dateRequired"]);
    // 16/5 in Vietnam is tomorrow.
    expect(fields({ ...dismiss, decisionDate: new Date("2026-05-15T17:00:00Z") })).toEqual([
      "decisionDate:complaints.decide.error.dateFuture",
    ]);
    // Today in Vietnam, and the lodging day itself, are fine.
    expect(fields({ ...dismiss, decisionDate: new Date("2026-05-14T17:00:00Z") })).toEqual([]);
    expect(fields({ ...dismiss, decisionDate: new Date("2026-05-11T17:00:00Z") })).toEqual([]);
    expect(fields({ ...dismiss, decisionDate: new Date("2026-05-10T17:00:00Z") })).toEqual([
      "decisionDate:complaints.decide.error.dateBeforeLodged",
    ]);
    expect(fields({ ...dismiss, decisionNumber: "x".repeat(101) })).toEqual([
      "decisionNumber:complaints.decide.error.numberTooLong",
    ]);
  });
  test("a change only when upheld", () => {
    expect(fields({ ...dismiss, newScore: 80 })).toEqual(["newScore:complaints.decide.error.changeOnlyUpheld"]);
    expect(fields({ ...dismiss, newRecognised: false })).toEqual([
      "newRecognised:complaints.decide.error.changeOnlyUpheld",
    ]);
  });
  test("scores 0–100 in steps of 0.01", () => {
    expect(isValidScore(72.55)).toBe(true);
    expect(isValidScore(0)).toBe(true);
    expect(isValidScore(100)).toBe(true);
    expect(isValidScore(72.555)).toBe(false);
    expect(isValidScore(100.01)).toBe(false);
    expect(isValidScore(-1)).toBe(false);
    expect(fields(uphold({ newScore: 101 }))).toEqual(["newScore:complaints.decide.error.score"]);
  });
  test("a change that changes nothing is refused", () => {
    expect(fields(uphold({ newScore: 74.33 }))).toEqual(["newScore:complaints.decide.error.noChange"]);
    expect(fields(uphold({ newRecognised: true }))).toEqual(["newRecognised:complaints.decide.error.noChange"]);
    expect(fields(uphold({ newScore: 74.33, newRecognised: false }))).toEqual([]);
  });
  test("never a recognised product below the pass line", () => {
    // Lowering the score of a recognised product below the line needs the recognition withdrawn too.
    expect(fields(uphold({ newScore: 65 }))).toEqual(["newScore:complaints.decide.error.recognisedNotPassed"]);
    expect(fields(uphold({ newScore: 65, newRecognised: false }))).toEqual([]);
    const failed = { ...ctx, current: { finalScore: 66, finalPassed: false, recognised: false } };
    expect(fields(uphold({ newRecognised: true }), failed)).toEqual([
      "newRecognised:complaints.decide.error.recognisedNotPassed",
    ]);
    expect(fields(uphold({ newScore: 71.5, newRecognised: true }), failed)).toEqual([]);
    expect(fields(uphold({ newScore: 71.5 }), failed)).toEqual([]);
  });
  test("outcomeAfter: the pass flag follows a new score; recognition only when given", () => {
    expect(outcomeAfter(ctx.current, { newScore: 69.99 }, 70)).toEqual({
      finalScore: 69.99,
      finalPassed: false,
      recognised: true,
    });
    expect(outcomeAfter(ctx.current, { newScore: 70 }, 70)).toEqual({
      finalScore: 70,
      finalPassed: true,
      recognised: true,
    });
    expect(outcomeAfter(ctx.current, { newRecognised: false }, 70)).toEqual({
      finalScore: 74.33,
      finalPassed: true,
      recognised: false,
    });
    expect(outcomeAfter(null, { newScore: 80, newRecognised: true }, 70)).toEqual({
      finalScore: 80,
      finalPassed: true,
      recognised: true,
    });
  });
  test("the record and the revocation reason name the decision", () => {
    const date = new Date("2026-05-19T17:00:00Z"); // 20/05/2026 in Vietnam
    expect(revocationReason({ decisionNumber: " 12/QĐ-HĐBC ", decisionDate: date })).toBe(
      "Thu hồi theo quyết định giải quyết khiếu nại số 12/QĐ-HĐBC ngày 20/05/2026",
    );
    expect(revocationReason({ decisionNumber: "", decisionDate: date })).toBe(
      "Thu hồi theo quyết định giải quyết khiếu nại ngày 20/05/2026",
    );
    expect(decisionRecord({ decision: " Chấp nhận. ", decisionNumber: "12/QĐ-HĐBC", decisionDate: date })).toBe(
      "Quyết định số 12/QĐ-HĐBC ngày 20/05/2026\nChấp nhận.",
    );
  });
});

describe("the decision form", () => {
  const fd = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({
      intent: "decide",
      complaintId: "c".repeat(25),
      decisionDate: "2026-05-20",
      decision: "Hội đồng họp ngày 20/05/2026.",
      ...fields,
    }))
      f.append(k, v);
    return f;
  };
  test("empty change fields mean no change; a comma decimal is a score", () => {
    const s = parseWithZod(fd({ status: "UPHELD", newScore: "", newRecognised: "" }), { schema: DecideSchema });
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(decisionFromForm(s.value)).toMatchObject({
      status: "UPHELD",
      newScore: null,
      newRecognised: null,
      decisionNumber: null,
    });
    expect(decisionFromForm(s.value).decisionDate?.toISOString()).toBe("2026-05-19T17:00:00.000Z");
    const comma = parseWithZod(fd({ status: "UPHELD", newScore: "72,5", newRecognised: "no" }), {
      schema: DecideSchema,
    });
    expect(comma.status === "success" && decisionFromForm(comma.value)).toMatchObject({
      newScore: 72.5,
      newRecognised: false,
    });
  });
  test("refusals name their field", () => {
    expect(
      parseWithZod(fd({ status: "UPHELD", newScore: "72.555" }), { schema: DecideSchema }).reply().error,
    ).toMatchObject({ newScore: ["complaints.decide.error.score"] });
    expect(
      parseWithZod(fd({ status: "UPHELD", newScore: "abc" }), { schema: DecideSchema }).reply().error,
    ).toMatchObject({ newScore: ["complaints.decide.error.score"] });
    expect(
      parseWithZod(fd({ status: "DISMISSED", newRecognised: "no" }), { schema: DecideSchema }).reply().error,
    ).toMatchObject({
      newRecognised: ["complaints.decide.error.changeOnlyUpheld"],
    });
    expect(parseWithZod(fd({ decision: "" }), { schema: DecideSchema }).reply().error).toMatchObject({
      status: ["complaints.decide.error.status"],
      decision: ["complaints.decide.error.decisionRequired"],
    });
    expect(
      parseWithZod(fd({ status: "DISMISSED", decisionDate: "2026-13-01" }), { schema: DecideSchema }).reply().error,
    ).toMatchObject({
      decisionDate: ["complaints.decide.error.dateRequired"],
    });
  });
});
