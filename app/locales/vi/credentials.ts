// Certificates as signed, portable verifiable credentials (issue #15, decision 036).
export const credentials = {
  "certificates.pdf.credentialFile":
    "Chứng nhận số đã ký của giấy chứng nhận {serial} (W3C Verifiable Credential), xác thực được không cần mạng.",
  "credentials.verify.heading": "Chứng nhận số",
  "credentials.verify.intro":
    "Tải tệp chứng nhận số đã ký (W3C Verifiable Credential) để chứng minh sản phẩm được công nhận mà không cần vào trang này; tệp cũng được đính kèm trong bản PDF của giấy chứng nhận.",
  "credentials.verify.download": "Tải chứng nhận số (JSON)",
  "credentials.verify.issuer": "Khóa công khai của cơ quan cấp",
} as const;
