// The council's name as printed on score sheets and minutes, unless the round names it itself.
type RoundForName = {
  level: string;
  year: number;
  councilName?: string | null;
  province?: { name: string } | null;
  region?: { nameVi: string } | null;
};

/** "Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu tỉnh Bắc Ninh năm 2026". */
export function councilNameOf(round: RoundForName): string {
  if (round.councilName?.trim()) return round.councilName.trim();
  const where =
    round.level === "PROVINCE" && round.province
      ? `${/^TP |^Thành phố /.test(round.province.name) ? "" : "tỉnh "}${round.province.name}`
      : round.level === "REGION" && round.region
        ? `khu vực ${round.region.nameVi.replace(/^Phía/, "phía").replace(/^Miền/, "miền")}`
        : "cấp quốc gia";
  return `Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu ${where} năm ${round.year}`;
}
