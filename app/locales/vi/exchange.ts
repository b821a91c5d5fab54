// Exchange between installations and open data (issue #15): the DCAT-AP catalogue, the register's
// downloads, nomination packages and the short list's Excel import.
export const exchange = {
  "openData.publisher": "Cơ quan tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
  "openData.catalogTitle": "Dữ liệu mở: sản phẩm công nghiệp nông thôn tiêu biểu",
  "openData.catalogDescription": "Danh mục dữ liệu mở của hệ thống bình chọn sản phẩm công nghiệp nông thôn tiêu biểu: sổ đăng ký giấy chứng nhận, tải về dạng CSV, JSON và qua API.",
  "openData.datasetTitle": "Sổ đăng ký sản phẩm công nghiệp nông thôn tiêu biểu",
  "openData.datasetDescription":
    "Mỗi dòng là một giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu (cấp tỉnh, khu vực hoặc quốc gia): số giấy, sản phẩm, nhóm, cơ sở, tỉnh, cấp, năm, ngày cấp, hiệu lực và tình trạng hiện tại.",
  "openData.keywords": "công nghiệp nông thôn, sản phẩm tiêu biểu, khuyến công, giấy chứng nhận",
  "openData.csvTitle": "Toàn bộ sổ đăng ký (CSV)",
  "openData.jsonTitle": "Toàn bộ sổ đăng ký (JSON)",
  "openData.apiTitle": "API tra cứu sổ đăng ký (JSON, phân trang)",
};
