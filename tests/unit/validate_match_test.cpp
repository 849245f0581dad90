#include <gtest/gtest.h>

#include "validate/match.hpp"

using namespace tonghop;

namespace {
const NameMatcher& m() {
  static NameMatcher x = NameMatcher::load_default();
  return x;
}
}  // namespace

// Realistic pairs: how units write a plan's indicator (left) against the plan (right).
TEST(Match, RealisticLabelPairsMatch) {
  struct Pair {
    const char* written;
    const char* plan;
  } pairs[] = {
      {"Tỷ lệ người dân tham gia BHYT", "Tỷ lệ người dân tham gia bảo hiểm y tế"},
      {"Trường đạt chuẩn QG mức độ 1", "Trường công lập đạt chuẩn quốc gia mức độ 1"},
      {"Ty le nguoi dan tham gia bao hiem y te", "Tỷ lệ người dân tham gia bảo hiểm y tế"},
      {"Tỷ lệ tổ dân phố văn hóa", "Tỷ lệ Tở dân phố văn hóa"},
      {"+ Tỷ lệ TDP văn hoá", "Tỷ lệ Tở dân phố văn hóa"},
      {"Thu NSNN trên địa bàn", "Thu ngân sách nhà nước trên địa bàn"},
      {"Tỷ lệ gia đình văn hóa", "Tỷ lệ gia đình văn hóa"},
      {"Tỷ lệ giải ngân vốn đầu tư công", "Tỷ lệ giải ngân vốn đầu tư công phường"},
      {"Hộ nghèo (theo chuẩn nghèo đa chiều)", "Hộ nghèo theo chuẩn nghèo đa chiều quốc gia"},
      {"Tỷ lệ điều tra, khám phá án chung", "Tỷ lệ điều tra, khám phá án chung. Trong đó:"},
      {"Gọi công dân nhập ngũ: hoàn thành chỉ tiêu tuyển chọn", "Hoàn thành chỉ tiêu tuyển chọn và gọi công dân nhập ngũ"},
  };
  for (const auto& p : pairs)
    EXPECT_GE(m().similarity(p.written, p.plan), kMatchThreshold) << p.written << " ~ " << p.plan;
}

TEST(Match, DifferentItemsDoNotMatch) {
  EXPECT_LE(m().similarity("Trường công lập đạt chuẩn quốc gia mức độ 2",
                           "Trường công lập đạt chuẩn quốc gia mức độ 1"), 0.5);
  EXPECT_LT(m().similarity("Tỷ lệ gia đình văn hóa", "Tỷ lệ Tở dân phố văn hóa"), kMatchThreshold);
  EXPECT_LT(m().similarity("Tỷ lệ thu gom chất thải rắn sinh hoạt", "Tỷ lệ dân số được sử dụng nước sạch"),
            kMatchThreshold);
}

TEST(Match, RowsPickTheirItemOrSayWhyNot) {
  std::vector<Candidate> c = {
      {0, "6", "Tỷ lệ người dân tham gia bảo hiểm y tế"},
      {1, "8", "Trường công lập đạt chuẩn quốc gia mức độ 1"},
      {2, "", "Trường công lập đạt chuẩn quốc gia mức độ 2"},
      {3, "9", "Tỷ lệ gia đình văn hóa"},
  };
  auto bhyt = match_row(m(), "2", "Tỷ lệ người dân tham gia BHYT", c);  // the unit's own number 2
  EXPECT_EQ(bhyt.kind, MatchResult::Kind::Matched);
  EXPECT_EQ(bhyt.index, 0u);
  EXPECT_FALSE(bhyt.by_code);
  auto level2 = match_row(m(), "", "Trường đạt chuẩn QG mức độ 2", c);
  EXPECT_EQ(level2.kind, MatchResult::Kind::Matched);
  EXPECT_EQ(level2.index, 2u);
  auto same_code = match_row(m(), "9", "Gia đình văn hóa", c);
  EXPECT_EQ(same_code.kind, MatchResult::Kind::Matched);
  EXPECT_EQ(same_code.index, 3u);
  EXPECT_TRUE(same_code.by_code);
  auto unknown = match_row(m(), "", "Số km đường giao thông được cứng hóa", c);
  EXPECT_EQ(unknown.kind, MatchResult::Kind::Unknown);
  // Equally close to two items: the row is reported, not guessed.
  std::vector<Candidate> twins = {{0, "13", "Tỷ lệ hộ dân sử dụng nước sạch"}, {1, "14", "Tỷ lệ hộ dân sử dụng nước máy"}};
  auto amb = match_row(m(), "", "Tỷ lệ hộ dân sử dụng nước", twins);
  EXPECT_EQ(amb.kind, MatchResult::Kind::Ambiguous);
  // Clearly closer to one of them: matched.
  std::vector<Candidate> near = {{0, "13", "Tỷ lệ hộ dân sử dụng nước sạch"}, {1, "14", "Tỷ lệ hộ dân sử dụng nước sạch tập trung"}};
  EXPECT_EQ(match_row(m(), "", "Tỷ lệ hộ sử dụng nước sạch", near).index, 0u);
}
