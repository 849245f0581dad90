#include "read/cfb.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/issue.hpp"
#include "core/text.hpp"
#include "core/platform.hpp"

namespace tonghop {
namespace {

constexpr std::uint32_t kMaxRegSect = 0xFFFFFFFA, kEndOfChain = 0xFFFFFFFE, kFreeSect = 0xFFFFFFFF;
constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
constexpr std::uint8_t kSignature[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
constexpr std::size_t kHeaderDifat = 109;
constexpr std::size_t kEntrySize = 128;

[[noreturn]] void damaged(const std::string& vi, const std::string& en) {
  throw_unreadable(Text("vỏ OLE2 của tệp bị hỏng: " + vi, "the file's OLE2 container is damaged: " + en));
}

std::uint16_t u16(const std::uint8_t* p) { return std::uint16_t(p[0] | (p[1] << 8)); }
std::uint32_t u32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
         (std::uint32_t(p[3]) << 24);
}
std::uint64_t u64(const std::uint8_t* p) { return u32(p) | (std::uint64_t(u32(p + 4)) << 32); }

std::string num(std::uint64_t v) { return std::to_string(v); }

// Sectors needed for n bytes; a size near 2^64 (version 4 sizes are 64-bit) must not wrap.
std::uint64_t sectors_for(std::uint64_t n, std::uint64_t unit) { return n / unit + (n % unit != 0); }

class CfbFileSource : public CfbSource {
 public:
  explicit CfbFileSource(const std::string& path) : in_(platform::path_from_utf8(path), std::ios::binary) {
    if (!in_) throw_unreadable(Text("không mở được tệp", "the file cannot be opened"));
    in_.seekg(0, std::ios::end);
    auto end = in_.tellg();
    if (end < 0) throw_unreadable(Text("không đọc được tệp", "the file cannot be read"));
    size_ = std::uint64_t(end);
  }
  std::uint64_t size() const override { return size_; }
  bool read_at(std::uint64_t offset, void* out, std::size_t n) override {
    if (offset > size_ || n > size_ - offset) return false;
    in_.clear();
    in_.seekg(std::streamoff(offset));
    in_.read(static_cast<char*>(out), std::streamsize(n));
    return in_.gcount() == std::streamsize(n);
  }

 private:
  std::ifstream in_;
  std::uint64_t size_ = 0;
};

class CfbMemorySource : public CfbSource {
 public:
  explicit CfbMemorySource(std::string bytes) : bytes_(std::move(bytes)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  bool read_at(std::uint64_t offset, void* out, std::size_t n) override {
    if (offset > bytes_.size() || n > bytes_.size() - offset) return false;
    std::memcpy(out, bytes_.data() + offset, n);
    return true;
  }

 private:
  std::string bytes_;
};

// A directory entry's name: UTF-16LE, its length in bytes with the terminating NUL.
std::string entry_name(const std::uint8_t* e) {
  std::size_t bytes = u16(e + 64);
  if (bytes > 64) bytes = 64;
  std::size_t units = bytes >= 2 ? bytes / 2 - 1 : 0;
  std::string out;
  for (std::size_t i = 0; i < units; ++i) {
    std::uint32_t c = u16(e + 2 * i);
    if (c == 0) break;
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < units) {
      std::uint32_t lo = u16(e + 2 * (i + 1));
      if (lo >= 0xDC00 && lo < 0xE000) {
        c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        ++i;
      }
    }
    if (c >= 0xD800 && c < 0xE000) c = 0xFFFD;  // a lone surrogate
    append_utf8(out, c);
  }
  return out;
}

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<CfbSource> cfb_file_source(const std::string& path) { return std::make_shared<CfbFileSource>(path); }
std::shared_ptr<CfbSource> cfb_memory_source(std::string bytes) {
  return std::make_shared<CfbMemorySource>(std::move(bytes));
}

bool CfbStream::seek(std::uint64_t pos) {
  if (pos > size_) return false;
  pos_ = pos;
  return true;
}

bool CfbStream::read(void* out, std::size_t n) {
  if (pos_ > size_ || n > size_ - pos_) return false;
  auto* dst = static_cast<std::uint8_t*>(out);
  std::uint64_t pos = pos_;
  while (n > 0) {
    std::size_t index = std::size_t(pos / sector_size_);
    std::size_t within = std::size_t(pos % sector_size_);
    if (index != cached_) {
      // The stream's last sector may be cut short by the end of the file; only the part
      // that belongs to the stream has to be there.
      std::size_t want = std::size_t(std::min<std::uint64_t>(sector_size_, size_ - std::uint64_t(index) * sector_size_));
      cache_.resize(want);
      if (!src_->read_at(offsets_[index], cache_.data(), want)) {
        cached_ = SIZE_MAX;
        damaged("tệp bị cắt, thiếu sector " + num(index) + " của một luồng",
                "the file is cut short: sector " + num(index) + " of a stream is missing");
      }
      cached_ = index;
    }
    std::size_t take = std::min(n, cache_.size() - within);
    std::memcpy(dst, cache_.data() + within, take);
    dst += take;
    n -= take;
    pos += take;
  }
  pos_ = pos;
  return true;
}

std::vector<std::uint8_t> CfbStream::read_all() {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size_));
  seek(0);
  if (!out.empty()) read(out.data(), out.size());
  return out;
}

std::vector<std::uint64_t> CompoundFile::chain(const std::vector<std::uint32_t>& table, std::uint32_t start,
                                               std::uint64_t count, bool mini, const Label& label) const {
  const std::string& vi = label.vi;
  const std::string& en = label.en;
  std::vector<std::uint64_t> offsets;
  std::uint64_t limit = mini ? mini_stream_.size() * ((1u << sector_shift_) >> mini_shift_) : sectors_in_file_;
  // A chain cannot hold more sectors than exist: this also bounds what a size field asks for.
  if (count > limit)
    damaged(vi + " cần " + num(count) + " sector, tệp chỉ có " + num(limit),
            en + " needs " + num(count) + " sectors, the file holds " + num(limit));
  offsets.reserve(std::size_t(count));
  std::vector<bool> seen(table.size());
  std::uint32_t s = start;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (s > kMaxRegSect || s >= table.size() || s >= limit) {
      if (s == kEndOfChain || s == kFreeSect)
        damaged("chuỗi sector của " + vi + " ngắn hơn kích thước đã ghi",
                "the sector chain of " + en + " is shorter than its recorded size");
      if (!mini && s < table.size())
        damaged("tệp bị cắt, thiếu sector " + num(s) + " của " + vi + " (tệp tải về hoặc chép chưa hết?)",
                "the file is cut short: sector " + num(s) + " of " + en + " is missing (an incomplete download or copy?)");
      damaged("chuỗi sector của " + vi + " trỏ ra ngoài tệp (sector " + num(s) + ")",
              "the sector chain of " + en + " points outside the file (sector " + num(s) + ")");
    }
    if (seen[s])
      damaged("chuỗi sector của " + vi + " quay vòng", "the sector chain of " + en + " loops");
    seen[s] = true;
    if (mini) {
      std::uint64_t at = std::uint64_t(s) << mini_shift_;
      std::uint32_t shift = sector_shift_;
      offsets.push_back(mini_stream_[std::size_t(at >> shift)] + (at & ((1u << shift) - 1)));
    } else {
      offsets.push_back((std::uint64_t(s) + 1) << sector_shift_);
    }
    s = table[s];
  }
  return offsets;
}

std::vector<std::uint32_t> CompoundFile::read_sectors_as_table(const std::vector<std::uint64_t>& offsets,
                                                               std::string_view what) const {
  std::size_t per = (std::size_t(1) << sector_shift_) / 4;
  std::vector<std::uint32_t> table;
  table.reserve(offsets.size() * per);
  std::vector<std::uint8_t> buf(std::size_t(1) << sector_shift_);
  for (auto off : offsets) {
    if (!src_->read_at(off, buf.data(), buf.size()))
      damaged("tệp bị cắt giữa " + std::string(what), "the file is cut short inside " + std::string(what));
    for (std::size_t i = 0; i < per; ++i) table.push_back(u32(buf.data() + 4 * i));
  }
  return table;
}

CompoundFile::CompoundFile(std::shared_ptr<CfbSource> src, const ReadLimits& limits) : src_(std::move(src)) {
  std::uint8_t h[512];
  if (!src_->read_at(0, h, sizeof h)) damaged("tệp ngắn hơn phần đầu 512 byte", "the file is shorter than its 512-byte header");
  if (std::memcmp(h, kSignature, 8) != 0) damaged("thiếu chữ ký D0 CF 11 E0", "the D0 CF 11 E0 signature is missing");
  std::uint16_t major = u16(h + 26);
  sector_shift_ = u16(h + 30);
  mini_shift_ = u16(h + 32);
  // Version 3 uses 512-byte sectors, version 4 4096-byte ones; other writers keep to these.
  if (!((major == 3 && sector_shift_ == 9) || (major == 4 && sector_shift_ == 12) ||
        (major != 3 && major != 4 && (sector_shift_ == 9 || sector_shift_ == 12))))
    damaged("cỡ sector 2^" + num(sector_shift_) + " không hợp lệ", "invalid sector size 2^" + num(sector_shift_));
  if (mini_shift_ != 6) damaged("cỡ sector nhỏ 2^" + num(mini_shift_) + " không hợp lệ", "invalid mini sector size 2^" + num(mini_shift_));
  std::uint64_t sector = std::uint64_t(1) << sector_shift_;
  std::uint64_t file = src_->size();
  if (file > limits.file_bytes)
    throw_limit("file-size", limits.file_bytes, Text("tệp Excel quá lớn", "the Excel file is too large"));
  // The last sector may be cut short by the end of the file; what a stream needs of it is
  // checked when read.
  sectors_in_file_ = (file - std::min(file, sector) + sector - 1) / sector;
  mini_cutoff_ = u32(h + 56);
  std::uint32_t n_fat = u32(h + 44), dir_start = u32(h + 48), minifat_start = u32(h + 60),
                n_minifat = u32(h + 64), difat_start = u32(h + 68), n_difat = u32(h + 72);

  // The FAT's sectors: 109 in the header, the rest in the DIFAT chain.
  if (n_fat > sectors_in_file_)
    damaged("phần đầu ghi " + num(n_fat) + " sector FAT, tệp chỉ có " + num(sectors_in_file_) + " sector",
            "the header lists " + num(n_fat) + " FAT sectors, the file has " + num(sectors_in_file_) + " sectors");
  std::vector<std::uint32_t> fat_sectors;
  for (std::size_t i = 0; i < kHeaderDifat && fat_sectors.size() < n_fat; ++i) fat_sectors.push_back(u32(h + 76 + 4 * i));
  {
    std::vector<std::uint8_t> buf(sector);
    std::vector<bool> seen(static_cast<std::size_t>(sectors_in_file_));
    std::uint32_t s = difat_start;
    std::size_t per = std::size_t(sector / 4) - 1;
    for (std::uint32_t i = 0; i < n_difat && fat_sectors.size() < n_fat; ++i) {
      if (s >= sectors_in_file_) damaged("chuỗi DIFAT trỏ ra ngoài tệp", "the DIFAT chain points outside the file");
      if (seen[s]) damaged("chuỗi DIFAT quay vòng", "the DIFAT chain loops");
      seen[s] = true;
      if (!src_->read_at((std::uint64_t(s) + 1) * sector, buf.data(), buf.size()))
        damaged("tệp bị cắt giữa DIFAT", "the file is cut short inside the DIFAT");
      for (std::size_t k = 0; k < per && fat_sectors.size() < n_fat; ++k) fat_sectors.push_back(u32(buf.data() + 4 * k));
      s = u32(buf.data() + 4 * per);
    }
  }
  if (fat_sectors.size() < n_fat)
    damaged("thiếu " + num(n_fat - fat_sectors.size()) + " sector FAT trong DIFAT",
            "the DIFAT lacks " + num(n_fat - fat_sectors.size()) + " FAT sectors");
  std::vector<std::uint64_t> fat_offsets;
  for (auto s : fat_sectors) {
    if (s >= sectors_in_file_)
      damaged("sector FAT " + num(s) + " nằm ngoài tệp", "FAT sector " + num(s) + " lies outside the file");
    fat_offsets.push_back((std::uint64_t(s) + 1) * sector);
  }
  fat_ = read_sectors_as_table(fat_offsets, "FAT");

  // The directory: its size is not recorded (version 3), so its chain is followed to the end.
  std::vector<std::uint64_t> dir_offsets;
  {
    std::vector<bool> seen(fat_.size());
    std::uint32_t s = dir_start;
    while (s != kEndOfChain) {
      if (s >= fat_.size() || s >= sectors_in_file_)
        damaged("chuỗi thư mục trỏ ra ngoài tệp (sector " + num(s) + ")",
                "the directory chain points outside the file (sector " + num(s) + ")");
      if (seen[s]) damaged("chuỗi thư mục quay vòng", "the directory chain loops");
      seen[s] = true;
      dir_offsets.push_back((std::uint64_t(s) + 1) * sector);
      s = fat_[s];
    }
  }
  if (dir_offsets.empty()) damaged("không có thư mục", "there is no directory");
  std::vector<std::uint8_t> dir(dir_offsets.size() * sector);
  for (std::size_t i = 0; i < dir_offsets.size(); ++i)
    if (!src_->read_at(dir_offsets[i], dir.data() + i * sector, sector))
      damaged("tệp bị cắt giữa thư mục", "the file is cut short inside the directory");
  std::size_t n_entries = dir.size() / kEntrySize;
  auto entry = [&](std::uint32_t id) {
    const std::uint8_t* e = dir.data() + std::size_t(id) * kEntrySize;
    Entry out;
    out.name = entry_name(e);
    out.type = e[66];
    out.start = u32(e + 116);
    // Version 3 writers may leave garbage in the high half of the size.
    out.size = sector_shift_ == 9 ? u32(e + 120) : u64(e + 120);
    return out;
  };
  Entry root = entry(0);
  if (root.type != 5) damaged("mục đầu của thư mục không phải gốc", "the directory's first entry is not the root");

  // The mini FAT and the mini stream (the root entry's data), where small streams live.
  if (n_minifat > 0 && minifat_start != kEndOfChain) {
    if (n_minifat > sectors_in_file_) damaged("mini FAT lớn hơn tệp", "the mini FAT is larger than the file");
    minifat_ = read_sectors_as_table(chain(fat_, minifat_start, n_minifat, false, {"mini FAT", "the mini FAT"}), "mini FAT");
  }
  if (root.size > 0 && root.start != kEndOfChain)
    mini_stream_ = chain(fat_, root.start, sectors_for(root.size, sector), false, {"luồng nhỏ (mini stream)", "the mini stream"});

  // The root's children: an in-order walk of the red-black tree, with every entry visited
  // at most once so that a looping tree ends. A link to an entry that does not exist or was
  // already visited is left out, as libgsf does, so the streams still reachable are read.
  std::vector<bool> seen(n_entries);
  std::vector<std::uint32_t> stack;
  std::uint32_t cur = u32(dir.data() + 76);
  auto usable = [&](std::uint32_t id) { return id < n_entries && !seen[id]; };
  if (!usable(cur)) cur = kNoStream;
  while (cur != kNoStream || !stack.empty()) {
    while (cur != kNoStream) {
      seen[cur] = true;
      stack.push_back(cur);
      cur = u32(dir.data() + std::size_t(cur) * kEntrySize + 68);
      if (!usable(cur)) cur = kNoStream;
    }
    std::uint32_t id = stack.back();
    stack.pop_back();
    Entry e = entry(id);
    if (e.type == 1 || e.type == 2) children_.push_back(std::move(e));
    cur = u32(dir.data() + std::size_t(id) * kEntrySize + 72);
    if (!usable(cur)) cur = kNoStream;
  }
}

const CompoundFile::Entry* CompoundFile::find(std::string_view name) const {
  for (const auto& e : children_)
    if (ascii_iequal(e.name, name)) return &e;
  return nullptr;
}

CfbStream CompoundFile::open(const Entry& e) const {
  CfbStream s;
  s.src_ = src_;
  s.size_ = e.size;
  if (e.size == 0) return s;
  bool mini = e.size < mini_cutoff_;
  std::uint32_t unit = mini ? (1u << mini_shift_) : (1u << sector_shift_);
  s.sector_size_ = unit;
  s.offsets_ = chain(mini ? minifat_ : fat_, e.start, sectors_for(e.size, unit), mini,
                     {"luồng " + e.name, "the stream " + e.name});
  return s;
}

}  // namespace tonghop
