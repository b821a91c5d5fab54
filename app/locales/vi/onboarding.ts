// A new producer's first steps (app/modules/producers/onboarding.ts) and the role landing.
export const onboarding = {
  "onboarding.title": "Các bước đầu tiên",
  "onboarding.progress": "Đã xong {done}/{total} bước",
  "onboarding.step.establishment": "Cơ sở sản xuất",
  "onboarding.step.product": "Sản phẩm",
  "onboarding.step.dossier": "Ảnh và giấy tờ",
  "onboarding.step.round": "Vào một đợt bình chọn đang mở",
  "onboarding.hint.establishment":
    "Bắt đầu bằng thông tin trên giấy chứng nhận đăng ký kinh doanh: số, ngày cấp và nơi cấp.",
  "onboarding.hint.product": "Mô tả sản phẩm (hoặc bộ sản phẩm) bạn muốn đưa đi bình chọn.",
  "onboarding.hint.dossier":
    "Ít nhất 3 ảnh màu chụp từ phía trước, bên cạnh và phía trên, cùng bản sao giấy chứng nhận đăng ký kinh doanh (nhóm B: thêm giấy chứng nhận an toàn thực phẩm).",
  "onboarding.hint.round": "Chọn đợt bình chọn đang mở của tỉnh, thành phố nơi cơ sở đặt trụ sở, rồi nộp hồ sơ.",
  "onboarding.state.done": "đã xong",
  "onboarding.state.current": "bước hiện tại",
  "onboarding.state.todo": "chưa làm",
  "onboarding.continue": "Tiếp tục: {step}",
};
