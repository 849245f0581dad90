#include <gtest/gtest.h>

#include "core/text.hpp"
#include "validate/assign.hpp"
#include "validate/match.hpp"
#include "validate/non_item.hpp"
#include "validate/relative.hpp"
#include "validate/row_match.hpp"

using namespace tonghop;

namespace {
const NameMatcher& m() {
  static NameMatcher x = NameMatcher::load_default();
  return x;
}

// An Dương's indicators and a few of Vĩnh Thịnh's and Vĩnh Bảo's tasks, as the plans write them.
std::vector<Candidate> plan_items() {
  const char* names[] = {
      "Tổng giá trị sản phẩm trên địa bàn",
      "Thu nhập bình quân đầu người",
      "Thu ngân sách nhà nước trên địa bàn",
      "Tỷ lệ giải ngân vốn đầu tư công phường",
      "Hộ nghèo theo chuẩn nghèo đa chiều quốc gia",
      "Tỷ lệ người dân tham gia bảo hiểm y tế",
      "Duy trì Trạm y tế đạt chuẩn quốc gia",
      "Trường công lập đạt chuẩn quốc gia mức độ 1",
      "Trường công lập đạt chuẩn quốc gia mức độ 2",
      "Tỷ lệ gia đình văn hóa",
      "Tỷ lệ Tở dân phố văn hóa",
      "Tỷ lệ thu gom chất thải rắn sinh hoạt",
      "Tỷ lệ dân số được sử dụng nước sạch",
      "Hoàn thành chỉ tiêu tuyển chọn và gọi công dân nhập ngũ",
      "Tỷ lệ điều tra, khám phá án chung. Trong đó:",
      "Dự án Khu công nghiệp Trung Lập, dự án đã được phê duyệt quy hoạch phân khu xây dựng tỷ lệ 1/2000 tại "
      "Quyết định số 2180/QĐ-UBND ngày 26/6/2025 của Uỷ ban nhân dân thành phố Hải Phòng",
      "Thường xuyên rà soát quy trình, thủ tục hành chính; đề xuất phương án đơn giản hóa thủ tục hành chính, "
      "công khai minh bạch quy trình xử lý, tạo môi trường thuận lợi nhất cho người dân, doanh nghiệp.",
      "Đẩy mạnh sử dụng dịch vụ công trực tuyến trong giải quyết các thủ tục hành chính",
      "Nâng cao chất lượng giáo dục theo tinh thần Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị",
      "Tuyên truyền cải cách hành chính",
  };
  std::vector<Candidate> out;
  for (const char* n : names) out.push_back({out.size(), std::to_string(out.size() + 1), n, {}});
  return out;
}

const ItemIndex& index() {
  static ItemIndex x(m(), plan_items());
  return x;
}

std::string matched_name(const std::string& written, const std::string& code = "") {
  auto r = index().match(code, written);
  if (r.kind != MatchResult::Kind::Matched) return "(" + std::string(r.kind == MatchResult::Kind::Ambiguous ? "ambiguous" : "unknown") + ")";
  return index().candidates()[r.index].name;
}
}  // namespace

// How units write a plan's item (left) against the plan (right).
TEST(Match, WrittenFormsFindTheirItem) {
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
      {"Tỉ lệ giải ngân vốn đầu tư công", "Tỷ lệ giải ngân vốn đầu tư công phường"},
      {"Hộ nghèo (theo chuẩn nghèo đa chiều)", "Hộ nghèo theo chuẩn nghèo đa chiều quốc gia"},
      {"Tỷ lệ điều tra, khám phá án chung", "Tỷ lệ điều tra, khám phá án chung. Trong đó:"},
      {"Gọi công dân nhập ngũ: hoàn thành chỉ tiêu tuyển chọn", "Hoàn thành chỉ tiêu tuyển chọn và gọi công dân nhập ngũ"},
      // Initialisms of the plan's own words, cut to the core clause.
      {"Dự án KCN Trung Lập", index().candidates()[15].name.c_str()},
      {"Rà soát, đơn giản hóa TTHC", index().candidates()[16].name.c_str()},
      {"DVC trực tuyến", index().candidates()[17].name.c_str()},
      // One wrong letter, a number without "số", the unit's explanation added.
      {"Tỷ lệ thu gom chất thảy rắn sinh hoạt", "Tỷ lệ thu gom chất thải rắn sinh hoạt"},
      {"Nâng cao chất lượng giáo dục theo Nghị quyết 71-NQ/TW", index().candidates()[18].name.c_str()},
      {"3. Tuyên truyền cải cách hành chính, đã tổ chức 12 buổi tại các tổ dân phố", "Tuyên truyền cải cách hành chính"},
  };
  for (const auto& p : pairs) EXPECT_EQ(matched_name(p.written), p.plan) << p.written;
}

TEST(Match, DifferentItemsDoNotMatch) {
  EXPECT_EQ(matched_name("Trường công lập đạt chuẩn quốc gia mức độ 2"), "Trường công lập đạt chuẩn quốc gia mức độ 2");
  EXPECT_EQ(matched_name("Trường công lập đạt chuẩn quốc gia mức độ 3"), "(unknown)");
  EXPECT_EQ(matched_name("Tỷ lệ hộ gia đình có xe máy"), "(unknown)");
  EXPECT_EQ(matched_name("Số km đường giao thông được cứng hóa"), "(unknown)");
  EXPECT_EQ(matched_name("Hiến máu tình nguyện"), "(unknown)");
  // A heading written in capitals is words, not initialisms.
  EXPECT_EQ(matched_name("II. LĨNH VỰC VĂN HÓA - XÃ HỘI"), "(unknown)");
}

TEST(Match, TheUnitsOwnNumberingIsNotTheItem) {
  auto r = index().match("2", "Tỷ lệ người dân tham gia BHYT");  // the unit's own number 2
  EXPECT_EQ(r.kind, MatchResult::Kind::Matched);
  EXPECT_EQ(r.index, 5u);
  EXPECT_FALSE(r.by_code);
  auto same = index().match("10", "Gia đình văn hóa");
  EXPECT_EQ(same.index, 9u);
  EXPECT_TRUE(same.by_code);
}

TEST(Match, CloseToTwoItemsIsAmbiguous) {
  std::vector<Candidate> twins = {{0, "13", "Tỷ lệ hộ dân sử dụng nước sạch"}, {1, "14", "Tỷ lệ hộ dân sử dụng nước máy"}};
  EXPECT_EQ(match_row(m(), "", "Tỷ lệ hộ dân sử dụng nước", twins).kind, MatchResult::Kind::Ambiguous);
  std::vector<Candidate> near = {{0, "13", "Tỷ lệ hộ dân sử dụng nước sạch"},
                                 {1, "14", "Tỷ lệ hộ dân sử dụng nước sạch tập trung"}};
  EXPECT_EQ(match_row(m(), "", "Tỷ lệ hộ sử dụng nước sạch", near).index, 0u);
}

TEST(Match, ExplainNamesTheWordsThatCarriedIt) {
  MatchEvidence why;
  auto row = m().prepare("Dự án KCN Trung Lập");
  EXPECT_GE(index().score(row, 15, &why), kMatchThreshold);
  auto text = why.text();
  EXPECT_NE(text.find("trung"), std::string::npos) << text;
  EXPECT_NE(text.find("cong (KCN)"), std::string::npos) << text;
  MatchEvidence typo;
  index().score(m().prepare("Tỷ lệ thu gom chất thảy rắn sinh hoạt"), 11, &typo);
  EXPECT_NE(typo.text().find("thai (~thay)"), std::string::npos) << typo.text();
}

TEST(Match, WordsDropNumberingFillersAndVariants) {
  EXPECT_EQ(m().words("II.3 Nghị quyết số 57"), (std::vector<std::string>{"nghi", "quyet", "57"}));
  EXPECT_EQ(m().words("a) Quản lí"), (std::vector<std::string>{"quan", "li"}));
  EXPECT_EQ(m().words("Quản lý"), (std::vector<std::string>{"quan", "li"}));
  EXPECT_EQ(m().words("100% hồ sơ"), (std::vector<std::string>{"100", "ho", "so"}));
}

namespace {
std::vector<RowCandidates> rank_rows(const std::vector<std::string>& written) {
  std::vector<RowCandidates> out;
  for (const auto& w : written) out.push_back({index().rank("", m().prepare(w)), fold_key(w)});
  return out;
}
}  // namespace

TEST(Assign, RowsCompeteForItems) {
  // "Trường đạt chuẩn quốc gia" fits level 1 and level 2 alike; the other row takes level 2.
  auto rows = rank_rows({"Trường đạt chuẩn quốc gia", "Trường công lập đạt chuẩn quốc gia mức độ 2"});
  auto a = assign_rows(rows, {});
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[1].kind, Assigned::Kind::Matched);
  EXPECT_EQ(a[1].cand, 8u);
  EXPECT_EQ(a[0].kind, Assigned::Kind::Matched);
  EXPECT_EQ(a[0].cand, 7u);
  // On its own the same row cannot be decided.
  auto alone = assign_rows(rank_rows({"Trường đạt chuẩn quốc gia"}), {});
  EXPECT_EQ(alone[0].kind, Assigned::Kind::Ambiguous);
  // The sending unit's own item decides it.
  std::vector<char> own(index().candidates().size(), 0);
  own[8] = 1;
  auto owned = assign_rows(rank_rows({"Trường đạt chuẩn quốc gia"}), own);
  EXPECT_EQ(owned[0].kind, Assigned::Kind::Matched);
  EXPECT_EQ(owned[0].cand, 8u);
}

TEST(Assign, ARepeatedItemIsADuplicateAndOthersStayUnknown) {
  auto a = assign_rows(rank_rows({"Tỷ lệ gia đình văn hóa", "Hiến máu tình nguyện", "Tỷ lệ gia đình văn hoá"}), {});
  EXPECT_EQ(a[0].kind, Assigned::Kind::Matched);
  EXPECT_EQ(a[1].kind, Assigned::Kind::Unknown);
  EXPECT_EQ(a[2].kind, Assigned::Kind::Duplicate);
  EXPECT_EQ(a[2].other, 0u);
}

TEST(Assign, TheBestTotalNotFirstCome) {
  // The first row fits A a little better than B, the second fits only A: first-come would
  // give A to the first row and leave the second unknown.
  std::vector<RowCandidates> rows(2);
  rows[0].ranked = {{0, 0.90, false}, {1, 0.86, false}};
  rows[0].key = "x";
  rows[1].ranked = {{0, 0.88, false}};
  rows[1].key = "y";
  auto a = assign_rows(rows, {});
  EXPECT_EQ(a[0].cand, 1u);
  EXPECT_EQ(a[1].cand, 0u);
  EXPECT_EQ(a[0].kind, Assigned::Kind::Matched);
  EXPECT_EQ(a[1].kind, Assigned::Kind::Matched);
}

TEST(NonItem, HeadingsTotalsProseAndSignatures) {
  for (const char* s : {"Tổng cộng", "Cộng", "Người lập biểu", "Thủ trưởng đơn vị", "(Ký, ghi rõ họ tên)",
                        "An Dương, ngày 05 tháng 12 năm 2026", "II. CÁC CHỈ TIÊU VỀ XÃ HỘI", "Nguyễn Văn An",
                        "Ghi chú: số liệu ước đến 30/11", "TM. ỦY BAN NHÂN DÂN"})
    EXPECT_TRUE(is_non_item(s, false)) << s;
  // Rows that report something stay items, matched or not.
  for (const char* s : {"Số km đường giao thông được cứng hóa", "Hiến máu tình nguyện", "Tỷ lệ gia đình văn hóa"})
    EXPECT_FALSE(is_non_item(s, false)) << s;
  EXPECT_FALSE(is_non_item("Nguyễn Văn An", true));
}

TEST(Relative, SubRowsReadWithTheRowAbove) {
  EXPECT_EQ(relative_readings("mức độ 3", "Trường đạt chuẩn quốc gia mức độ 2", ""),
            (std::vector<std::string>{"Trường đạt chuẩn quốc gia mức độ 3"}));
  EXPECT_EQ(relative_readings("Trong đó: khu vực nông thôn", "", "Tỷ lệ hộ dùng nước sạch. Trong đó:"),
            (std::vector<std::string>{"Tỷ lệ hộ dùng nước sạch. khu vực nông thôn"}));
  EXPECT_TRUE(relative_readings("Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều quốc gia giai đoạn mới", "x y", "").empty());
}

// A name is scored once for every row written with it (a long report repeats its names
// under running numbers): each row's own code still decides its lift.
TEST(RowMatch, RowsWrittenAlikeKeepTheirOwnCode) {
  Plan plan;
  plan.indicators.resize(2);
  plan.indicators[0].code = "6";
  plan.indicators[0].name = "Tỷ lệ người dân tham gia bảo hiểm y tế";
  plan.indicators[1].code = "7";
  plan.indicators[1].name = "Tỷ lệ gia đình văn hóa";
  PlanItems items(plan, m());
  std::vector<RowText> rows = {{"12", "Tỷ lệ tham gia BHYT", -1, true}, {"6", "Tỷ lệ tham gia BHYT", -1, true},
                               {"13", "Tỷ lệ tham gia BHYT", -1, true}};
  auto got = match_rows(plan, items, m(), rows, "");
  ASSERT_EQ(got.size(), 3u);
  EXPECT_FALSE(got[0].by_code);
  EXPECT_TRUE(got[1].by_code);
  EXPECT_FALSE(got[2].by_code);
  EXPECT_GT(got[1].score, got[0].score);  // lifted by its code alone
  EXPECT_EQ(got[0].score, got[2].score);
  // The row whose code agrees takes the item; the others repeat it.
  EXPECT_EQ(got[1].kind, RowMatch::Kind::Matched);
  EXPECT_EQ(got[0].kind, RowMatch::Kind::Duplicate);
  EXPECT_EQ(got[2].kind, RowMatch::Kind::Duplicate);
}

TEST(RowMatch, ASubRowNamingOnlyWhatDiffersIsReadUnderItsParent) {
  Plan plan;
  plan.indicators.resize(3);
  plan.indicators[0].code = "5";
  plan.indicators[0].name = "Số lao động được đào tạo nghề";
  plan.indicators[1].name = "Số lao động nữ được đào tạo nghề";
  plan.indicators[1].parent = "5";
  plan.indicators[2].code = "6";
  plan.indicators[2].name = "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ";
  PlanItems items(plan, m());
  std::vector<RowText> rows = {{"1", "Lao động được đào tạo nghề", -1, true}, {"", "Trong đó: nữ", 0, true}};
  auto got = match_rows(plan, items, m(), rows, "");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].kind, RowMatch::Kind::Matched);
  EXPECT_EQ(got[0].item.index, 0u);
  EXPECT_EQ(got[1].kind, RowMatch::Kind::Matched);
  EXPECT_EQ(got[1].item.index, 1u);
  EXPECT_EQ(got[1].reading, "Số lao động được đào tạo nghề nữ");
  // Without the parent the same words tell nothing.
  auto alone = match_rows(plan, items, m(), {{"", "Trong đó: nữ", -1, true}}, "");
  EXPECT_NE(alone[0].kind, RowMatch::Kind::Matched);
}
