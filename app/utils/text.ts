// Text helpers shared by search and codes. Vietnamese search must ignore diacritics and case:
// "my gao chu" finds "Mỳ gạo Chũ". NFD splits most marks off; đ/Đ has no decomposition.
export function normalizeSearch(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
