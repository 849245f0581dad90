// The compound-file container (read/cfb.hpp) on files made by tests/gen/cfb_writer.h:
// streams in the mini stream and in sectors, both sector sizes, a FAT large enough to need
// DIFAT sectors; and every kind of damage a container can carry, each a clean refusal.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/issue.hpp"
#include "read/cfb.hpp"
#include "read/reader.hpp"
#include "../gen/cfb_writer.h"

using namespace tonghop;

namespace {

std::vector<std::uint8_t> pattern(std::size_t n, unsigned seed) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = std::uint8_t(i * 7 + i / 251 + seed);
  return v;
}

struct Named {
  std::string name;
  std::vector<std::uint8_t> data;
};

std::string build(const std::vector<Named>& streams, unsigned shift = 9) {
  std::vector<CfbStreamIn> in;
  for (const auto& s : streams) in.push_back({s.name.c_str(), s.data.data(), s.data.size()});
  std::size_t len = 0;
  unsigned char* bytes = cfb_build(in.data(), in.size(), shift, &len);
  std::string out(reinterpret_cast<const char*>(bytes), len);
  std::free(bytes);
  return out;
}

CompoundFile open_bytes(std::string bytes) { return CompoundFile(cfb_memory_source(std::move(bytes)), ReadLimits{}); }

std::uint32_t get32(const std::string& b, std::size_t at) {
  return std::uint32_t(std::uint8_t(b[at])) | std::uint32_t(std::uint8_t(b[at + 1])) << 8 |
         std::uint32_t(std::uint8_t(b[at + 2])) << 16 | std::uint32_t(std::uint8_t(b[at + 3])) << 24;
}
void set32(std::string& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = char((v >> (8 * i)) & 0xFF);
}

// Version 3 layout helpers: the writer puts the FAT's first sector at sector 0.
std::size_t fat_at(std::uint32_t sector) { return 512 + 4 * std::size_t(sector); }
std::size_t dir_entry_at(const std::string& b, std::uint32_t id) {
  return (std::size_t(get32(b, 48)) + 1) * 512 + 128 * std::size_t(id);
}

// The damage is refused as unreadable-file, whether found on opening or on reading.
void expect_damaged(std::string bytes, const std::string& words) {
  try {
    auto cf = open_bytes(std::move(bytes));
    for (const auto& e : cf.root_children())
      if (e.type == 2) cf.open(e).read_all();
    ADD_FAILURE() << "not refused; expected: " << words;
  } catch (const InputError& e) {
    EXPECT_EQ(e.issue().code, IssueCode::UnreadableFile);
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    EXPECT_FALSE(e.issue().message(Lang::Vi).empty());
  }
}

}  // namespace

TEST(ReadCfb, StreamsOfEverySizeReadBackInBothVersions) {
  for (unsigned shift : {9u, 12u}) {
    for (std::size_t n : {0u, 1u, 63u, 64u, 65u, 4095u, 4096u, 4097u, 5000u, 100000u}) {
      auto big = pattern(n, 1);
      auto small = pattern(300, 2);
      auto cf = open_bytes(build({{"Workbook", big}, {"\005SummaryInformation", small}, {"Zeta", pattern(77, 3)}}, shift));
      ASSERT_EQ(cf.root_children().size(), 3u);
      const auto* wb = cf.find("WORKBOOK");  // names compare as Windows does: case ignored
      ASSERT_NE(wb, nullptr);
      EXPECT_EQ(wb->name, "Workbook");
      EXPECT_EQ(cf.open(*wb).read_all(), big) << "size " << n << " shift " << shift;
      EXPECT_EQ(cf.open(*cf.find("\005SummaryInformation")).read_all(), small);
      EXPECT_EQ(cf.find("Book"), nullptr);
    }
  }
}

TEST(ReadCfb, ReadsInPiecesAndSeeks) {
  auto data = pattern(20000, 5);
  auto cf = open_bytes(build({{"Workbook", data}}));
  auto s = cf.open(*cf.find("Workbook"));
  std::vector<std::uint8_t> got;
  std::uint8_t buf[777];
  while (s.read(buf, sizeof buf)) got.insert(got.end(), buf, buf + sizeof buf);
  // The last piece is shorter than asked: refused, position unchanged.
  EXPECT_EQ(s.tell(), got.size());
  std::size_t rest = std::size_t(s.size() - s.tell());
  ASSERT_TRUE(s.read(buf, rest));
  got.insert(got.end(), buf, buf + rest);
  EXPECT_EQ(got, data);
  ASSERT_TRUE(s.seek(10000));
  ASSERT_TRUE(s.read(buf, 4));
  EXPECT_EQ(buf[0], data[10000]);
  EXPECT_EQ(buf[3], data[10003]);
  EXPECT_FALSE(s.seek(20001));
}

TEST(ReadCfb, LargeFatNeedsDifatSectors) {
  // 8 MiB in 512-byte sectors: 129 FAT sectors, 20 of them listed in a DIFAT sector.
  auto data = pattern(8u << 20, 9);
  auto bytes = build({{"Workbook", data}});
  EXPECT_GT(get32(bytes, 44), 109u);
  EXPECT_EQ(get32(bytes, 72), 1u);
  auto cf = open_bytes(bytes);
  EXPECT_EQ(cf.open(*cf.find("Workbook")).read_all(), data);
}

TEST(ReadCfb, DamagedContainersAreRefusedWithWhatIsWrong) {
  auto base = build({{"Workbook", pattern(5000, 4)}, {"Small", pattern(200, 6)}});
  std::uint32_t wb_start = get32(base, dir_entry_at(base, 2) + 116);  // "Small" sorts first
  ASSERT_EQ(get32(base, dir_entry_at(base, 1) + 64) & 0xFFFF, 12u);  // "Small": 5 units + NUL

  auto b = base;
  b[0] = 'P';
  expect_damaged(b, "signature");

  expect_damaged(base.substr(0, 300), "header");
  expect_damaged(base.substr(0, base.size() - 1500), "cut short");  // the chain's last sectors
  expect_damaged(base.substr(0, base.size() - 200), "cut short");   // inside the stream's last sector
  // Cut after the stream's last byte, inside its last sector: nothing is missing.
  {
    auto cut = open_bytes(base.substr(0, base.size() - 100));
    EXPECT_EQ(cut.open(*cut.find("Workbook")).read_all(), pattern(5000, 4));
  }

  b = base;
  set32(b, fat_at(wb_start + 3), wb_start + 1);  // the stream's chain loops back
  expect_damaged(b, "loops");

  b = base;
  set32(b, fat_at(wb_start + 2), 0x00FFFFFF);
  expect_damaged(b, "outside the file");

  b = base;
  set32(b, fat_at(wb_start + 2), 0xFFFFFFFE);  // ends early
  expect_damaged(b, "shorter than its recorded size");

  b = base;
  set32(b, dir_entry_at(b, 2) + 120, 0xFFFFFFF0);  // a size far beyond the file
  expect_damaged(b, "sectors, the file holds");

  b = base;
  std::uint32_t dir = get32(b, 48);
  set32(b, fat_at(dir), dir);
  expect_damaged(b, "directory chain loops");

  b = base;
  std::uint32_t minifat = get32(b, 60);
  set32(b, (std::size_t(minifat) + 1) * 512, 0);  // mini sector 0 points to itself
  expect_damaged(b, "loops");

  b = base;
  b[30] = 20;  // sector size 2^20
  expect_damaged(b, "sector size");

  b = base;
  set32(b, 44, 1000000);  // more FAT sectors than the file has
  expect_damaged(b, "FAT sectors");

  b = base;
  b[dir_entry_at(b, 0) + 66] = 2;  // the first entry is not the root
  expect_damaged(b, "root");
}

TEST(ReadCfb, DifatLoopIsRefused) {
  auto b = build({{"Workbook", pattern(8u << 20, 9)}});
  std::uint32_t difat = get32(b, 68);
  set32(b, 72, 50);  // the header promises more DIFAT sectors ...
  set32(b, 44, 109 + 50 * 127);
  set32(b, (std::size_t(difat) + 1) * 512 + 508, difat);  // ... and the chain comes back
  expect_damaged(b, "DIFAT");
}

TEST(ReadCfb, LoopingDirectoryTreeStillEndsAndKeepsWhatItReached) {
  auto b = build({{"Workbook", pattern(5000, 4)}, {"Small", pattern(200, 6)}});
  set32(b, dir_entry_at(b, 2) + 72, 1);  // the last sibling points back to the first
  set32(b, dir_entry_at(b, 1) + 68, 7);  // and a left link to an entry that is not there
  auto cf = open_bytes(b);
  ASSERT_EQ(cf.root_children().size(), 2u);
  EXPECT_EQ(cf.open(*cf.find("Workbook")).read_all(), pattern(5000, 4));
}

TEST(ReadCfb, ContainerKindsThroughTheReader) {
  auto dir = std::filesystem::temp_directory_path() / "tonghop_cfb_test";
  std::filesystem::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& bytes) {
    auto p = dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  };
  auto code = [](const std::string& path) -> std::optional<IssueCode> {
    WorkbookCollector c;
    ReadLimits limits;
    limits.allow_conversion = false;  // our reader's answer, not LibreOffice's
    try {
      read_workbook(path, c, limits);
    } catch (const InputError& e) {
      return e.issue().code;
    }
    return std::nullopt;
  };
  EXPECT_EQ(code(write("enc.xlsx", build({{"EncryptionInfo", pattern(100, 1)}, {"EncryptedPackage", pattern(5000, 2)}}))),
            IssueCode::EncryptedFile);
  // A Word 97-2003 document is a plan LibreOffice can convert (read/docx_reader.hpp).
  EXPECT_EQ(code(write("word.doc", build({{"WordDocument", pattern(5000, 1)}}))), IssueCode::UnsupportedFormat);
  EXPECT_EQ(code(write("other.xls", build({{"Contents", pattern(100, 1)}}))), IssueCode::UnsupportedFormat);
  // A Workbook stream that is no BIFF: the stream's damage, not the container's.
  EXPECT_EQ(code(write("junk.xls", build({{"Workbook", pattern(5000, 1)}}))), IssueCode::UnreadableFile);
  std::filesystem::remove_all(dir);
}

// Found by the cfb fuzz target (tests/data/fuzz-regressions/cfb/crash-041a8fc…): a version 4
// stream size near 2^64 wrapped the sector count to a few sectors and read_all() asked for
// an impossible vector.
TEST(ReadCfb, ASizeNear2Pow64IsRefused) {
  auto b = build({{"Workbook", pattern(5000, 4)}}, 12);
  std::size_t entry = (std::size_t(get32(b, 48)) + 1) * 4096 + 128;  // version 4: 4096-byte sectors
  set32(b, entry + 120, 0xFFFFFFFF);
  set32(b, entry + 124, 0xFFFFFFFF);
  expect_damaged(b, "sectors, the file holds");
}
