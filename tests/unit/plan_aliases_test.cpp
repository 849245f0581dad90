#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "core/config.hpp"
#include "plan/aliases.hpp"
#include "plan/units.hpp"

using namespace tonghop;

namespace {
std::string dir() {
  std::string d = ::testing::TempDir() + "tonghop_aliases_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  std::filesystem::create_directories(d);
  return d;
}
std::string write(const std::string& name, const std::string& text) {
  std::string path = dir() + name;
  std::ofstream(path) << text;
  return path;
}
std::string error_of(const std::string& path) {
  try {
    AliasStore::load(path);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Aliases, LoadAddSaveAndLoadAgain) {
  auto path = write("a.toml",
                    "[[item]]\nwritten = \"Rà soát, đơn giản hóa TTHC\"\nplan = \"1.4\"\n"
                    "[[unit]]\nwritten = \"P. VH-XH\"\nunit = \"Phòng Văn hóa - Xã hội\"\n"
                    "[[file]]\nwritten = \"TCKT\"\nunit = \"Phòng Tài chính - Kế hoạch\"\n");
  auto store = AliasStore::load(path);
  ASSERT_EQ(store.entries().size(), 3u);
  for (const auto& e : store.entries()) EXPECT_EQ(e.line, e.kind == Alias::Kind::Item ? 1u : e.kind == Alias::Kind::Unit ? 4u : 7u);
  EXPECT_EQ(store.item_for("ra soat, don gian hoa tthc"), "1.4");  // folded
  EXPECT_FALSE(store.item_for("Rà soát thủ tục"));
  // A correction from the upload page: a new one, and one that replaces an old target.
  store.add({Alias::Kind::Item, "Giải phóng mặt bằng KCN Trung Lập", "2.2"});
  store.add({Alias::Kind::Item, "RÀ SOÁT, ĐƠN GIẢN HÓA TTHC", "1.5"});
  store.add({Alias::Kind::Item, "Tên có \"ngoặc\" và \\ gạch", "3"});
  auto out = dir() + "saved.toml";
  store.save(out);
  auto again = AliasStore::load(out);
  EXPECT_EQ(again.entries().size(), 5u);
  EXPECT_EQ(again.item_for("Rà soát, đơn giản hóa TTHC"), "1.5");
  EXPECT_EQ(again.item_for("Giải phóng mặt bằng KCN Trung Lập"), "2.2");
  EXPECT_EQ(again.item_for("Tên có \"ngoặc\" và \\ gạch"), "3");
  // No temporary file is left beside it.
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir())) files += e.is_regular_file();
  EXPECT_EQ(files, 2u);
}

TEST(Aliases, UnitSpellingsResolveThroughTheRegistry) {
  auto store = AliasStore::load(write("u.toml", "[[unit]]\nwritten = \"Tổ VH-XH phường\"\nunit = \"Phòng Văn hóa - Xã hội\"\n"));
  auto units = UnitRegistry::load_default();
  EXPECT_NE(units.resolve("Tổ VH-XH phường").match, UnitRegistry::Match::Known);
  store.teach(units);
  auto r = units.resolve("tổ vh-xh phường");
  EXPECT_EQ(r.match, UnitRegistry::Match::Known);
  EXPECT_EQ(r.name, "Phòng Văn hóa - Xã hội");
}

TEST(Aliases, ABadFileNamesItsLine) {
  EXPECT_EQ(error_of(write("s.toml", "[[item]]\nwritten = \"x\nplan = \"1\"\n")).rfind(dir() + "s.toml:2:", 0), 0u);
  auto unknown = error_of(write("k.toml", "[[item]]\nwritten = \"x\"\nplan = \"1\"\n\n[[items]]\nwritten = \"y\"\n"));
  EXPECT_NE(unknown.find("k.toml:5:"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("[[items]]"), std::string::npos) << unknown;
  auto missing = error_of(write("m.toml", "[[unit]]\nwritten = \"x\"\nunit = \"A\"\n[[unit]]\nwritten = \"y\"\n"));
  EXPECT_NE(missing.find("m.toml:4:"), std::string::npos) << missing;
  EXPECT_NE(missing.find("unit = "), std::string::npos) << missing;
  auto field = error_of(write("f.toml", "[[file]]\nwritten = \"x\"\nunit = \"A\"\nplan = \"1\"\n"));
  EXPECT_NE(field.find("f.toml:4:"), std::string::npos) << field;
  EXPECT_NE(error_of(dir() + "none.toml"), "");
}

TEST(Aliases, NotAPlanItemIsAnEntryOfItsOwnAndTheLaterDecisionWins) {
  auto dir = std::filesystem::temp_directory_path() / ("tonghop-aliases-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "a.toml").string();
  {
    std::ofstream f(path);
    f << "[[not-item]]\nwritten = \"Cộng khối xã hội\"\n[[item]]\nwritten = \"Tỷ lệ hộ nghèo\"\nplan = \"2.1\"\n";
  }
  auto store = AliasStore::load(path);
  EXPECT_TRUE(store.is_not_item("cộng  KHỐI xã hội"));
  EXPECT_FALSE(store.item_for("Cộng khối xã hội"));
  // The office changes its mind: the row is an item after all, then the other one is not.
  store.add({Alias::Kind::Item, "Cộng khối xã hội", "3.1", 0});
  store.add({Alias::Kind::NotItem, "Tỷ lệ hộ nghèo", "", 0});
  EXPECT_FALSE(store.is_not_item("Cộng khối xã hội"));
  EXPECT_EQ(store.item_for("Cộng khối xã hội"), "3.1");
  EXPECT_TRUE(store.is_not_item("Tỷ lệ hộ nghèo"));
  EXPECT_FALSE(store.item_for("Tỷ lệ hộ nghèo"));
  store.save(path);
  auto again = AliasStore::load(path);
  EXPECT_EQ(again.entries().size(), 2u);
  EXPECT_TRUE(again.is_not_item("Tỷ lệ hộ nghèo"));
  {
    std::ofstream f(path);
    f << "[[not-item]]\nwritten = \"x\"\nplan = \"1\"\n";
  }
  try {
    AliasStore::load(path);
    FAIL() << "a not-item entry with a plan item was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(":3:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected written only"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}
