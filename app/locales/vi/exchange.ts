// Exchange between installations and open data (issue #15): the DCAT-AP catalogue, the register's
// downloads, nomination packages and the short list's Excel import.
export const exchange = {
  "openData.publisher": "Cơ quan tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
  "openData.catalogTitle": "Dữ liệu mở: sản phẩm công nghiệp nông thôn tiêu biểu",
  "openData.catalogDescription":
    "Danh mục dữ liệu mở của hệ thống bình chọn sản phẩm công nghiệp nông thôn tiêu biểu: sổ đăng ký giấy chứng nhận, tải về dạng CSV, JSON và qua API.",
  "openData.datasetTitle": "Sổ đăng ký sản phẩm công nghiệp nông thôn tiêu biểu",
  "openData.datasetDescription":
    "Mỗi dòng là một giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu (cấp tỉnh, khu vực hoặc quốc gia): số giấy, sản phẩm, nhóm, cơ sở, tỉnh, cấp, năm, ngày cấp, hiệu lực và tình trạng hiện tại.",
  "openData.keywords": "công nghiệp nông thôn, sản phẩm tiêu biểu, khuyến công, giấy chứng nhận",
  "openData.csvTitle": "Toàn bộ sổ đăng ký (CSV)",
  "openData.jsonTitle": "Toàn bộ sổ đăng ký (JSON)",
  "openData.apiTitle": "API tra cứu sổ đăng ký (JSON, phân trang)",
  "exchange.error.notDidWeb": "Nơi gửi {did} không phải một định danh did:web, không kiểm tra được chữ ký.",
  "exchange.error.didUnreachable":
    "Không lấy được khóa công khai của nơi gửi {did} tại {url} ({reason}). Gói chưa được nhập; hãy thử lại sau.",
  "exchange.error.untrustedSender":
    "Nơi gửi {did} không có trong danh sách hệ thống được tin cậy (EXCHANGE_TRUSTED_SENDERS). Gói chưa được nhập.",
  "exchange.error.badSignature":
    "Chữ ký của gói hồ sơ không hợp lệ: gói không do hệ thống gửi ký, hoặc đã bị sửa. Gói chưa được nhập.",
  "exchange.error.unknownKey": "Khóa {kid} đã ký gói không có trong các khóa công bố của {did}. Gói chưa được nhập.",
  "exchange.error.manifestChanged": "Bản kê (manifest.json) đã bị sửa sau khi ký. Gói chưa được nhập.",
  "exchange.error.fileMissing": "Thiếu tệp {name} của hồ sơ {serial}. Gói chưa được tạo hoặc chưa được nhập.",
  "exchange.error.fileChanged":
    "Tệp {path} trong gói không khớp mã băm SHA-256 đã ký: tệp đã bị thay đổi. Gói chưa được nhập.",
  "exchange.error.fileType": "Tệp {path} không phải ảnh (JPEG, PNG, WebP) hoặc PDF đọc được. Gói chưa được nhập.",
  "exchange.error.notZip": "Tệp tải lên không phải tệp ZIP đọc được.",
  "exchange.error.notPackage": "Tệp ZIP không phải gói đề cử: thiếu manifest.json hoặc manifest.jws.",
  "exchange.error.badManifest": "Bản kê của gói không đúng định dạng (phiên bản 1): {detail}.",
  "exchange.error.badCredential":
    "Chứng nhận số (verifiable credential) của giấy chứng nhận {serial} không có chữ ký hợp lệ của nơi gửi. Gói chưa được nhập.",
  "exchange.error.revokedAtSender":
    "Giấy chứng nhận {serial} đã bị thu hồi trên hệ thống cấp ({did}) theo danh sách trạng thái hiện hành của hệ thống đó. Gói chưa được nhập.",
  "exchange.error.statusListInvalid":
    "Không tin được danh sách trạng thái thu hồi {url} của giấy chứng nhận {serial}: {reason}. Gói chưa được nhập.",
  "exchange.error.unknownProvince":
    "Tỉnh {name} (mã {code}) không có trong danh mục của hệ thống này. Gói chưa được nhập.",
  "exchange.error.certificateClash":
    "Hệ thống này đã có một giấy chứng nhận khác mang số {serial} hoặc cùng mã tra cứu. Gói chưa được nhập.",
  "exchange.error.importedElsewhere": "Gói này đã được nhập vào một đợt khác.",
  "exchange.error.fileRequired": "Chọn tệp để tải lên.",
  "exchange.error.tooLarge": "Tệp lớn hơn {max} MB.",
  "exchange.mirror.description":
    "Đợt bình chọn của hệ thống khác ({url}, {did}), lưu lại từ gói hồ sơ đề cử nhận được.",
  "exchange.mirror.revoked": "Đã bị thu hồi theo hệ thống cấp.",
  "exchange.package.title": "Gói hồ sơ đề cử liên thông",
  "exchange.package.intro":
    "Dùng khi đợt cấp trên được tổ chức trên một hệ thống khác: tải về một gói (ZIP) gồm hồ sơ đã khóa, giấy chứng nhận, quyết định công nhận và chữ ký số của hệ thống này, rồi gửi cho đơn vị tổ chức cấp trên.",
  "exchange.package.download": "Tải gói hồ sơ đề cử (ZIP)",
  "exchange.package.selectLabel": "Đưa {serial} – {product} vào gói",
  "exchange.import.title": "Nhập gói hồ sơ đề cử",
  "exchange.import.intro":
    "Nhập gói hồ sơ đề cử (ZIP) do hệ thống của tỉnh gửi. Gói được kiểm tra chữ ký, mã băm từng tệp, hiệu lực giấy chứng nhận, chỉ tiêu và khu vực của tỉnh; có lỗi thì không nhập gì. Nhập lại cùng một gói không tạo hồ sơ mới.",
  "exchange.import.file": "Gói hồ sơ (ZIP)",
  "exchange.import.submit": "Nhập gói",
  "exchange.import.done": "Đã nhập {count} hồ sơ đề cử từ {sender} vào {round}.",
  "exchange.import.doneStatusFromManifest":
    "Đã nhập {count} hồ sơ đề cử từ {sender} vào {round}. Không đọc được danh sách thu hồi của hệ thống gửi, nên tình trạng của {unchecked} giấy chứng nhận được lấy theo gói đã ký (ghi trong nhật ký hệ thống).",
  "exchange.import.already": "Gói này đã được nhập trước đây ({count} hồ sơ); không có gì mới.",
  "exchange.import.refused": "Gói chưa được nhập, không có hồ sơ nào được tạo:",
  "exchange.import.trusted": "Hệ thống được tin cậy: {list}",
  "exchange.import.noneTrusted":
    "Chưa cấu hình hệ thống nào được tin cậy (biến môi trường EXCHANGE_TRUSTED_SENDERS): mọi gói sẽ bị từ chối.",
  "exchange.import.link": "Nhập gói hồ sơ đề cử từ hệ thống khác",
};
