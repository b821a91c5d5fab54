// Judging (issue #4): results.
export const results = {
  "results.finalised.locked":
    "Kết quả đã được chốt: không thể mở lại chấm điểm hay thay đổi kết quả, trừ qua quyết định giải quyết khiếu nại.",
  "results.finalise.required": "Hãy chốt kết quả trước khi công bố.",

  // page
  "results.title": "Tổng hợp kết quả",
  "results.status": "Trạng thái đợt",
  "results.passOf": "vòng chấm {pass}/{passes}",
  "results.provisional": "Kết quả tạm tính: Ban giám khảo vẫn đang chấm điểm, các con số còn thay đổi.",
  "results.finalised.official":
    "Kết quả đã được chốt lúc {date}. Điểm, thứ hạng và kết luận đạt dưới đây là số liệu chính thức đã lưu, không tính lại.",
  "results.finalised.otherPass":
    "Kết quả đã được chốt lúc {date} theo vòng chấm cuối; bảng này là vòng chấm trước, chỉ để tham khảo.",
  "results.notYet": "Đợt bình chọn chưa đến giai đoạn chấm điểm nên chưa có kết quả.",
  "results.secretary.notYet": "Thư ký Hội đồng xem kết quả sau khi kết thúc chấm điểm.",
  "results.pass.invalid": "Vòng chấm không hợp lệ.",
  "results.pass.nav": "Vòng chấm",
  "results.pass.label": "Vòng {pass}",
  "results.pass.hint":
    "Kết quả dùng vòng chấm hoàn tất gần nhất. Ở vòng 2, chỉ các sản phẩm đạt ở vòng 1 được chấm lại; các sản phẩm khác giữ kết quả vòng 1 và xếp sau.",
  "results.rules.title": "Cách tính",
  "results.rules.mean":
    "Điểm của sản phẩm là trung bình cộng tổng điểm các phiếu đã nộp; phiếu của giám khảo có xung đột lợi ích không được tính.",
  "results.rules.passLine": "Đạt khi điểm từ {line} trở lên.",
  "results.rules.spreadOff": "Không áp dụng quy tắc chênh lệch điểm giữa các giám khảo.",
  "results.rules.spreadOn":
    "Sản phẩm có điểm các giám khảo chênh nhau quá {limit} điểm được đánh dấu ⚑ để Hội đồng thảo luận.",
  "results.tieBreak": "Khi bằng điểm: {order}, rồi mã số.",
  "results.tieBreak.criterion": "tiêu chí {n}",
  "results.tieBreak.then": ", rồi ",
  "results.groups.nav": "Nhóm sản phẩm",
  "results.groups.all": "Tất cả các nhóm",
  "results.groups.one": "Nhóm {group} — {name}",
  "results.groups.empty": "Nhóm này không có sản phẩm.",
  "results.export.label": "Tải về:",
  "results.export.pdf": "PDF (biên bản)",
  "results.export.sheetName": "Kết quả",
  "results.export.fileName": "Kết quả bình chọn {year}",
  "results.working": "Đang xử lý…",

  // table
  "results.table.caption": "Bảng xếp hạng nhóm {group}",
  "results.col.rank": "Hạng",
  "results.col.code": "Mã số",
  "results.col.product": "Sản phẩm",
  "results.col.establishment": "Cơ sở",
  "results.col.group": "Nhóm",
  "results.col.sheets": "Số phiếu",
  "results.col.mean": "Điểm TB",
  "results.col.min": "Thấp nhất",
  "results.col.max": "Cao nhất",
  "results.col.spread": "Chênh lệch",
  "results.col.criterion": "TC{n}",
  "results.col.criterionLong": "Điểm trung bình tiêu chí {n}",
  "results.col.passed": "Đạt",
  "results.col.vote": "Biểu quyết",
  "results.col.recognised": "Công nhận",
  "results.col.votesFor": "Tán thành",
  "results.col.votesAgainst": "Không tán thành",
  "results.col.votesAbstain": "Không ý kiến",
  "results.row.earlierPass": "kết quả vòng {pass}",
  "results.row.missing": "thiếu {count} phiếu",
  "results.row.amendedByComplaint": "Kết quả chính thức đã được điều chỉnh theo quyết định giải quyết khiếu nại.",
  "results.row.changedSinceFinal": "Phiếu chấm đã thay đổi sau khi chốt; điểm chính thức giữ nguyên.",
  "results.row.spreadFlag": "chênh quá {limit} điểm",
  "results.row.spreadDecided": "Đã quyết định: {decision}",
  "results.passed.yes": "Đạt",
  "results.passed.no": "Không đạt",

  // advice
  "results.advice.title": "Tham khảo (không thay thế điểm chính thức)",
  "results.advice.hint":
    "Điểm chuẩn hóa: điểm của mỗi giám khảo được quy về thang của chính họ (z-score) rồi lấy trung bình, để bớt ảnh hưởng của giám khảo chấm chặt hay chấm rộng.",
  "results.advice.table": "Điểm chuẩn hóa nhóm {group}",
  "results.advice.normalised": "Điểm chuẩn hóa",
  "results.advice.rank": "Hạng chuẩn hóa",
  "results.advice.officialRank": "Hạng chính thức",
  "results.agreement.title": "Mức thống nhất của Ban giám khảo",
  "results.agreement.icc": "Hệ số tương quan nội lớp ICC(2,1)",
  "results.agreement.w": "Hệ số Kendall W",
  "results.agreement.noData": "không đủ dữ liệu",
  "results.agreement.insufficient": "cần ít nhất 2 giám khảo và 2 sản phẩm được tất cả họ chấm.",
  "results.agreement.basis":
    "Tính trên {judges} giám khảo và {entries} sản phẩm được tất cả họ chấm. Cần ít nhất 2 giám khảo và 2 sản phẩm.",
  "results.agreement.icc.high": "các giám khảo cho điểm rất thống nhất.",
  "results.agreement.icc.moderate": "các giám khảo cho điểm tương đối thống nhất.",
  "results.agreement.icc.low": "các giám khảo cho điểm khác nhau nhiều; nên xem lại cách hiểu tiêu chí.",
  "results.agreement.w.high": "các giám khảo xếp thứ tự sản phẩm gần như giống nhau.",
  "results.agreement.w.moderate": "các giám khảo xếp thứ tự sản phẩm tương đối giống nhau.",
  "results.agreement.w.low": "các giám khảo xếp thứ tự sản phẩm khác nhau nhiều.",

  // judges
  "results.judges.title": "Theo giám khảo",
  "results.judges.hint":
    "Độ lệch: điểm trung bình của giám khảo trừ điểm trung bình của cả tiểu ban trên cùng các sản phẩm. Lệch từ 5 điểm trở lên được đánh dấu.",
  "results.judges.none": "Chưa có phiếu nào được nộp.",
  "results.judges.judge": "Giám khảo",
  "results.judges.panel": "Tiểu ban",
  "results.judges.allGroups": "Mọi nhóm",
  "results.judges.sheets": "Số phiếu",
  "results.judges.mean": "Điểm TB",
  "results.judges.offset": "Độ lệch",
  "results.judges.tendency": "Nhận xét",
  "results.judges.harsh": "chấm chặt",
  "results.judges.lenient": "chấm rộng",

  // spread decisions
  "results.spread.title": "Sản phẩm có điểm chênh lệch lớn",
  "results.spread.intro":
    "Điểm các giám khảo chênh nhau quá {limit} điểm. Mở lại phiếu để chấm lại (trang của đợt: mở lại chấm điểm) hoặc ghi quyết định của Hội đồng; chưa thể chốt kết quả khi còn sản phẩm chưa có quyết định.",
  "results.spread.facts": "Thấp nhất {min}, cao nhất {max}, chênh lệch {spread} điểm.",
  "results.spread.decision": "Quyết định của Hội đồng",
  "results.spread.hint": "Ví dụ: Hội đồng đã thảo luận và giữ nguyên điểm các giám khảo.",
  "results.spread.submit": "Ghi quyết định",
  "results.spread.saved": "Đã ghi quyết định cho sản phẩm {code}.",
  "results.spread.error.required": "Hãy ghi quyết định (ít nhất 5 ký tự).",
  "results.spread.error.tooLong": "Quyết định dài quá 2.000 ký tự.",
  "results.spread.error.notFlagged": "Sản phẩm {code} không bị đánh dấu chênh lệch điểm.",
  "results.error.notResults":
    "Chỉ thực hiện được khi đợt ở giai đoạn tổng hợp kết quả (đã kết thúc chấm điểm) và kết quả chưa được chốt.",

  // council vote
  "results.vote.title": "Biểu quyết của Hội đồng",
  "results.vote.intro":
    "Thư ký ghi kết quả biểu quyết của Hội đồng cho từng sản phẩm đạt điểm: số phiếu, số thành viên có mặt và quyết định công nhận.",
  "results.vote.nonePassed": "Chưa có sản phẩm nào đạt điểm.",
  "results.vote.none": "chưa biểu quyết",
  "results.vote.summary":
    "Tán thành {for} · Không tán thành {against} · Không ý kiến {abstain} ({present}/{total} có mặt)",
  "results.vote.quorum": "đủ túc số",
  "results.vote.noQuorum": "chưa đủ túc số",
  "results.vote.majority": "đa số tán thành",
  "results.vote.noMajority": "chưa quá nửa tán thành",
  "results.vote.meanIs": "điểm {mean}",
  "results.vote.for": "Số phiếu tán thành",
  "results.vote.against": "Số phiếu không tán thành",
  "results.vote.abstain": "Số phiếu không ý kiến",
  "results.vote.present": "Số thành viên có mặt",
  "results.vote.total": "Tổng số thành viên Hội đồng",
  "results.vote.chairPresent": "Chủ tịch Hội đồng có mặt",
  "results.vote.recognised": "Quyết định của Hội đồng",
  "results.vote.recognisedYes": "Công nhận",
  "results.vote.recognisedNo": "Không công nhận",
  "results.vote.note": "Ghi chú",
  "results.vote.recordedAt": "Đã ghi lúc {date}.",
  "results.vote.submit": "Ghi biểu quyết",
  "results.vote.update": "Cập nhật biểu quyết",
  "results.vote.saved": "Đã ghi biểu quyết cho sản phẩm {code}.",
  "results.vote.error.required": "Hãy nhập số.",
  "results.vote.error.count": "Hãy nhập số nguyên từ 0 trở lên.",
  "results.vote.error.presentOverTotal": "Số thành viên có mặt không được lớn hơn tổng số thành viên.",
  "results.vote.error.votesOverPresent": "Tổng số phiếu không được lớn hơn số thành viên có mặt.",
  "results.vote.error.totalZero": "Hội đồng phải có ít nhất 1 thành viên.",
  "results.vote.error.notPassed": "Chỉ biểu quyết công nhận sản phẩm đạt điểm.",
  "results.vote.error.recognisedRequired": "Hãy chọn quyết định của Hội đồng.",
  "results.vote.error.noteTooLong": "Ghi chú dài quá 2.000 ký tự.",

  // finalisation
  "results.finalise.title": "Chốt kết quả",
  "results.finalise.warning":
    "Chốt kết quả lưu cố định điểm, thứ hạng và kết luận của mọi sản phẩm. Sau đó không thể mở lại chấm điểm, ghi biểu quyết hay sửa kết quả, trừ qua quyết định giải quyết khiếu nại.",
  "results.finalise.confirm": "Chốt kết quả? Không thể hoàn tác.",
  "results.finalise.submit": "Chốt kết quả",
  "results.finalise.done": "Đã chốt kết quả của {count} sản phẩm.",
  "results.finalise.error.spread": "Còn sản phẩm chênh lệch điểm chưa có quyết định: {codes}.",
  "results.finalise.error.votes": "Còn sản phẩm đạt điểm chưa có biểu quyết của Hội đồng: {codes}.",
  "results.finalise.error.recognised":
    "Sản phẩm được công nhận nhưng không còn đạt điểm: {codes}. Hãy ghi lại biểu quyết.",

  // second pass
  "results.secondPass.title": "Vòng chấm thứ hai",
  "results.secondPass.hint":
    "Các sản phẩm đạt ở vòng 1 ({count}) được chấm lại độc lập; đợt trở lại giai đoạn chấm điểm. Biểu quyết và quyết định về chênh lệch điểm của vòng 1 được xóa.",
  "results.secondPass.confirm": "Bắt đầu vòng chấm thứ hai?",
  "results.secondPass.submit": "Bắt đầu vòng chấm thứ hai",
  "results.secondPass.done": "Đã bắt đầu vòng chấm thứ hai với {count} sản phẩm.",
  "results.secondPass.error.notConfigured": "Đợt này chỉ có một vòng chấm.",
  "results.secondPass.error.notAllowed":
    "Chỉ bắt đầu vòng chấm thứ hai sau khi kết thúc vòng 1 và trước khi chốt kết quả.",
  "results.secondPass.error.none": "Không có sản phẩm nào đạt ở vòng 1 để chấm lại.",
};
