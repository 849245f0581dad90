#include "read/zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <vector>

#include "core/issue.hpp"

namespace tonghop {
namespace {

constexpr std::uint64_t kRatioFloor = 4ull << 20;  // small parts may compress very well
constexpr std::uint64_t kSmallPart = 64ull << 20;  // read_all() refuses larger parts

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string normalise_part_name(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '\\', '/');
  while (!s.empty() && s.front() == '/') s.erase(s.begin());
  return s;
}

std::string resolve_part(std::string_view base, std::string_view target) {
  std::string t = normalise_part_name(target);
  std::string joined = (!target.empty() && (target[0] == '/' || target[0] == '\\'))
                           ? t
                           : normalise_part_name(base) + t;
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= joined.size()) {
    auto j = joined.find('/', i);
    if (j == std::string::npos) j = joined.size();
    auto seg = joined.substr(i, j - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

ZipEntryStream::ZipEntryStream(zip_file* f, std::string name, std::uint64_t declared,
                               std::uint64_t limit)
    : file_(f), name_(std::move(name)), declared_(declared), limit_(limit) {}

ZipEntryStream::ZipEntryStream(ZipEntryStream&& o) noexcept
    : file_(o.file_), name_(std::move(o.name_)), declared_(o.declared_), limit_(o.limit_),
      count_(o.count_) {
  o.file_ = nullptr;
}

ZipEntryStream::~ZipEntryStream() {
  if (file_) zip_fclose(file_);
}

std::size_t ZipEntryStream::read(char* buf, std::size_t n) {
  auto got = zip_fread(file_, buf, n);
  if (got < 0) {
    std::string msg = zip_error_strerror(zip_file_get_error(file_));
    throw_unreadable(Text("không giải nén được phần " + name_ + " (" + msg + ")",
                          "part " + name_ + " cannot be unzipped (" + msg + ")"));
  }
  count_ += std::uint64_t(got);
  if (count_ > limit_)
    throw_limit("unzipped-size", limit_,
                Text("phần " + name_ + " giải nén ra quá lớn",
                     "part " + name_ + " unzips to too many bytes"));
  if (count_ > declared_)
    throw_unreadable(Text("phần " + name_ + " giải nén ra nhiều hơn kích thước đã khai báo",
                          "part " + name_ + " unzips to more than its declared size"));
  return std::size_t(got);
}

ZipArchive::ZipArchive(const std::string& path, const ReadLimits& limits) : limits_(limits) {
  int err = 0;
  zip_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!zip_) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    std::string msg = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw_unreadable(Text("gói ZIP bị hỏng hoặc không đầy đủ, có thể bị cắt khi gửi (" + msg + ")",
                          "the ZIP package is damaged or incomplete, perhaps cut off in "
                          "transfer (" + msg + ")"));
  }
  try {
    preflight();
  } catch (...) {
    // A refused package must not keep its file open: a long run (a folder of thousands
    // of reports, the web server) would run out of file descriptors.
    zip_discard(zip_);
    zip_ = nullptr;
    throw;
  }
}

void ZipArchive::preflight() {
  const ReadLimits& limits = limits_;
  auto n = zip_get_num_entries(zip_, 0);
  if (n < 0) n = 0;
  if (std::uint64_t(n) > limits.zip_entries)
    throw_limit("zip-entries", limits.zip_entries,
                Text("gói ZIP có " + std::to_string(n) + " phần",
                     "the ZIP package has " + std::to_string(n) + " parts"));
  std::uint64_t total = 0;
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip_, zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      continue;
    std::string name = st.name;
    if (st.valid & ZIP_STAT_ENCRYPTION_METHOD && st.encryption_method != ZIP_EM_NONE)
      throw_encrypted(Text("ZIP"));
    if (st.valid & ZIP_STAT_COMP_METHOD && !zip_compression_method_supported(st.comp_method, 0))
      throw_unreadable(Text("phần " + name + " dùng kiểu nén không hỗ trợ (mã " +
                                std::to_string(st.comp_method) + ")",
                            "part " + name + " uses an unsupported compression method (code " +
                                std::to_string(st.comp_method) + ")"));
    std::uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    std::uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    total += size;
    if (size > kRatioFloor && size / std::max<std::uint64_t>(comp, 1) > limits.zip_ratio)
      throw_limit("zip-ratio", limits.zip_ratio,
                  Text("phần " + name + " nén " + std::to_string(comp) + " byte thành " +
                           std::to_string(size) + " byte (nghi là bom nén)",
                       "part " + name + " packs " + std::to_string(size) + " bytes into " +
                           std::to_string(comp) + " (a suspected zip bomb)"));
    if (total > limits.unzipped_bytes)
      throw_limit("unzipped-size", limits.unzipped_bytes,
                  Text("gói ZIP khai báo " + std::to_string(total) + " byte sau giải nén",
                       "the ZIP package declares " + std::to_string(total) +
                           " bytes unzipped"));
    // An exact name wins over a case-insensitive one; of two equal names, the first.
    exact_.emplace(normalise_part_name(name), std::uint64_t(i));
    index_.emplace(lower_ascii(normalise_part_name(name)), std::uint64_t(i));
    declared_[std::uint64_t(i)] = (st.valid & ZIP_STAT_SIZE) ? size : UINT64_MAX;
  }
}

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

std::optional<std::uint64_t> ZipArchive::find(std::string_view name) const {
  if (auto e = exact_.find(normalise_part_name(name)); e != exact_.end()) return e->second;
  auto it = index_.find(lower_ascii(normalise_part_name(name)));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

ZipEntryStream ZipArchive::open(std::string_view name) const {
  auto idx = find(name);
  if (!idx)
    throw_unreadable(Text("thiếu phần " + std::string(name) + " trong gói",
                          "part " + std::string(name) + " is missing from the package"));
  zip_file* f = zip_fopen_index(zip_, *idx, 0);
  if (!f) {
    std::string msg = zip_error_strerror(zip_get_error(zip_));
    if (zip_error_code_zip(zip_get_error(zip_)) == ZIP_ER_NOPASSWD ||
        zip_error_code_zip(zip_get_error(zip_)) == ZIP_ER_ENCRNOTSUPP)
      throw_encrypted(Text("ZIP"));
    throw_unreadable(Text("không mở được phần " + std::string(name) + " (" + msg + ")",
                          "part " + std::string(name) + " cannot be opened (" + msg + ")"));
  }
  auto declared = declared_.at(*idx);
  return ZipEntryStream(f, std::string(name), declared, limits_.unzipped_bytes);
}

std::string ZipArchive::read_all(std::string_view name) const {
  auto s = open(name);
  std::string out;
  char buf[65536];
  while (auto n = s.read(buf, sizeof buf)) {
    out.append(buf, n);
    if (out.size() > kSmallPart)
      throw_limit("unzipped-size", kSmallPart,
                  Text("phần " + std::string(name) + " quá lớn",
                       "part " + std::string(name) + " is too large"));
  }
  return out;
}

std::optional<std::string> ZipArchive::read_if_present(std::string_view name) const {
  if (!has(name)) return std::nullopt;
  return read_all(name);
}

}  // namespace tonghop
