// Judging (issue #4): jury.
export const jury = {
  "jury.declaration.required": "Bạn cần hoàn thành bản kê khai xung đột lợi ích trước khi xem hồ sơ.",
};
