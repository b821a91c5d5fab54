// Recognition, certificates and the public register (issue #5): certificates — the recognition
// decision, issuing, revocation, bulk printing, the producer's certificates, and the texts of the
// printed certificate and decision (official papers: Vietnamese is what is signed).
export const certificates = {
  // Texts stored on certificates and printed (mid-sentence forms).
  "certificates.jurisdiction.province": "cấp tỉnh {name}",
  "certificates.jurisdiction.city": "cấp thành phố {name}",
  "certificates.jurisdiction.region": "cấp khu vực {name}",
  "certificates.jurisdiction.nation": "cấp quốc gia",
  "certificates.authority.province": "Ủy ban nhân dân tỉnh {name}",
  "certificates.authority.city": "Ủy ban nhân dân thành phố {name}",
  "certificates.authority.ministry": "Bộ Công Thương",
  "certificates.place.ministry": "Hà Nội",
  "certificates.address.province": "tỉnh {name}",
  "certificates.address.city": "thành phố {name}",

  "certificates.status.valid": "Còn hiệu lực",
  "certificates.status.expired": "Hết hiệu lực",
  "certificates.status.revoked": "Đã thu hồi",

  // The recognition page.
  "certificates.page.title": "Công nhận và cấp giấy chứng nhận",
  "certificates.page.intro":
    "Sản phẩm công nghiệp nông thôn tiêu biểu {jurisdiction} năm {year}. Kết quả đã chốt lúc {date}.",
  "certificates.page.toResults": "Xem và chốt kết quả bình chọn",
  "certificates.error.notFinalised":
    "Đợt “{round}” chưa chốt kết quả. Chỉ ghi nhận quyết định công nhận và cấp giấy chứng nhận sau khi ban tổ chức chốt kết quả bình chọn.",
  "certificates.error.noDecision":
    "Chưa ghi nhận quyết định công nhận của đợt này. Hãy nhập quyết định trước khi cấp giấy chứng nhận.",
  "certificates.error.changedMeanwhile": "Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại trang rồi thử lại.",
  "certificates.error.loginRequired": "Vui lòng đăng nhập để xem văn bản này.",
  "certificates.error.noDocument": "Quyết định này chưa có văn bản PDF.",

  "certificates.recognised.title": "Sản phẩm được Hội đồng công nhận ({count})",
  "certificates.recognised.hint":
    "Danh sách lấy từ kết quả đã chốt (biểu quyết của Hội đồng bình chọn); không sửa được ở đây.",
  "certificates.recognised.empty": "Hội đồng chưa công nhận sản phẩm nào trong đợt này.",
  "certificates.recognised.notIssued": "Chưa cấp",
  "certificates.col.no": "STT",
  "certificates.col.code": "Mã số",
  "certificates.col.product": "Sản phẩm",
  "certificates.col.establishment": "Cơ sở",
  "certificates.col.group": "Nhóm",
  "certificates.col.score": "Điểm",
  "certificates.col.serial": "Số giấy chứng nhận",
  "certificates.col.validUntil": "Hiệu lực đến",
  "certificates.col.status": "Tình trạng",
  "certificates.col.links": "Tệp và xác thực",
  "certificates.col.revoke": "Thu hồi",

  // The decision.
  "certificates.decision.title": "Quyết định công nhận",
  "certificates.decision.none": "Chưa ghi nhận quyết định công nhận.",
  "certificates.decision.record": "Ghi nhận quyết định",
  "certificates.decision.edit": "Sửa quyết định",
  "certificates.decision.number": "Số quyết định",
  "certificates.decision.numberHint": "Ví dụ: 44/QĐ-UBND.",
  "certificates.decision.signedAt": "Ngày ký",
  "certificates.decision.signedAtHint": "Không sau ngày hôm nay, không trước ngày chốt kết quả.",
  "certificates.decision.authority": "Cơ quan ban hành",
  "certificates.decision.authorityHint": "Cấp tỉnh: Ủy ban nhân dân tỉnh; cấp khu vực và quốc gia: Bộ Công Thương.",
  "certificates.decision.signerTitle": "Chức vụ người ký",
  "certificates.decision.signerTitleHint": "Ví dụ: Phó Chủ tịch.",
  "certificates.decision.signerName": "Họ và tên người ký",
  "certificates.decision.signer": "Người ký",
  "certificates.decision.document": "Văn bản",
  "certificates.decision.documentSource": "Văn bản quyết định (PDF)",
  "certificates.decision.sourceOption.GENERATED": "Hệ thống tạo văn bản quyết định và danh sách kèm theo",
  "certificates.decision.sourceOption.UPLOADED": "Tải lên bản quét quyết định đã ký (PDF)",
  "certificates.decision.source.GENERATED": "Do hệ thống tạo",
  "certificates.decision.source.UPLOADED": "Bản quét đã ký",
  "certificates.decision.scan": "Bản quét quyết định đã ký (PDF)",
  "certificates.decision.scanHint": "Chỉ nhận tệp PDF (hệ thống kiểm tra nội dung tệp), tối đa {max} MB.",
  "certificates.decision.scanHintKeep":
    "Chỉ nhận tệp PDF, tối đa {max} MB. Để trống để giữ bản quét đã tải lên trước đó.",
  "certificates.decision.submit": "Ghi nhận quyết định",
  "certificates.decision.save": "Lưu thay đổi",
  "certificates.decision.openPdf": "Mở văn bản PDF",
  "certificates.decision.noDocument": "Chưa có văn bản",
  "certificates.decision.editableHint": "Quyết định còn sửa được cho đến khi cấp giấy chứng nhận.",
  "certificates.decision.publicHint":
    "Đã cấp giấy chứng nhận: quyết định được công khai tại {url} và không sửa được nữa; chỉ có thể thay văn bản bằng bản quét đã ký.",
  "certificates.decision.recorded": "Đã ghi nhận quyết định công nhận.",
  "certificates.decision.updated": "Đã lưu thay đổi của quyết định công nhận.",
  "certificates.decision.number.required": "Vui lòng nhập số quyết định.",
  "certificates.decision.number.tooLong": "Số quyết định dài tối đa 50 ký tự.",
  "certificates.decision.signedAt.required": "Vui lòng nhập ngày ký.",
  "certificates.decision.signedAt.invalid": "Ngày ký không hợp lệ.",
  "certificates.decision.signedAt.future": "Ngày ký không được sau ngày hôm nay.",
  "certificates.decision.signedAt.beforeFinalised": "Ngày ký không được trước ngày chốt kết quả ({finalised}).",
  "certificates.decision.authority.required": "Vui lòng nhập cơ quan ban hành.",
  "certificates.decision.signerName.required": "Vui lòng nhập họ và tên người ký.",
  "certificates.decision.signerTitle.required": "Vui lòng nhập chức vụ người ký.",
  "certificates.decision.tooLong": "Nội dung quá dài.",
  "certificates.decision.documentSource.required": "Vui lòng chọn cách lập văn bản quyết định.",
  "certificates.decision.document.required": "Vui lòng chọn tệp PDF bản quét quyết định đã ký.",
  "certificates.decision.document.notPdf": "Tệp “{name}” không phải PDF. Bản quét quyết định phải là tệp PDF.",
  "certificates.decision.locked":
    "Đã cấp giấy chứng nhận theo quyết định này nên không sửa được nữa; chỉ có thể thay văn bản bằng bản quét đã ký.",
  "certificates.decision.noneRecognised":
    "Hội đồng chưa công nhận sản phẩm nào trong đợt này nên chưa thể ghi nhận quyết định công nhận.",
  "certificates.document.title": "Thay văn bản bằng bản quét đã ký",
  "certificates.document.hint":
    "Dùng khi quyết định được ký trên giấy: tải lên bản quét (PDF) để thay văn bản hiện tại. Văn bản cũ vẫn được lưu trong nhật ký.",
  "certificates.document.submit": "Tải lên bản quét",
  "certificates.document.replaced": "Đã thay văn bản quyết định bằng bản quét đã ký.",

  // Issuing.
  "certificates.issue.title": "Cấp giấy chứng nhận",
  "certificates.issue.summary": "Được công nhận: {recognised} · đã cấp: {issued} · chưa cấp: {pending}.",
  "certificates.issue.hint":
    "Mỗi sản phẩm được công nhận nhận một giấy chứng nhận mang ngày của quyết định ({date}), số hiệu riêng và mã xác thực. Cơ sở được báo qua thư điện tử.",
  "certificates.issue.button": "Cấp giấy chứng nhận",
  "certificates.issue.confirm": "Cấp {count} giấy chứng nhận? Sau khi cấp, quyết định không sửa được nữa.",
  "certificates.issue.done": "Đã cấp {count} giấy chứng nhận (từ {first} đến {last}).",
  "certificates.issue.nothing": "Không có giấy chứng nhận nào cần cấp thêm.",
  "certificates.issue.allIssued": "Mọi sản phẩm được công nhận đều đã có giấy chứng nhận.",

  // The list and revocation.
  "certificates.list.title": "Giấy chứng nhận đã cấp ({count})",
  "certificates.list.pdf": "Tải PDF",
  "certificates.list.verify": "Trang xác thực ({code})",
  "certificates.list.revokedOn": "Thu hồi ngày {date}",
  "certificates.revoke.open": "Thu hồi…",
  "certificates.revoke.reason": "Lý do thu hồi {serial}",
  "certificates.revoke.hint": "Bắt buộc, ít nhất {min} ký tự. Lý do được hiển thị công khai trên trang xác thực.",
  "certificates.revoke.submit": "Thu hồi giấy chứng nhận",
  "certificates.revoke.confirm": "Thu hồi {serial}? Không thể hoàn tác.",
  "certificates.revoke.done": "Đã thu hồi giấy chứng nhận {serial}.",
  "certificates.revoke.reason.required": "Vui lòng nhập lý do thu hồi.",
  "certificates.revoke.reason.tooShort": "Lý do thu hồi phải có ít nhất 10 ký tự.",
  "certificates.revoke.reason.tooLong": "Lý do thu hồi dài tối đa 1000 ký tự.",
  "certificates.revoke.already": "Giấy chứng nhận {serial} đã bị thu hồi trước đó.",

  // Bulk.
  "certificates.bulk.title": "Tải tất cả giấy chứng nhận",
  "certificates.bulk.hint":
    "{count} giấy chứng nhận: một tệp PDF nhiều trang, hoặc một tệp ZIP gồm mỗi giấy chứng nhận một tệp PDF. Hệ thống tạo tệp ở chế độ nền và hiển thị tiến độ.",
  "certificates.bulk.format": "Định dạng",
  "certificates.bulk.format.pdf": "Một tệp PDF nhiều trang",
  "certificates.bulk.format.zip": "Tệp ZIP, mỗi giấy chứng nhận một tệp PDF",
  "certificates.bulk.format.required": "Vui lòng chọn định dạng.",
  "certificates.bulk.start": "Tạo tệp",
  "certificates.bulk.again": "Tạo tệp khác",
  "certificates.bulk.jobPdf": "Tệp PDF nhiều trang",
  "certificates.bulk.jobZip": "Tệp ZIP",
  "certificates.bulk.startedAt": "Bắt đầu lúc {date}",
  "certificates.bulk.progress": "{done}/{total} giấy chứng nhận",
  "certificates.bulk.running": "Đang tạo tệp… Trang tự tải lại sau {seconds} giây.",
  "certificates.bulk.reload": "Tải lại trang",
  "certificates.bulk.done": "Đã xong. Tệp được giữ trong một ngày.",
  "certificates.bulk.failed": "Không tạo được tệp. Vui lòng thử lại; nếu vẫn lỗi, hãy liên hệ quản trị hệ thống.",
  "certificates.bulk.download": "Tải xuống {name}",
  "certificates.bulk.none": "Đợt này chưa cấp giấy chứng nhận nào.",
  "certificates.bulk.notFound": "Không tìm thấy yêu cầu tạo tệp này (có thể đã quá một ngày và bị xóa).",
  "certificates.bulk.notReady": "Tệp chưa tạo xong. Vui lòng chờ rồi thử lại.",
  "certificates.bulk.queued": "Đang chờ đến lượt xử lý… Trang tự tải lại sau {seconds} giây.",
  "certificates.bulk.attempt": "Lần thử {attempt}/{max}",
  "certificates.bulk.lastError": "Lỗi gần nhất: {error}",
  "certificates.bulk.retry": "Thử lại",
  "certificates.bulk.retried": "Đã xếp yêu cầu vào hàng đợi để chạy lại.",
  "certificates.bulk.notFailed": "Chỉ có thể thử lại một yêu cầu đã thất bại.",
  "certificates.bulk.fileName": "giay-chung-nhan-{name}.{ext}",

  // The producer's page.
  "certificates.producer.title": "Giấy chứng nhận của tôi",
  "certificates.producer.intro":
    "Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu của các cơ sở bạn quản lý. Người mua quét mã QR trên giấy chứng nhận để kiểm tra trên trang xác thực công khai.",
  "certificates.producer.empty":
    "Bạn chưa có giấy chứng nhận nào. Giấy chứng nhận được cấp sau khi sản phẩm được Hội đồng bình chọn công nhận.",
  "certificates.producer.toEntries": "Xem hồ sơ dự thi của tôi",
  "certificates.producer.level": "{jurisdiction} năm {year}",
  "certificates.producer.decision": "Quyết định",
  "certificates.producer.decisionValue": "Số {number} ngày {date} của {authority}",
  "certificates.producer.issuedAt": "Ngày cấp",
  "certificates.producer.code": "Mã xác thực",
  "certificates.producer.revoked": "Giấy chứng nhận đã bị thu hồi ngày {date}. Lý do: {reason}",
  "certificates.producer.expired": "Giấy chứng nhận đã hết hiệu lực từ sau ngày {date}.",
  "certificates.producer.download": "Tải giấy chứng nhận (PDF)",
  "certificates.producer.verify": "Trang xác thực",
  "certificates.producer.decisionPdf": "Văn bản quyết định",

  // Mail.
  "certificates.mail.issued.subject":
    "[Tiêu Biểu] Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu đã được cấp",
  "certificates.mail.issued.body":
    "Kính gửi {name},\n\nSản phẩm của cơ sở đã được công nhận là sản phẩm công nghiệp nông thôn tiêu biểu {jurisdiction} năm {year} ({round}) và được cấp giấy chứng nhận:\n{list}\n\nBạn có thể tải giấy chứng nhận (PDF) tại: {url}\n\nTrân trọng.",
  "certificates.mail.revoked.subject": "[Tiêu Biểu] Thông báo thu hồi giấy chứng nhận {serial}",
  "certificates.mail.revoked.body":
    "Kính gửi {name},\n\nGiấy chứng nhận {serial} của sản phẩm “{product}” đã bị thu hồi.\nLý do: {reason}\n\nChi tiết: {url}\n\nTrân trọng.",

  // The printed certificate.
  "certificates.pdf.subject": "Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu",
  "certificates.pdf.docTitle": "Giấy chứng nhận {serial}",
  "certificates.pdf.docTitleMany": "Giấy chứng nhận ({count})",
  "certificates.pdf.title": "GIẤY CHỨNG NHẬN",
  "certificates.pdf.subtitle": "SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
  "certificates.pdf.levelLine": "{jurisdiction} năm {year}",
  "certificates.pdf.certifies": "Chứng nhận sản phẩm",
  "certificates.pdf.group": "Nhóm sản phẩm: {group} – {name}",
  "certificates.pdf.establishment": "Của: {name}",
  "certificates.pdf.address": "Địa chỉ: {address}",
  "certificates.pdf.decision": "Theo Quyết định số {number} ngày {date} của {authority}",
  "certificates.pdf.serial": "Số: {serial}",
  "certificates.pdf.issuedAt": "Ngày cấp: {date}",
  "certificates.pdf.validUntil": "Có giá trị đến ngày {date}",
  "certificates.pdf.code": "Mã xác thực: {code}",
  "certificates.pdf.verifyHint": "Quét mã QR hoặc nhập mã xác thực để kiểm tra giấy chứng nhận.",
  "certificates.pdf.revoked": "ĐÃ THU HỒI",
  "certificates.pdf.revokedOn": "ĐÃ THU HỒI ngày {date}",
  "certificates.pdf.fileName": "giay-chung-nhan-{serial}.pdf",

  // The generated decision.
  "certificates.decisionPdf.docTitle": "Quyết định số {number}",
  "certificates.decisionPdf.subject":
    "Quyết định công nhận sản phẩm công nghiệp nông thôn tiêu biểu {jurisdiction} năm {year}",
  "certificates.decisionPdf.number": "Số: {number}",
  "certificates.decisionPdf.title": "QUYẾT ĐỊNH",
  "certificates.decisionPdf.about":
    "Về việc công nhận sản phẩm công nghiệp nông thôn tiêu biểu {jurisdiction} năm {year}",
  "certificates.decisionPdf.ground.results": "Căn cứ biên bản tổng hợp kết quả bình chọn của {council};",
  "certificates.decisionPdf.councilDefault": "Hội đồng bình chọn",
  "certificates.decisionPdf.decides": "QUYẾT ĐỊNH:",
  "certificates.decisionPdf.articleLead": "Điều {n}.",
  "certificates.decisionPdf.article1":
    "Công nhận {count} sản phẩm là sản phẩm công nghiệp nông thôn tiêu biểu {jurisdiction} năm {year} (có danh sách kèm theo).",
  "certificates.decisionPdf.article2":
    "Các sản phẩm tại Điều 1 được cấp giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu; giấy chứng nhận có giá trị đến ngày {date}.",
  "certificates.decisionPdf.article3.province":
    "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân {province}, Giám đốc Sở Công Thương, Thủ trưởng các cơ quan, đơn vị có liên quan và các cơ sở có sản phẩm tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
  "certificates.decisionPdf.article3.ministry":
    "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Bộ, {department}, Giám đốc Sở Công Thương các tỉnh, thành phố có sản phẩm tại Điều 1, Thủ trưởng các cơ quan, đơn vị có liên quan và các cơ sở có sản phẩm tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
  "certificates.decisionPdf.recipients": "Nơi nhận:",
  "certificates.decisionPdf.annexTitle": "DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU {jurisdiction} NĂM {year}",
  "certificates.decisionPdf.annexRef": "(Kèm theo Quyết định số {number} ngày {date} của {authority})",
  "certificates.decisionPdf.annexEmpty": "Không có sản phẩm.",
  "certificates.decisionPdf.col.no": "STT",
  "certificates.decisionPdf.col.product": "Tên sản phẩm",
  "certificates.decisionPdf.col.establishment": "Cơ sở",
  "certificates.decisionPdf.col.address": "Địa chỉ",
  "certificates.decisionPdf.col.group": "Nhóm",
  "certificates.decisionPdf.fileName": "quyet-dinh-{number}.pdf",
};
