#include "serve/catalog.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/platform.hpp"
#include "serve/assets.hpp"
#include "serve/store.hpp"

namespace fs = std::filesystem;

namespace tonghop::serve {
namespace {

const char* kKey = "HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs\\";

// A .reg string value: backslash and quote escaped.
std::string reg_string(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

bool is_guid(const std::string& s) {
  if (s.size() != 38 || s.front() != '{' || s.back() != '}') return false;
  for (std::size_t i = 1; i < 37; ++i) {
    bool dash = i == 9 || i == 14 || i == 19 || i == 24;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// A random (version 4) GUID in braces, upper case, as regedit shows them.
std::string new_guid() {
  auto h = random_hex(16);
  h[12] = '4';
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return char(std::toupper(c)); });
  return "{" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20) + "}";
}

// Text for Notepad on any Windows: UTF-8 with a byte order mark, CRLF lines.
std::string windows_text(const std::string& text) {
  std::string out = "\xEF\xBB\xBF";
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

std::string manifest_for_base(std::string xml, const std::string& base) {
  const std::string committed = "http://localhost:8080";
  for (auto at = xml.find(committed); at != std::string::npos; at = xml.find(committed, at + base.size()))
    xml.replace(at, committed.size(), base);
  return xml;
}

std::string utf16le(const std::string& utf8) {
  std::string out;
  auto put = [&](unsigned u) {
    out += char(u & 0xFF);
    out += char(u >> 8);
  };
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    unsigned cp = 0xFFFD;
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 1) {
      cp = c;
    } else if (len && i + len <= utf8.size()) {
      cp = c & (0x7F >> len);
      bool ok = true;
      for (std::size_t k = 1; k < len; ++k) {
        unsigned char n = utf8[i + k];
        ok &= (n >> 6) == 2;
        cp = (cp << 6) | (n & 0x3F);
      }
      static const unsigned least[] = {0, 0, 0x80, 0x800, 0x10000};
      if (!ok || cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD, len = 1;
    } else {
      len = 1;
    }
    i += len;
    if (cp >= 0x10000) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

std::string registry_file(const std::string& guid, const std::string& share) {
  std::ostringstream text;
  text << "Windows Registry Editor Version 5.00\r\n\r\n"
       << "[" << kKey << guid << "]\r\n"
       << "\"Id\"=\"" << guid << "\"\r\n"
       << "\"Url\"=\"" << reg_string(share) << "\"\r\n"
       << "\"Flags\"=dword:00000001\r\n\r\n";
  return "\xFF\xFE" + utf16le(text.str());
}

std::string share_problem(const std::string& share, bool vi) {
  bool unc = share.size() > 3 && share.starts_with("\\\\") && share[2] != '\\' &&
             share.find('\\', 3) != std::string::npos && share.back() != '\\';
  bool clean = std::none_of(share.begin(), share.end(), [](unsigned char c) { return c < 0x20 || c == '"'; });
  if (unc && clean) return "";
  return vi ? "--addin-share cần đường dẫn thư mục chia sẻ dạng \\\\TÊN_MÁY\\TÊN_THƯ_MỤC (ví dụ \\\\MAY-VAN-PHONG\\tonghop), "
              "không có dấu ngoặc kép; nhận được: " + share
            : "--addin-share needs a shared folder's path like \\\\MACHINE\\FOLDER (e.g. \\\\OFFICE-PC\\tonghop), "
              "without quotes; got: " + share;
}

void write_aside(const std::string& path, const std::string& bytes, bool owner_only) {
  auto tmp = platform::path_from_utf8(path + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (owner_only) {
      std::error_code ec;
      fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    }
    out << bytes;
    out.close();
    if (!out) throw std::runtime_error("không ghi được " + path + ".tmp / cannot write " + path + ".tmp");
  }
  auto r = platform::replace_file(path + ".tmp", path);
  if (!r.ok) throw std::runtime_error("không ghi được " + path + " / cannot write " + path + ": " + r.message);
}

CatalogFiles write_addin_catalog(const std::string& dir, const std::string& base, const std::string& share,
                                 const std::string& tls_dir) {
  CatalogFiles f;
  auto d = platform::path_from_utf8(dir);
  std::error_code ec;
  fs::create_directories(d / "catalog", ec);
  if (ec) throw std::runtime_error("không tạo được thư mục " + platform::utf8_of(d / "catalog") + " / cannot make the folder " +
                                   platform::utf8_of(d / "catalog") + ": " + ec.message());
  f.folder = platform::utf8_of(d);
  // The same key on every start: a PC that ran an older .reg gets its entry updated, not a second one.
  auto id_file = d / "catalog-id";
  {
    std::ifstream in(id_file);
    std::getline(in, f.guid);
  }
  if (!is_guid(f.guid)) {
    f.guid = new_guid();
    write_aside(platform::utf8_of(id_file), f.guid + "\n");
  }
  auto* a = find_asset("addin/manifest.xml");
  if (!a) throw std::runtime_error("the add-in's manifest is not in this build");
  f.manifest = platform::utf8_of(d / "catalog" / "manifest.xml");
  write_aside(f.manifest, manifest_for_base(std::string(a->bytes), base));
  f.reg = platform::utf8_of(d / "them-danh-muc-tin-cay.reg");
  write_aside(f.reg, registry_file(f.guid, share));
  f.guide = platform::utf8_of(d / "huong-dan-cai-dat.txt");
  std::ostringstream g;
  g << "CÀI PHẦN BỔ TRỢ tonghop VÀO EXCEL (máy Windows của văn phòng; không cần quản trị Microsoft 365)\n\n"
    << "Ngăn kiểm tra: " << base << "/addin/\n"
    << "Thư mục danh mục (chia sẻ trên mạng, chỉ cho đọc): " << share << "\n"
    << "   phải chứa tệp manifest.xml của thư mục " << platform::utf8_of(d / "catalog") << "\n\n"
    << "Một lần cho cả văn phòng:\n"
    << "0. Máy chủ phải nghe trên mạng của văn phòng (tonghop serve --tls --listen 0.0.0.0:8443): địa chỉ\n"
    << "   127.0.0.1 chỉ dùng được trên chính máy chủ.\n"
    << "1. Chia sẻ thư mục chứa manifest.xml với đúng đường dẫn " << share << ":\n"
    << "   - máy chủ Linux có Samba: chia sẻ thư mục " << platform::utf8_of(d / "catalog") << ";\n"
    << "   - hoặc chép manifest.xml vào một thư mục chia sẻ trên máy Windows, rồi chạy lại\n"
    << "     tonghop serve --tls --addin-share \\\\TÊN_MÁY\\TÊN_THƯ_MỤC để tệp .reg ghi đúng đường dẫn đó.\n"
    << "   Máy chủ đổi địa chỉ hay cổng thì chép lại manifest.xml (tonghop ghi lại mỗi lần chạy).\n\n"
    << "Trên mỗi máy dùng Excel (Excel 2016, 2019, 2021 hoặc Microsoft 365 trên Windows):\n"
    << "2. Cài chứng chỉ của văn phòng: chạy " << platform::utf8_of(platform::path_from_utf8(tls_dir) / "cai-chung-chi.bat")
    << " (chép sang máy cùng với ca.crt), bấm Có/Yes khi Windows hỏi.\n"
    << "3. Nhấp đúp them-danh-muc-tin-cay.reg, bấm Có/Yes (chỉ ghi cho người dùng hiện tại, không cần quyền quản trị).\n"
    << "   Cách khác: Excel > Tệp > Tùy chọn > Trung tâm Tin cậy > Thiết đặt Trung tâm Tin cậy > Danh mục Phần bổ trợ\n"
    << "   Tin cậy: nhập " << share << ", bấm Thêm danh mục, đánh dấu Hiện trong Menu, bấm OK.\n"
    << "4. Đóng hẳn Excel rồi mở lại.\n"
    << "5. Trang đầu > Phần bổ trợ > Phần bổ trợ khác (hoặc Chèn > Phần bổ trợ của tôi) > THƯ MỤC DÙNG CHUNG >\n"
    << "   tonghop > Thêm. Ngăn tonghop mở bên phải. Máy cần Internet để tải Office.js của Microsoft.\n"
    << "6. Đơn vị dùng đường dẫn truy cập (tonghop serve --make-links): dán đường dẫn của đơn vị vào ngăn, bấm Lưu.\n\n"
    << "Gỡ: trong Trung tâm Tin cậy bỏ danh mục " << share << ", hoặc xoá khoá\n"
    << "   " << kKey << f.guid << " bằng regedit.\n";
  write_aside(f.guide, windows_text(g.str()));
  return f;
}

}  // namespace tonghop::serve
