// A plain page: what Remix + Express + helmet + compression cost on this machine at this minute.
export default function Index() {
  return (
    <main>
      <h1>Tiêu Biểu — trang đối chứng</h1>
      <p>Trang trống dùng làm mốc so sánh cho phép đo hiệu năng.</p>
    </main>
  );
}
