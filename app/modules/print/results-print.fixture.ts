// A round's results as the minutes print them, for the PDF tests: a Bắc Giang round with groups B
// and A, votes recorded for some rows.
import type { ResultsPrint } from "./results-pdf.server";

type Row = ResultsPrint["groups"][number]["rows"][number];
export const row = (rank: number, over: Partial<Row> = {}): Row => ({
  rank,
  code: `BG-2026-B-${String(rank).padStart(3, "0")}`,
  productName: `Sản phẩm số ${rank}`,
  establishmentName: `Hợp tác xã số ${rank}`,
  sheets: 7,
  mean: 90 - rank * 3,
  min: 60,
  max: 95.5,
  passed: 90 - rank * 3 >= 70,
  votesFor: null,
  votesAgainst: null,
  votesAbstain: null,
  recognised: null,
  ...over,
});

export function input(over: Partial<ResultsPrint> = {}): ResultsPrint {
  return {
    councilName: "Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Bắc Giang năm 2026",
    roundName: "Bình chọn sản phẩm CNNT tiêu biểu tỉnh Bắc Giang năm 2026",
    passLine: 70,
    pass: 1,
    generatedAt: new Date("2026-05-10T02:15:00Z"),
    finalisedAt: null,
    groups: [
      {
        group: "B",
        rows: [
          row(1, {
            productName: "Vải thiều Lục Ngạn sấy khô",
            establishmentName: "Hợp tác xã Vải thiều Lục Ngạn",
            mean: 85.43,
            votesFor: 6,
            votesAgainst: 1,
            votesAbstain: 0,
            recognised: true,
          }),
          row(2, {
            productName: "Mỳ gạo Chũ",
            mean: 72.5,
            votesFor: 2,
            votesAgainst: 4,
            votesAbstain: 1,
            recognised: false,
          }),
          row(3, { mean: 64, passed: false }),
        ],
      },
      {
        group: "A",
        rows: [
          row(1, {
            code: "BG-2026-A-001",
            productName: "Mây tre đan Phúc Tằng",
            mean: 80,
            recognised: true,
            votesFor: 7,
            votesAgainst: 0,
            votesAbstain: 0,
          }),
        ],
      },
      { group: "C", rows: [] },
    ],
    ...over,
  };
}
