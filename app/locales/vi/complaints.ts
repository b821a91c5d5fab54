// Recognition, certificates and the public register (issue #5): complaints.
export const complaints = {
  "complaints.title": "Khiếu nại kết quả",
  "complaints.intro":
    "Cơ sở có thể khiếu nại kết quả của sản phẩm mình trong thời hạn đơn vị tổ chức quy định. Hội đồng bình chọn cùng cấp xem xét và quyết định; kết quả chính thức chỉ thay đổi qua quyết định được ghi tại đây (có ghi nhật ký).",
  "complaints.notFinalised":
    "Kết quả của đợt này chưa được chốt. Cơ sở chỉ có thể khiếu nại sau khi kết quả được chốt.",
  "complaints.working": "Đang xử lý…",

  "complaints.status.OPEN": "Đang chờ giải quyết",
  "complaints.status.UPHELD": "Chấp nhận khiếu nại",
  "complaints.status.DISMISSED": "Không chấp nhận",

  "complaints.text.tooShort":
    "Nội dung khiếu nại cần ít nhất 20 ký tự: nêu rõ kết quả nào, vì sao chưa đúng và đề nghị của cơ sở.",
  "complaints.text.tooLong": "Nội dung khiếu nại dài tối đa 5.000 ký tự.",

  // The period
  "complaints.period.title": "Thời hạn khiếu nại",
  "complaints.period.label": "Thời hạn khiếu nại",
  "complaints.period.until": "đến {date}",
  "complaints.period.notSet": "Đơn vị tổ chức chưa công bố thời hạn khiếu nại",
  "complaints.period.notSetAdmin": "Chưa đặt thời hạn khiếu nại: cơ sở chưa thể gửi khiếu nại.",
  "complaints.period.openUntil": "Cơ sở được gửi khiếu nại đến {date}.",
  "complaints.period.closedAt": "Thời hạn khiếu nại đã kết thúc lúc {date}.",
  "complaints.period.organiserOnly": "Chỉ đơn vị tổ chức đặt hoặc thay đổi thời hạn khiếu nại.",
  "complaints.period.field": "Nhận khiếu nại đến (giờ Việt Nam)",
  "complaints.period.hint":
    "Sau thời điểm chốt kết quả; gợi ý 10 ngày. Có thể gia hạn sau, mọi thay đổi đều được ghi nhật ký.",
  "complaints.period.submit": "Lưu thời hạn",
  "complaints.period.saved": "Đã đặt thời hạn khiếu nại đến {date}.",
  "complaints.period.error.required": "Vui lòng nhập thời hạn khiếu nại.",
  "complaints.period.error.invalid": "Thời hạn không hợp lệ, hãy nhập ngày và giờ, ví dụ 25/05/2026 17:00.",
  "complaints.period.error.notFinalised": "Chỉ đặt được thời hạn khiếu nại sau khi kết quả đã được chốt.",
  "complaints.period.error.beforeFinalised": "Thời hạn khiếu nại phải sau thời điểm chốt kết quả.",
  "complaints.period.error.tooLong": "Thời hạn khiếu nại không được quá một năm sau khi chốt kết quả.",
  "complaints.period.error.changedMeanwhile": "Thời hạn vừa được người khác thay đổi. Hãy tải lại trang và thử lại.",

  // Lodging (producer)
  "complaints.lodge.title": "Gửi khiếu nại kết quả",
  "complaints.lodge.formTitle": "Nội dung khiếu nại",
  "complaints.lodge.intro":
    "Nêu rõ kết quả cơ sở khiếu nại (điểm, việc đạt hay không đạt, việc công nhận), lý do và đề nghị. Hội đồng bình chọn sẽ xem xét và trả lời bằng quyết định; cơ sở nhận thư báo khi có quyết định.",
  "complaints.lodge.text": "Nội dung",
  "complaints.lodge.textHint": "Từ {min} đến {max} ký tự.",
  "complaints.lodge.submit": "Gửi khiếu nại",
  "complaints.lodge.back": "Quay lại hồ sơ",
  "complaints.lodge.done": "Đã gửi khiếu nại. Đơn vị tổ chức đã được thông báo; cơ sở sẽ nhận thư khi có quyết định.",
  "complaints.lodge.error.notFinalised": "Kết quả của đợt chưa được chốt, chưa thể khiếu nại.",
  "complaints.lodge.error.notJudged": "Hồ sơ này không được chấm điểm trong đợt nên không có kết quả để khiếu nại.",
  "complaints.lodge.error.noPeriod":
    "Đơn vị tổ chức chưa công bố thời hạn khiếu nại của đợt này, nên chưa thể gửi khiếu nại. Vui lòng quay lại sau hoặc liên hệ đơn vị tổ chức.",
  "complaints.lodge.error.closed": "Thời hạn khiếu nại đã kết thúc lúc {date}.",
  "complaints.lodge.error.alreadyOpen":
    "Cơ sở đang có một khiếu nại chờ giải quyết cho sản phẩm này. Hãy chờ quyết định trước khi gửi khiếu nại mới.",

  // Deciding (organiser / council secretary)
  "complaints.decide.legend": "Ghi quyết định của Hội đồng — {code}",
  "complaints.decide.status": "Kết luận",
  "complaints.decide.status.UPHELD": "Chấp nhận khiếu nại",
  "complaints.decide.status.DISMISSED": "Không chấp nhận khiếu nại",
  "complaints.decide.decision": "Nội dung quyết định của Hội đồng",
  "complaints.decide.decisionHint":
    "Ghi căn cứ và kết luận, ví dụ: “Phiên họp Hội đồng ngày 20/05/2026 chấm lại, điểm trung bình 72,50…”.",
  "complaints.decide.number": "Số quyết định / văn bản",
  "complaints.decide.numberPlaceholder": "ví dụ 12/QĐ-HĐBC",
  "complaints.decide.date": "Ngày quyết định",
  "complaints.decide.change": "Thay đổi kết quả (chỉ khi chấp nhận khiếu nại)",
  "complaints.decide.changeHint":
    "Để trống nếu kết quả không đổi. Điểm mới quyết định việc đạt/không đạt theo ngưỡng của đợt.",
  "complaints.decide.newScore": "Điểm chính thức mới",
  "complaints.decide.newScoreHint": "Hiện tại: {score}; ngưỡng đạt: {line}. Từ 0 đến 100, tối đa 2 chữ số thập phân.",
  "complaints.decide.newRecognised": "Công nhận",
  "complaints.decide.recognisedSame": "Không thay đổi",
  "complaints.decide.recognisedYes": "Công nhận sản phẩm",
  "complaints.decide.recognisedNo": "Không công nhận (thu hồi giấy chứng nhận nếu đã cấp)",
  "complaints.decide.confirm": "Quyết định này thay đổi kết quả chính thức và được ghi nhật ký. Xác nhận?",
  "complaints.decide.submit": "Ghi quyết định",
  "complaints.decide.done": "Đã ghi quyết định về khiếu nại của {code}.",
  "complaints.decide.doneChanged": "Đã ghi quyết định và cập nhật kết quả chính thức của {code}.",
  "complaints.decide.doneRevoked":
    "Đã ghi quyết định, cập nhật kết quả của {code} và thu hồi giấy chứng nhận {serial}.",
  "complaints.decide.doneIssue":
    "Đã ghi quyết định: {code} nay được công nhận. Có thể cấp giấy chứng nhận tại trang Công nhận của đợt.",
  "complaints.decide.doneRevokedEarlier":
    "Đã ghi quyết định: {code} được công nhận lại, nhưng giấy chứng nhận cũ đã bị thu hồi trước đó và vẫn ở trạng thái thu hồi.",
  "complaints.decide.error.status": "Chọn kết luận: chấp nhận hoặc không chấp nhận khiếu nại.",
  "complaints.decide.error.decisionRequired": "Ghi nội dung quyết định của Hội đồng (ít nhất 10 ký tự).",
  "complaints.decide.error.decisionTooLong": "Nội dung quyết định dài tối đa 5.000 ký tự.",
  "complaints.decide.error.numberTooLong": "Số quyết định dài tối đa 100 ký tự.",
  "complaints.decide.error.dateRequired": "Nhập ngày quyết định hợp lệ.",
  "complaints.decide.error.dateFuture": "Ngày quyết định không được sau hôm nay.",
  "complaints.decide.error.dateBeforeLodged": "Ngày quyết định không được trước ngày cơ sở gửi khiếu nại.",
  "complaints.decide.error.score": "Điểm phải từ 0 đến 100, tối đa 2 chữ số thập phân (ví dụ 72,5).",
  "complaints.decide.error.changeOnlyUpheld":
    "Chỉ thay đổi kết quả khi chấp nhận khiếu nại. Để trống phần thay đổi nếu không chấp nhận.",
  "complaints.decide.error.noChange":
    "Giá trị mới giống kết quả hiện tại. Để trống phần thay đổi nếu kết quả không đổi.",
  "complaints.decide.error.recognisedNotPassed":
    "Sản phẩm không đạt ngưỡng điểm không thể được công nhận. Hãy sửa điểm hoặc chọn không công nhận.",
  "complaints.decide.error.alreadyDecided": "Khiếu nại này đã có quyết định. Tải lại trang để xem.",

  // List
  "complaints.col.code": "Mã số bình chọn",
  "complaints.col.product": "Sản phẩm",
  "complaints.col.establishment": "Cơ sở",
  "complaints.col.lodged": "Gửi lúc",
  "complaints.col.result": "Kết quả chính thức hiện tại",
  "complaints.col.certificate": "Giấy chứng nhận {serial}",
  "complaints.col.certificateRevoked": "Giấy chứng nhận {serial} đã thu hồi lúc {date}",
  "complaints.col.text": "Nội dung khiếu nại",
  "complaints.col.decision": "Quyết định",
  "complaints.col.decidedBy": "Ghi lúc {date} bởi {name}",
  "complaints.col.newScore": "Điểm chính thức sửa thành {score}",
  "complaints.col.newRecognisedYes": "Sản phẩm được công nhận",
  "complaints.col.newRecognisedNo": "Sản phẩm không được công nhận",
  "complaints.filter.label": "Lọc theo tình trạng",
  "complaints.filter.all": "Tất cả ({count})",
  "complaints.filter.one": "{status} ({count})",
  "complaints.list.title": "Danh sách khiếu nại",
  "complaints.list.titleStatus": "Khiếu nại: {status}",
  "complaints.list.empty": "Chưa có khiếu nại nào.",
  "complaints.col.entry": "Hồ sơ",
  "complaints.col.status": "Tình trạng",
  "complaints.filter.status": "Tình trạng",
  "complaints.list.view": "Xem",
  "complaints.list.decide": "Xem và quyết định",
  "complaints.list.back": "Về danh sách khiếu nại",
  "complaints.toCertify.intro":
    "Các sản phẩm sau nay được công nhận theo quyết định giải quyết khiếu nại nhưng chưa có giấy chứng nhận:",
  "complaints.toCertify.link": "Cấp giấy chứng nhận tại trang Công nhận của đợt",

  // The official result (producer)
  "complaints.result.title": "Kết quả chính thức",
  "complaints.result.score": "Điểm chính thức",
  "complaints.result.scoreIs": "Điểm {score}",
  "complaints.result.passed": "Ngưỡng đạt",
  "complaints.result.passedYes": "Đạt (ngưỡng {line})",
  "complaints.result.passedNo": "Không đạt (ngưỡng {line})",
  "complaints.result.recognised": "Công nhận",
  "complaints.result.recognisedYes": "Được công nhận",
  "complaints.result.recognisedNo": "Không được công nhận",
  "complaints.entry.title": "Kết quả và khiếu nại",
  "complaints.entry.finalisedAt": "Kết quả được chốt lúc {date}.",
  "complaints.entry.lodge": "Gửi khiếu nại về kết quả",
  "complaints.entry.mine": "Khiếu nại của cơ sở",
  "complaints.entry.lodgedAt": "Gửi lúc {date}",
  "complaints.entry.decision": "Quyết định của Hội đồng (ghi lúc {date})",
  "complaints.entry.waiting": "Đang chờ Hội đồng xem xét.",
  "complaints.entry.certificateRevoked": "Giấy chứng nhận {serial} đã bị thu hồi: {reason}",

  // Mail
  "complaints.mail.lodged.subject": "[Tiêu Biểu] Khiếu nại mới về kết quả — {code}",
  "complaints.mail.lodged.body":
    "Kính gửi {name},\n\nCơ sở {establishment} vừa gửi khiếu nại về kết quả của sản phẩm {product} (mã số {code}) trong đợt {round}, lúc {date}.\n\nNội dung:\n{text}\n\nXem và ghi quyết định của Hội đồng tại:\n{url}\n\nTiêu Biểu",
  "complaints.mail.receipt.subject": "[Tiêu Biểu] Đã nhận khiếu nại về kết quả — {product}",
  "complaints.mail.receipt.body":
    "Kính gửi {name},\n\nHệ thống đã nhận khiếu nại của cơ sở về kết quả của sản phẩm {product} (mã số {code}) trong đợt {round}, lúc {date}.\n\nNội dung:\n{text}\n\nHội đồng bình chọn sẽ xem xét; cơ sở sẽ nhận thư khi có quyết định. Theo dõi tại:\n{url}\n\nTiêu Biểu",
  "complaints.mail.decided.subject": "[Tiêu Biểu] Quyết định về khiếu nại — {product}",
  "complaints.mail.decided.body":
    "Kính gửi {name},\n\nHội đồng bình chọn đã giải quyết khiếu nại ngày {lodged} của cơ sở về kết quả của sản phẩm {product} (mã số {code}) trong đợt {round}.\n\nKết luận: {status}\n{decision}\n{changes}\nXem chi tiết tại:\n{url}\n\nTiêu Biểu",
  "complaints.mail.decided.score": "Điểm chính thức mới: {score}.",
  "complaints.mail.decided.recognised": "Sản phẩm được công nhận.",
  "complaints.mail.decided.notRecognised": "Sản phẩm không được công nhận.",
  "complaints.mail.decided.revoked": "Giấy chứng nhận {serial} bị thu hồi.",
};
