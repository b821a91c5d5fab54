// Judging (issue #4): results.
export const results = {
  "results.finalised.locked": "Kết quả đã được chốt: không thể mở lại chấm điểm hay thay đổi kết quả, trừ qua quyết định giải quyết khiếu nại.",
  "results.finalise.required": "Hãy chốt kết quả trước khi công bố.",
};
