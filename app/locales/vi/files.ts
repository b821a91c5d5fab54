// Uploaded files: limits, refusals and access (app/modules/files).
export const files = {
  "files.error.tooLarge":
    "Tệp “{name}” lớn hơn giới hạn {max} MB. Hãy chọn tệp nhỏ hơn (với ảnh: chụp ở độ phân giải thấp hơn; với PDF: quét ở độ phân giải thấp hơn).",
  "files.error.empty": "Tệp “{name}” rỗng (0 byte). Hãy chọn lại đúng tệp.",
  "files.error.badName":
    "Tên tệp “{name}” không hợp lệ: tên tệp không được chứa đường dẫn (như ../ hoặc /). Hãy đổi tên tệp rồi tải lên lại.",
  "files.error.type":
    "Tệp “{name}” không đúng định dạng cho phép ({allowed}). Hệ thống kiểm tra nội dung tệp, không dựa vào đuôi tên tệp.",
  "files.error.tooManyPixels":
    "Ảnh “{name}” quá lớn: {width} × {height} điểm ảnh (khoảng {mp} megapixel), vượt giới hạn {max} megapixel. Hãy chụp lại ở độ phân giải thấp hơn hoặc thu nhỏ ảnh rồi tải lên.",
  "files.error.unreadable":
    "Không đọc được ảnh “{name}”: tệp bị hỏng hoặc ảnh quá lớn. Hãy chụp hoặc lưu lại ảnh rồi tải lên.",
  "files.error.tooMany": "Mỗi lần chỉ tải lên được tối đa {max} tệp.",
  "files.error.malformed": "Không đọc được dữ liệu tải lên. Vui lòng thử gửi lại.",
  "files.error.notFound": "Không tìm thấy tệp này. Có thể đường dẫn bị sai.",
  "files.error.loginRequired": "Vui lòng đăng nhập để xem tệp này.",
  "files.error.forbidden":
    "Bạn không có quyền xem tệp này. Tệp hồ sơ chỉ được mở bởi cơ sở sở hữu và cơ quan tổ chức đợt bình chọn có hồ sơ.",
  "files.error.noThumbnail": "Tệp này không có ảnh thu nhỏ.",
  "files.error.missing": "Tệp này hiện không có trong kho lưu trữ. Vui lòng báo cho quản trị hệ thống.",
  "files.neutralName": "{code} - {kind} {n}",
  "files.error.cannotAnonymise":
    "Không thể xóa thông tin người nộp khỏi tệp PDF này (tệp bị mã hóa hoặc hỏng) nên chưa thể gửi cho giám khảo chấm kín. Vui lòng báo ban tổ chức để thay tệp khác.",
  "files.hint.photo": "Ảnh JPEG, PNG hoặc WebP, tối đa {max} MB mỗi ảnh. Thông tin vị trí (GPS) trong ảnh sẽ được xóa.",
  "files.hint.document": "Tệp PDF, tối đa {max} MB mỗi tệp.",
} as const;
