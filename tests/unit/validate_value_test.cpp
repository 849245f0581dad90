#include <gtest/gtest.h>

#include <optional>

#include "validate/value.hpp"

using namespace tonghop;

namespace {
StoredCell number(double v, FormatClass f = FormatClass::General) {
  StoredCell c;
  c.type = CellType::Number;
  c.number = v;
  c.format_class = f;
  return c;
}
StoredCell text(const char* t) {
  StoredCell c;
  c.type = CellType::Text;
  c.text = t;
  return c;
}
}  // namespace

TEST(Value, PercentFractionsDecimalCommasAndBounds) {
  auto pct = number(0.978, FormatClass::Percent);
  EXPECT_DOUBLE_EQ(read_value(&pct).number, 97.8);
  auto plain = number(97.8);
  EXPECT_DOUBLE_EQ(read_value(&plain).number, 97.8);
  for (const char* s : {"97,8", "97,8%", "97.8", " 97,8 % "}) {
    auto c = text(s);
    auto v = read_value(&c);
    EXPECT_EQ(v.kind, Value::Kind::Number) << s;
    EXPECT_DOUBLE_EQ(v.number, 97.8) << s;
    EXPECT_FALSE(v.ambiguous) << s;
  }
  auto ge = text("≥ 95");
  auto g = read_value(&ge);
  EXPECT_DOUBLE_EQ(g.number, 95);
  EXPECT_TRUE(g.qualified);
  auto amb = text("1.234");
  EXPECT_TRUE(read_value(&amb).ambiguous);
  auto thousand = text("1.000");
  EXPECT_DOUBLE_EQ(read_value(&thousand).number, 1000);
}

TEST(Value, StatusesAndText) {
  struct {
    const char* raw;
    Status status;
  } cases[] = {
      {"Hoàn thành", Status::Done},        {"Đã hoàn thành", Status::Done},
      {"Đang thực hiện", Status::InProgress}, {"Đang triển khai", Status::InProgress},
      {"Chưa thực hiện", Status::NotStarted}, {"Chậm tiến độ", Status::Behind},
      {"Đạt", Status::Yes},                {"Duy trì", Status::Yes},
      {"Không đạt", Status::No},           {"Không duy trì", Status::No},
  };
  for (const auto& c : cases) {
    auto cell = text(c.raw);
    auto v = read_value(&cell);
    EXPECT_EQ(v.kind, Value::Kind::Status) << c.raw;
    EXPECT_EQ(v.status, c.status) << c.raw;
  }
  auto pending = text("đang cập nhật số liệu");
  EXPECT_EQ(read_value(&pending).kind, Value::Kind::Status);  // "đang ..." reads as in progress
  auto words = text("số liệu chưa có");
  EXPECT_EQ(read_value(&words).kind, Value::Kind::Text);
  StoredCell f;
  f.is_formula = true;
  f.formula_without_value = true;
  EXPECT_EQ(read_value(&f).kind, Value::Kind::FormulaWithoutValue);
  EXPECT_EQ(read_value(nullptr).kind, Value::Kind::Empty);
}

TEST(Value, AssessmentFollowsTheTargetKind) {
  auto num = [](double d) {
    Value v;
    v.kind = Value::Kind::Number;
    v.number = d;
    return v;
  };
  auto status = [](Status s) {
    Value v;
    v.kind = Value::Kind::Status;
    v.status = s;
    return v;
  };
  EXPECT_EQ(assess(parse_target("Trên 97,5"), num(97.8)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("Trên 97,5"), num(97.5)), Assessment::NotMet);
  EXPECT_EQ(assess(parse_target("Tối thiểu 99,5"), num(99.5)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("14 - 15"), num(14.2)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("14 - 15"), num(16)), Assessment::Exceeded);
  EXPECT_EQ(assess(parse_target("14 - 15"), num(13)), Assessment::NotMet);
  EXPECT_EQ(assess(parse_target("100"), num(100)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("76"), num(75)), Assessment::NotMet);
  EXPECT_EQ(assess(parse_target("dưới 0,5 %"), num(0.42)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("75% trở lên"), num(80)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("Duy trì"), status(Status::Yes)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("Đạt"), status(Status::No)), Assessment::NotMet);
  EXPECT_EQ(assess(parse_target("Giảm hàng năm"), num(0.42)), Assessment::Unknown);
  EXPECT_EQ(assess(parse_target("không còn hộ nghèo"), num(0)), Assessment::Met);
  EXPECT_EQ(assess(parse_target("khoảng 76%"), num(74)), Assessment::Met);
}

// Status phrases as staff write them: the status, plus the progress figure and the rest
// (a reason, an expected finish, a stage) kept as written.
TEST(Value, StatusPhrasesAsStaffWriteThem) {
  struct {
    const char* raw;
    Status status;
    std::optional<double> progress;
    const char* detail;
  } cases[] = {
      {"Cơ bản hoàn thành", Status::Done, {}, "Cơ bản hoàn thành"},
      {"Đã cơ bản hoàn thành.", Status::Done, {}, "Đã cơ bản hoàn thành."},
      {"Đã hoàn thành", Status::Done, {}, ""},
      {"Hoàn thành 100%", Status::Done, 100, ""},
      {"Hoàn thành 80 %", Status::InProgress, 80, ""},
      {"Đang thực hiện, ước đạt 60%", Status::InProgress, 60, ""},
      {"đang triển khai - ước đạt 45,5%", Status::InProgress, 45.5, ""},
      {"Chưa thực hiện do vướng mặt bằng", Status::NotStarted, {}, "do vướng mặt bằng"},
      {"Chưa triển khai, lý do: chưa được bố trí vốn", Status::NotStarted, {}, "lý do: chưa được bố trí vốn"},
      {"Đang thực hiện (dự kiến xong Quý I/2027)", Status::InProgress, {}, "dự kiến xong Quý I/2027"},
      {"Đã xong giai đoạn 1", Status::InProgress, {}, "Đã xong giai đoạn 1"},
      {"Hoàn thành giai đoạn II", Status::InProgress, {}, "Hoàn thành giai đoạn II"},
      {"Tiếp tục thực hiện", Status::InProgress, {}, ""},
      {"Chậm tiến độ so với kế hoạch", Status::Behind, {}, "so với kế hoạch"},
      {"CHƯA HOÀN THÀNH", Status::InProgress, {}, ""},
      {"Có", Status::Yes, {}, ""},
  };
  for (const auto& c : cases) {
    auto cell = text(c.raw);
    auto v = read_value(&cell);
    EXPECT_EQ(v.kind, Value::Kind::Status) << c.raw;
    EXPECT_EQ(v.status, c.status) << c.raw;
    EXPECT_EQ(v.progress, c.progress) << c.raw;
    EXPECT_EQ(v.detail, c.detail) << c.raw;
  }
  // Not statuses: a sentence that only starts like one, a care programme, an unknown phrase.
  for (const char* s : {"Có 3 hội nghị được tổ chức", "Chăm sóc sức khỏe người cao tuổi", "Tạm dừng",
                        "Theo kế hoạch của thành phố"}) {
    auto cell = text(s);
    EXPECT_EQ(read_value(&cell).kind, Value::Kind::Text) << s;
  }
}

TEST(Value, AnUnknownSignIsNeverReadAsANumber) {
  for (const char* s : {"?97,8", "97,8#", "97@8"}) {
    auto cell = text(s);
    EXPECT_EQ(read_value(&cell).kind, Value::Kind::Text) << s;
  }
}

TEST(Value, ALeadingZeroIsAFractionNotAThousand) {
  for (const char* s : {"0.978", "0,978"}) {
    auto c = text(s);
    auto v = read_value(&c);
    EXPECT_DOUBLE_EQ(v.number, 0.978) << s;
    EXPECT_FALSE(v.ambiguous) << s;
  }
}
