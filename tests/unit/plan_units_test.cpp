#include <gtest/gtest.h>

#include <fstream>

#include "plan/units.hpp"

using namespace tonghop;

namespace {
const UnitRegistry& reg() {
  static UnitRegistry r = UnitRegistry::load_default();
  return r;
}
void expect_known(const char* spelling, const char* canonical) {
  auto r = reg().resolve(spelling);
  EXPECT_EQ(r.match, UnitRegistry::Match::Known) << spelling << " -> " << r.name;
  EXPECT_EQ(r.name, canonical) << spelling;
}
}  // namespace

// Every agency spelling in the seed tables and notes resolves to its canonical unit.
TEST(Units, EverySeedSpellingResolves) {
  expect_known("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội");
  expect_known("Phòng Văn hóa - xã hội", "Phòng Văn hóa - Xã hội");
  expect_known("Phòng VH- XH", "Phòng Văn hóa - Xã hội");
  expect_known("Phòng Văn hóa-Xã hội xã", "Phòng Văn hóa - Xã hội");
  expect_known("Phòng Văn hoá - Xã hội", "Phòng Văn hóa - Xã hội");
  expect_known("Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Kinh tế, Hạ tầng và Đô thị");
  expect_known("Phòng Kinh tế", "Phòng Kinh tế");
  expect_known("Ban Chỉ huy quân sự phường", "Ban Chỉ huy Quân sự");
  expect_known("Ban Chỉ huy Quân sự phường", "Ban Chỉ huy Quân sự");
  expect_known("BCH Quân sự phường", "Ban Chỉ huy Quân sự");
  expect_known("Ban CHQS phường", "Ban Chỉ huy Quân sự");
  expect_known("Văn phòng HĐND và UBND phường", "Văn phòng HĐND và UBND");
  expect_known("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường", "Văn phòng HĐND và UBND");
  expect_known("Văn phòng HĐND và UBND", "Văn phòng HĐND và UBND");
  expect_known("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND");
  expect_known("Ban Quản lý dự án đầu tư xây dựng phường", "Ban Quản lý dự án");
  expect_known("BQL Dự án phường", "Ban Quản lý dự án");
  expect_known("Trung tâm Dịch vụ sự nghiệp công", "Trung tâm Dịch vụ sự nghiệp công");
  expect_known("Trung tâm DV Sự nghiệp công", "Trung tâm Dịch vụ sự nghiệp công");
  expect_known("Trung tâm Phục vụ hành chính công", "Trung tâm Phục vụ hành chính công");
  expect_known("Trung tâm Phục vụ hành chính", "Trung tâm Phục vụ hành chính công");
  expect_known("TTPVHCC", "Trung tâm Phục vụ hành chính công");
  expect_known("Tổ dân phố", "Tổ dân phố");
  expect_known("Ủy ban MTTQ Việt Nam", "Ủy ban MTTQ Việt Nam");
  expect_known("Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Ủy ban MTTQ Việt Nam");
  expect_known("Ủy ban MTTQVN phường", "Ủy ban MTTQ Việt Nam");
  expect_known("UBMTTQVN", "Ủy ban MTTQ Việt Nam");
  expect_known("Công an phường", "Công an");
  expect_known("Công an xã", "Công an");
  expect_known("Trạm Y tế phường", "Trạm Y tế");
  expect_known("Trạm y tế", "Trạm Y tế");
  expect_known("Các trường học", "Các trường học");
  expect_known("Ủy ban nhân dân xã", "Ủy ban nhân dân");
  expect_known("UBND xã", "Ủy ban nhân dân");
  expect_known("Ban Xây dựng Đảng đảng ủy", "Ban Xây dựng Đảng");
  expect_known("Ban Xây dựng Đảng", "Ban Xây dựng Đảng");
  expect_known("Ủy ban Kiểm tra Đảng ủy", "Ủy ban Kiểm tra Đảng ủy");
  expect_known("Đảng ủy Ủy ban nhân dân xã", "Đảng ủy UBND");
  expect_known("Đảng ủy UBND xã", "Đảng ủy UBND");
}

TEST(Units, GenericMentionsAreNotUnits) {
  for (const char* g : {"Các cơ quan, đơn vị liên quan", "Các đơn vị liên quan", "Các cơ quan liên quan",
                        "Các đơn vị", "các đơn vị", "Các cơ quan, đơn vị",
                        "Các phòng, ban, cơ quan, đơn vị liên quan",
                        "Các Phòng, ban, ngành, cơ sở giáo dục liên quan",
                        "Các cấp ủy đảng; các cơ quan, ban, ngành, đơn vị liên quan",
                        "Các chi bộ, đảng ủy trực thuộc",
                        // Every village or residential group: a mention, not one unit that reports.
                        "Các Tổ dân phố", "các Tổ dân phố", "các TDP", "Các thôn", "các thôn, tổ dân phố",
                        "Các khu dân cư"})
    EXPECT_EQ(reg().resolve(g).match, UnitRegistry::Match::Generic) << g;
}

TEST(Units, TyposResolveToTheClosestAndUnknownsStayUnknown) {
  auto typo = reg().resolve("Văn phòng UBND và UBND");  // the An Dương annex's typo
  EXPECT_EQ(typo.match, UnitRegistry::Match::Closest);
  EXPECT_EQ(typo.name, "Văn phòng HĐND và UBND");
  auto tax = reg().resolve("Chi cục Thuế");  // outside the ward
  EXPECT_EQ(tax.match, UnitRegistry::Match::Unknown);
  EXPECT_EQ(tax.name, "Chi cục Thuế");
}

TEST(Units, AgencyListsSplitOnSemicolonsOnly) {
  auto parts = split_agencies("Phòng Kinh tế, Hạ tầng và Đô thị; các Tổ dân phố;Các đơn vị\nCông an phường");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "Phòng Kinh tế, Hạ tầng và Đô thị");
  EXPECT_EQ(parts[1], "các Tổ dân phố");
  EXPECT_EQ(parts[3], "Công an phường");
}

TEST(Units, BadDataFileIsAClearErrorWithFileAndLine) {
  std::string path = ::testing::TempDir() + "/tonghop_bad_units.toml";
  std::ofstream(path) << "[abbreviations]\nvh = \"van hoa\"\n\n[[unit]]\naliases = [\"x\"]\n";
  try {
    UnitRegistry::load(path);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("bad_units.toml:4"), std::string::npos) << e.what();
  }
  std::ofstream(path) << "[abbreviations\n";
  try {
    UnitRegistry::load(path);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("bad_units.toml:1"), std::string::npos) << e.what();
  }
}

TEST(Units, FoundInsideTitlesAndFileNames) {
  EXPECT_EQ(reg().find_in("PHÒNG VĂN HÓA - XÃ HỘI"), "Phòng Văn hóa - Xã hội");
  EXPECT_EQ(reg().find_in("Báo cáo kết quả thực hiện năm 2026 của Công an phường"), "Công an");
  EXPECT_EQ(reg().find_in("BC_KT-HT-DT_2026"), "Phòng Kinh tế, Hạ tầng và Đô thị");
  EXPECT_EQ(reg().find_in("phong-vhxh-2026"), "Phòng Văn hóa - Xã hội");
  EXPECT_EQ(reg().find_in("phong-kt-ht-dt-2026"), "Phòng Kinh tế, Hạ tầng và Đô thị");
  EXPECT_EQ(reg().find_in("Báo cáo của Phòng Kinh tế Hạ tầng Đô thị"), "Phòng Kinh tế, Hạ tầng và Đô thị");
  EXPECT_EQ(reg().find_in("bao-cao-tong-hop-2026"), "");
}

// A unit added to a registry (or an alias moved to another unit) is found in titles at once.
TEST(Units, FoundInsideTitlesAfterUnitsAreAdded) {
  UnitRegistry r = reg();
  EXPECT_EQ(r.find_in("Báo cáo của Trạm Khuyến nông xã"), "");
  r.add_unit("Trạm Khuyến nông", {"Trạm KN"});
  EXPECT_EQ(r.find_in("Báo cáo của Trạm Khuyến nông xã"), "Trạm Khuyến nông");
  EXPECT_EQ(r.find_in("BAO CAO TRAM KHUYEN NONG"), "Trạm Khuyến nông");
  r.add_unit("Trung tâm Khuyến nông", {"Trạm Khuyến nông"});
  EXPECT_EQ(r.find_in("Báo cáo của Trạm Khuyến nông xã"), "Trung tâm Khuyến nông");
  UnitRegistry copy = r;
  EXPECT_EQ(copy.find_in("Trung tâm Khuyến nông"), "Trung tâm Khuyến nông");
}

// File names as staff abbreviate them: initials of the unit's own words, or the data file's
// abbreviations; nothing when the letters fit no unit or several.
TEST(Units, FileNamesAsStaffAbbreviateThem) {
  EXPECT_EQ(reg().find_in_file_name("BC_TCKT_2026"), "Phòng Tài chính - Kế toán");
  EXPECT_EQ(reg().find_in_file_name("VPDU bao cao"), "Văn phòng Đảng ủy");
  EXPECT_EQ(reg().find_in_file_name("mttq-xa"), "Ủy ban MTTQ Việt Nam");
  EXPECT_EQ(reg().find_in_file_name("BC-QLDA"), "Ban Quản lý dự án");
  EXPECT_EQ(reg().find_in_file_name("phong-kt-ht-dt-2026"), "Phòng Kinh tế, Hạ tầng và Đô thị");
  EXPECT_EQ(reg().find_in_file_name("BC_XYZQ_2026"), "");
  EXPECT_EQ(reg().find_in_file_name("bao cao 2026"), "");
}
