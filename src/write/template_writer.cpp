// The unit's fill-in form through libxlsxwriter. Every formula's cached value comes from the
// formula engine (src/evaluate) over the cells written, so the empty form, and a form
// written as filled in the tests, show what a spreadsheet program computes.
//
// The formulas keep to what Excel 2010+, LibreOffice 7, WPS and the engine all compute: IF,
// SUM, "&", comparisons and addition. "Is empty" is X&""="" (an empty cell joins to "", a
// number or a text does not); "is a number" is SUM(X)=X (SUM ignores text, and text never
// equals a number).
#include "write/template_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/json_writer.hpp"
#include "evaluate/formula_engine.hpp"
#include "core/text.hpp"
#include "plan/item_key.hpp"
#include "validate/value.hpp"
#include "write/atomic.hpp"
#include "write/consolidated_writer.hpp"

namespace tonghop {

std::size_t excel_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // a code point starts
    if ((c & 0xF8) == 0xF0) ++n;  // beyond the BMP: a surrogate pair
  }
  return n;
}

namespace {

namespace msg = form_message;

// At most max UTF-16 units, cut at a character boundary.
std::string excel_prefix(const std::string& s, std::size_t max) {
  if (excel_length(s) <= max) return s;
  std::size_t n = 0, i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    std::size_t units = len == 4 ? 2 : 1;
    if (n + units > max - 1) break;
    n += units;
    i += len;
  }
  return s.substr(0, i) + "…";
}

std::string period_words(const Period& p, bool title) {
  std::string y = std::to_string(p.year);
  static const char* roman[] = {"I", "II", "III", "IV"};
  switch (p.kind) {
    case PeriodKind::Year: return (title ? "NĂM " : "năm ") + y;
    case PeriodKind::H1: return (title ? "6 THÁNG ĐẦU NĂM " : "6 tháng đầu năm ") + y;
    case PeriodKind::M9: return (title ? "9 THÁNG NĂM " : "9 tháng năm ") + y;
    default:
      return (title ? "QUÝ " : "quý ") + std::string(roman[int(p.kind) - int(PeriodKind::Q1)]) + "/" + y;
  }
}

std::string quoted(const std::string& s) {
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string num(double v) { return format_number(v); }

std::string column_letters(std::uint32_t col) {
  std::string ref = cell_ref(0, col);
  return ref.substr(0, ref.size() - 1);
}

enum class InputKind { Rate, NonNegative, AnyNumber, YesNo, MaintainNo };

// How an indicator is filled in: a yes/no choice for maintain/attain/complete targets, a
// rate within 0-100, a count (never negative), or any number (a growth in %).
InputKind input_kind(const Indicator& ind) {
  const Target& t = ind.judged_target();
  if (t.kind == TargetKind::Maintain) return InputKind::MaintainNo;
  if (t.kind == TargetKind::Attain || t.kind == TargetKind::Complete) return InputKind::YesNo;
  // As tonghop check judges the range (validate/check.cpp).
  bool rate = fold_key(ind.unit_of_measure) == "%" && fold_key(ind.name).rfind("ty le", 0) == 0;
  if (rate) return InputKind::Rate;
  return ind.unit_of_measure == "%" ? InputKind::AnyNumber : InputKind::NonNegative;
}

// The condition, over the actual's reference, under which a number does not meet the
// target, as assess() judges it; "" when the form cannot judge (trends, statuses, none).
std::string not_met_condition(const Indicator& ind, const std::string& a) {
  const Target& t = ind.judged_target();
  if (needs_previous(t, ind.unit_of_measure)) return "";
  switch (t.kind) {
    case TargetKind::Exact:
    case TargetKind::Level:
    case TargetKind::Range:
    case TargetKind::Increase:
    case TargetKind::AtLeast:
      return t.low ? a + "<" + num(*t.low) : "";
    case TargetKind::MoreThan: return t.low ? a + "<=" + num(*t.low) : "";
    case TargetKind::LessThan: return t.high ? a + ">=" + num(*t.high) : "";
    case TargetKind::AtMost: return t.high ? a + ">" + num(*t.high) : "";
    case TargetKind::About:
      return t.low ? a + "<" + num(*t.low - 0.05 * std::fabs(*t.low)) : "";
    case TargetKind::NoneLeft: return a + "<>0";
    default: return "";
  }
}

struct ListDef {
  const char* name;
  std::vector<std::string> values;
};
const std::vector<ListDef>& lists() {
  static const std::vector<ListDef> l = {
      {"DS_TienDo", {"Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Chậm tiến độ"}},
      {"DS_Dat", {"Đạt", "Không đạt"}},
      {"DS_DuyTri", {"Duy trì", "Không duy trì"}},
  };
  return l;
}

class FormWriter {
 public:
  FormWriter(const Plan& plan, const Layout& layout, const FormOptions& opt, const FormFill* fill)
      : plan_(plan), l_(layout), opt_(opt), fill_(fill), keys_(item_keys(plan)) {
    for (const auto& u : plan.units)
      if (u.name == opt.unit) unit_ = &u;
    if (!unit_) throw WriteError("the plan assigns nothing to " + opt.unit);
    CheckReport none;
    none.period = opt.period;
    year_ = consolidate(plan, std::move(none), opt.previous);
  }

  void write(const std::string& path) {
    wb_ = workbook_new(path.c_str());
    if (!wb_) throw WriteError("cannot create " + path);
    static char title[] = "Biểu mẫu báo cáo";
    static char author[] = "tonghop";
    lxw_doc_properties props{};
    props.title = title;
    props.author = author;
    props.created = opt_.document_time;
    workbook_set_properties(wb_, &props);
    identity();
    formats();
    if (!unit_->indicators.empty()) indicators();
    if (!unit_->tasks.empty()) tasks();
    guide();
    list_sheet();
    formulas();
    if (workbook_close(wb_) != LXW_NO_ERROR) throw WriteError("libxlsxwriter could not write " + path);
  }

 private:
  void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw WriteError(std::string(what) + ": " + lxw_strerror(e));
  }

  void identity() {
    std::size_t items = unit_->indicators.size() + unit_->tasks.size();
    std::pair<const char*, std::string> props[] = {
        {form_property::kVersion, kFormVersion},
        {form_property::kPlan, plan_fingerprint(plan_)},
        {form_property::kUnit, opt_.unit},
        {form_property::kYear, std::to_string(opt_.period.year)},
        {form_property::kPeriod, std::string(to_string(opt_.period.kind))},
        {form_property::kItems, std::to_string(items)},
    };
    for (const auto& [name, value] : props) {
      check(workbook_set_custom_property_string(wb_, name, value.c_str()), name);
      identity_.emplace_back(name, value);
    }
  }

  lxw_format* font(bool bold = false, bool border = true, bool center = false, double size = 0, bool italic = false) {
    auto* f = workbook_add_format(wb_);
    format_set_font_name(f, l_.font.c_str());
    format_set_font_size(f, size > 0 ? size : l_.font_size);
    if (bold) format_set_bold(f);
    if (italic) format_set_italic(f);
    format_set_text_wrap(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  }

  void formats() {
    body_ = font();
    center_ = font(false, true, true);
    number_ = font();
    format_set_num_format(number_, "#,##0.0##");
    bold_ = font(true);
    header_ = font(true, true, true);
    format_set_bg_color(header_, 0xD9E1F2);
    title_ = font(true, false, true, l_.font_size + 2);
    block_ = font(true, false, true);
    block_plain_ = font(false, false, true, 0, true);
    input_ = font();
    format_set_unlocked(input_);
    format_set_bg_color(input_, 0xFFFFFF);
    input_number_ = font();
    format_set_unlocked(input_number_);
    format_set_num_format(input_number_, "#,##0.0##");
    check_ = font(false, true, false, 0, true);
    format_set_font_color(check_, 0xC00000);
    count_label_ = font(true, false);
    format_set_align(count_label_, LXW_ALIGN_RIGHT);
    count_ = font(true, true, true, l_.font_size + 2);
    plain_ = font(false, false);
    for (auto [color, slot] : {std::pair{0xFFF2CC, &fill_empty_}, {0xFFC7CE, &fill_wrong_}, {0xFCE4D6, &fill_note_},
                               {0xC6EFCE, &fill_ok_}}) {
      *slot = workbook_add_format(wb_);
      format_set_bg_color(*slot, std::uint32_t(color));
      format_set_pattern(*slot, LXW_PATTERN_SOLID);
    }
  }

  // Cells go to libxlsxwriter and to the engine's copy of the sheet; formulas wait for
  // their values.
  void put(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
    if (s.empty()) worksheet_write_blank(ws, r, c, f);
    else {
      check(worksheet_write_string(ws, r, c, s.c_str(), f), "a cell");
      engine_.set_text({sheet_, r, c}, s);
    }
  }
  void put(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, double v, lxw_format* f) {
    check(worksheet_write_number(ws, r, c, v, f), "a number");
    engine_.set_number({sheet_, r, c}, v);
  }
  void put_formula(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& f, lxw_format* fmt) {
    engine_.set_formula({sheet_, r, c}, f);
    pending_.push_back({ws, sheet_, r, c, f, fmt});
  }

  lxw_worksheet* add_sheet(const std::string& name) {
    auto* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw WriteError("cannot add sheet " + name);
    sheet_ = engine_.add_sheet(name);
    return ws;
  }

  std::string fill(const std::string& t) const {
    std::string place = opt_.unit;
    auto space = plan_.commune.find(' ');
    place = space == std::string::npos ? plan_.commune : plan_.commune.substr(space + 1);
    return fill_placeholders(t, {{"commune", plan_.commune}, {"COMMUNE", upper(plan_.commune)},
                                 {"year", std::to_string(opt_.period.year)}, {"period", plan_.period},
                                 {"place", place}, {"day", "....."}, {"month", "....."},
                                 {"date_year", std::to_string(opt_.period.year)}});
  }

  // The administrative header block (the unit's, under the commune's committee), the
  // title, the unit line and the count of what remains; returns the header row.
  lxw_row_t header_block(lxw_worksheet* ws, lxw_col_t width, const std::string& title, lxw_col_t count_col,
                         const std::string& flags_range) {
    lxw_col_t last = width - 1;
    lxw_col_t right_start = last > 5 ? last - 3 : last - 2;
    auto merge = [&](lxw_row_t r, lxw_col_t c0, lxw_col_t c1, const std::string& text, lxw_format* f) {
      if (text.empty()) return;
      if (c1 > c0) check(worksheet_merge_range(ws, r, c0, r, c1, text.c_str(), f), "a merged range");
      else put(ws, r, c0, text, f);
    };
    merge(0, 0, 2, plan_.commune.empty() ? fill(l_.issuing_body) : "UBND " + upper(plan_.commune), block_plain_);
    merge(0, right_start, last, fill(l_.motto), block_);
    merge(1, 0, 2, upper(opt_.unit), block_);
    merge(1, right_start, last, fill(l_.motto_line2), block_);
    merge(2, right_start, last, fill(l_.place_date), block_plain_);
    merge(4, 0, last, title, title_);
    merge(5, 0, last, "Đơn vị báo cáo: " + opt_.unit, block_plain_);
    // What remains to fill or fix: green at zero.
    merge(6, 0, count_col - 1, "Số dòng còn phải nhập hoặc sửa (cột Kiểm tra):", count_label_);
    put_formula(ws, 6, count_col, "SUM(" + flags_range + ")", count_);
    lxw_conditional_format zero{};
    zero.type = LXW_CONDITIONAL_TYPE_CELL;
    zero.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
    zero.value = 0;
    zero.format = fill_ok_;
    check(worksheet_conditional_format_cell(ws, 6, count_col, &zero), "a conditional format");
    lxw_conditional_format more = zero;
    more.criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN;
    more.format = fill_wrong_;
    check(worksheet_conditional_format_cell(ws, 6, count_col, &more), "a conditional format");
    worksheet_set_row(ws, 6, 22, nullptr);
    return 8;
  }

  void page_setup(lxw_worksheet* ws, lxw_row_t header_row) {
    if (l_.page.landscape) worksheet_set_landscape(ws);
    else worksheet_set_portrait(ws);
    worksheet_set_paper(ws, std::uint8_t(l_.page.paper));
    if (l_.page.fit_width) worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, header_row, header_row);
    if (!l_.page.footer.empty()) worksheet_set_footer(ws, l_.page.footer.c_str());
    worksheet_freeze_panes(ws, header_row + 1, 0);
  }

  void protect(lxw_worksheet* ws) {
    lxw_protection p{};
    p.format_columns = 1;  // widening a column is harmless
    p.format_rows = 1;
    worksheet_protect(ws, opt_.password.empty() ? nullptr : opt_.password.c_str(), &p);
  }

  struct Column {
    std::string label;
    double width;
  };
  void columns(lxw_worksheet* ws, lxw_row_t row, const std::vector<Column>& cols, lxw_col_t key_col) {
    for (lxw_col_t c = 0; c < cols.size(); ++c) {
      lxw_row_col_options hidden{};
      hidden.hidden = c >= key_col;
      check(worksheet_set_column_opt(ws, c, c, cols[c].width, nullptr, c >= key_col ? &hidden : nullptr), "a column");
      put(ws, row, c, cols[c].label, header_);
    }
    worksheet_set_row(ws, row, 48, nullptr);
    page_setup(ws, row);
  }

  // An input cell's validation with its Vietnamese message (Excel: title ≤ 32, message ≤ 255).
  void validate(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, lxw_data_validation v, const std::string& title,
                const std::string& message) {
    std::string t = excel_prefix(title, 32), m = excel_prefix(message, 255);
    v.input_title = const_cast<char*>(t.c_str());
    v.input_message = const_cast<char*>(m.c_str());
    v.show_input = LXW_VALIDATION_ON;
    v.show_error = LXW_VALIDATION_ON;
    v.ignore_blank = LXW_VALIDATION_ON;
    std::string et = "Giá trị không hợp lệ";
    v.error_title = const_cast<char*>(et.c_str());
    std::string em = excel_prefix(message, 255);
    v.error_message = const_cast<char*>(em.c_str());
    check(worksheet_data_validation_cell(ws, r, c, &v), "a data validation");
  }
  void text_input(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& title, const std::string& message) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LENGTH;
    v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
    v.value_number = 2000;
    validate(ws, r, c, v, title, message);
  }
  void list_input(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const char* list, const std::string& title,
                  const std::string& message) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    std::string formula = std::string("=") + list;
    v.value_formula = const_cast<char*>(formula.c_str());
    validate(ws, r, c, v, title, message);
  }
  void number_input(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, std::optional<double> low, std::optional<double> high,
                    const std::string& title, const std::string& message) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    if (low && high) {
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_number = *low;
      v.maximum_number = *high;
    } else if (low) {
      v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
      v.value_number = *low;
    } else {
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_number = -1e12;
      v.maximum_number = 1e12;
    }
    validate(ws, r, c, v, title, message);
  }

  // Colours of the input cells driven by the Kiểm tra column's words, so the colours and the
  // words never disagree: yellow empty, red wrong, orange not met without a note.
  void colour_rules(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last, lxw_col_t c0, lxw_col_t c1,
                    lxw_col_t check_col, const std::vector<const char*>& empty, const std::vector<const char*>& wrong,
                    lxw_col_t note_col) {
    if (last < first) return;
    std::string k = "$" + column_letters(check_col) + std::to_string(first + 1);
    auto any_of = [&](const std::vector<const char*>& words) {
      std::string f = "OR(";
      for (std::size_t i = 0; i < words.size(); ++i) f += (i ? "," : "") + k + "=" + quoted(words[i]);
      return f + ")";
    };
    auto rule = [&](lxw_col_t a, lxw_col_t b, const std::string& formula, lxw_format* f) {
      lxw_conditional_format cf{};
      cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
      std::string v = "=" + formula;
      cf.value_string = const_cast<char*>(v.c_str());
      cf.format = f;
      check(worksheet_conditional_format_range(ws, first, a, last, b, &cf), "a conditional format");
    };
    rule(c0, c1, any_of(empty), fill_empty_);
    rule(c0, c1, any_of(wrong), fill_wrong_);
    rule(note_col, note_col, k + "=" + quoted(msg::kNeedNote), fill_note_);
    rule(check_col, check_col, k + "<>\"\"", fill_wrong_);
  }

  // The hidden flag column: 1 when the row still needs the unit's attention.
  std::string flag_formula(const std::string& check_ref) {
    return "IF(" + check_ref + "&\"\"=\"\",0,IF(" + check_ref + "=" + quoted(msg::kNoted) + ",0,1))";
  }

  const FormEntry* entry(const std::string& key) const {
    if (!fill_) return nullptr;
    auto it = fill_->entries.find(key);
    return it == fill_->entries.end() ? nullptr : &it->second;
  }
  bool deleted(const std::string& key) const { return fill_ && fill_->deleted.count(key); }

  void indicators() {
    auto* ws = add_sheet("Chỉ tiêu");
    bool previous = opt_.previous != nullptr;
    std::string y = std::to_string(opt_.period.year);
    std::string end_year = plan_.period.size() >= 4 ? plan_.period.substr(plan_.period.size() - 4) : "";
    std::vector<Column> cols = {{"STT", 6},
                                {"Chỉ tiêu", 44},
                                {"ĐVT", 10},
                                {end_year.empty() ? "Mục tiêu đến cuối kỳ" : "Mục tiêu đến năm " + end_year, 13},
                                {"Mục tiêu hằng năm", 13},
                                {"Kế hoạch năm " + y, 12}};
    if (previous) cols.push_back({"Thực hiện năm " + std::to_string(opt_.period.year - 1), 12});
    lxw_col_t actual_c = lxw_col_t(cols.size());
    cols.push_back({"Thực hiện " + period_words(opt_.period, false), 14});
    lxw_col_t note_c = lxw_col_t(cols.size());
    cols.push_back({"Ghi chú", 28});
    lxw_col_t check_c = lxw_col_t(cols.size());
    cols.push_back({"Kiểm tra", 30});
    lxw_col_t key_c = lxw_col_t(cols.size());
    cols.push_back({kKeyLabel, 14});
    cols.push_back({"Cờ (tonghop)", 6});
    lxw_col_t flag_c = key_c + 1;

    // Rows first (the flag range is needed by the header's count).
    struct Line { std::size_t index; bool group_row; std::string group; };
    std::vector<Line> lines;
    std::string group;
    bool first = true;
    for (auto i : unit_->indicators) {
      if (deleted(keys_.indicators[i])) continue;
      const auto& ind = plan_.indicators[i];
      if (first || ind.group != group) {
        first = false;
        group = ind.group;
        if (!group.empty()) lines.push_back({i, true, group});
      }
      lines.push_back({i, false, {}});
    }
    lxw_row_t header = 7, data = header + 1;
    lxw_row_t last = data + lxw_row_t(lines.size()) - 1;
    std::string flags = cell_ref(data, flag_c) + ":" + cell_ref(std::max(last, data), flag_c);
    header_block(ws, lxw_col_t(key_c), "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU " + period_words(opt_.period, true),
                 check_c, flags);
    columns(ws, header, cols, key_c);
    lxw_row_t row = data;
    for (const auto& line : lines) {
      if (line.group_row) {
        check(worksheet_merge_range(ws, row, 0, row, check_c, line.group.c_str(), bold_), "a group row");
        engine_.set_text({sheet_, row, 0}, line.group);
        ++row;
        continue;
      }
      const auto& ind = plan_.indicators[line.index];
      const auto& yl = year_.indicators[line.index];
      const std::string& key = keys_.indicators[line.index];
      put(ws, row, 0, ind.code, center_);
      put(ws, row, 1, ind.parent.empty() || ind.name.rfind("+", 0) == 0 ? ind.name : "+ " + ind.name, body_);
      put(ws, row, 2, ind.unit_of_measure, center_);
      put(ws, row, 3, ind.target_final.raw, center_);
      put(ws, row, 4, ind.yearly_target.raw, center_);
      if (yl.plan_value) put(ws, row, 5, *yl.plan_value, number_);
      else put(ws, row, 5, "", body_);
      if (previous) {
        if (yl.previous) put(ws, row, 6, *yl.previous, number_);
        else put(ws, row, 6, "", body_);
      }
      auto kind = input_kind(ind);
      const FormEntry* e = entry(key);
      bool yes_no = kind == InputKind::YesNo || kind == InputKind::MaintainNo;
      if (e && e->number) put(ws, row, actual_c, *e->number, input_number_);
      else put(ws, row, actual_c, e ? e->text : "", yes_no ? input_ : input_number_);
      put(ws, row, note_c, e ? e->note : "", input_);
      put(ws, row, key_c, key, plain_);
      std::string a = cell_ref(row, actual_c), n = cell_ref(row, note_c), k = cell_ref(row, check_c);
      std::string target_text = ind.judged_target().raw.empty() ? "" : " Mục tiêu: " + ind.judged_target().raw + ".";
      std::string formula;
      if (yes_no) {
        const auto& l = lists()[kind == InputKind::YesNo ? 1 : 2];
        std::string yes = quoted(l.values[0]), no = quoted(l.values[1]);
        formula = "IF(" + a + "&\"\"=\"\"," + quoted(msg::kNoChoice) + ",IF(" + a + "=" + no + ",IF(" + n + "&\"\"=\"\"," +
                  quoted(msg::kNeedNote) + "," + quoted(msg::kNoted) + "),IF(" + a + "=" + yes + ",\"\"," +
                  quoted(msg::kNotInList) + ")))";
        list_input(ws, row, actual_c, l.name, "Chọn kết quả",
                   "Chọn \"" + l.values[0] + "\" hoặc \"" + l.values[1] + "\" trong danh sách." + target_text +
                       " Nếu chưa đạt, ghi lý do vào cột Ghi chú.");
      } else {
        std::string range_test, range_message;
        std::optional<double> low, high;
        if (kind == InputKind::Rate) {
          range_test = "IF(" + a + ">100," + quoted(msg::kOver100) + ",IF(" + a + "<0," + quoted(msg::kNegative) + ",";
          low = 0, high = 100;
          range_message = "Nhập tỷ lệ phần trăm từ 0 đến 100, ví dụ 97,8 (không nhập dấu %).";
        } else if (kind == InputKind::NonNegative) {
          range_test = "IF(" + a + "<0," + quoted(msg::kNegative) + ",";
          low = 0;
          range_message = "Nhập một số không âm" + (ind.unit_of_measure.empty() ? std::string() : ", đơn vị tính: " + ind.unit_of_measure) + ".";
        } else {
          range_message = "Nhập một con số (đơn vị tính: " + ind.unit_of_measure + "), có thể âm.";
        }
        std::string closing = kind == InputKind::Rate ? "))" : kind == InputKind::NonNegative ? ")" : "";
        std::string not_met = not_met_condition(ind, a);
        std::string target_test = not_met.empty() ? "\"\""
                                                  : "IF(" + not_met + ",IF(" + n + "&\"\"=\"\"," + quoted(msg::kNeedNote) +
                                                        "," + quoted(msg::kNoted) + "),\"\")";
        formula = "IF(" + a + "&\"\"=\"\"," + quoted(msg::kMissing) + ",IF(SUM(" + a + ")<>" + a + "," +
                  quoted(msg::kNotNumber) + "," + range_test + target_test + closing + "))";
        number_input(ws, row, actual_c, low, high, "Số liệu thực hiện",
                     range_message + target_text + " Nếu chưa đạt, ghi lý do vào cột Ghi chú.");
      }
      text_input(ws, row, note_c, "Ghi chú",
                 "Ghi lý do khi chưa đạt mục tiêu, nguồn số liệu hoặc giải thích thêm (không quá 2000 ký tự).");
      put_formula(ws, row, check_c, formula, check_);
      put_formula(ws, row, flag_c, flag_formula(k), plain_);
      ++row;
    }
    colour_rules(ws, data, last, actual_c, actual_c, check_c, {msg::kMissing, msg::kNoChoice},
                 {msg::kNotNumber, msg::kNotInList, msg::kOver100, msg::kNegative}, note_c);
    protect(ws);
  }

  void tasks() {
    auto* ws = add_sheet("Nhiệm vụ");
    std::vector<Column> cols = {{"STT", 6},           {"Nhiệm vụ", 44},         {"Cơ quan phối hợp", 20},
                                {"Thời gian thực hiện", 13}, {"Kết quả dự kiến", 20}, {"Tiến độ", 16},
                                {"Kết quả thực hiện", 30},  {"Khối lượng hoàn thành (%)", 11}, {"Ghi chú", 24},
                                {"Kiểm tra", 26},          {kKeyLabel, 14},          {"Cờ (tonghop)", 6}};
    const lxw_col_t status_c = 5, result_c = 6, progress_c = 7, note_c = 8, check_c = 9, key_c = 10, flag_c = 11;
    struct Line { std::size_t index; bool section_row; std::string section; };
    std::vector<Line> lines;
    std::string section;
    bool first = true;
    for (auto i : unit_->tasks) {
      if (deleted(keys_.tasks[i])) continue;
      const auto& t = plan_.tasks[i];
      if (first || t.section != section) {
        first = false;
        section = t.section;
        if (!section.empty()) lines.push_back({i, true, section});
      }
      lines.push_back({i, false, {}});
    }
    lxw_row_t header = 7, data = header + 1;
    lxw_row_t last = data + lxw_row_t(lines.size()) - 1;
    std::string flags = cell_ref(data, flag_c) + ":" + cell_ref(std::max(last, data), flag_c);
    header_block(ws, key_c, "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ " + period_words(opt_.period, true), check_c, flags);
    columns(ws, header, cols, key_c);
    const auto& statuses = lists()[0].values;
    lxw_row_t row = data;
    for (const auto& line : lines) {
      if (line.section_row) {
        check(worksheet_merge_range(ws, row, 0, row, check_c, line.section.c_str(), bold_), "a section row");
        engine_.set_text({sheet_, row, 0}, line.section);
        ++row;
        continue;
      }
      const auto& t = plan_.tasks[line.index];
      const std::string& key = keys_.tasks[line.index];
      std::string coordinating;
      for (const auto& c : t.coordinating) coordinating += (coordinating.empty() ? "" : "; ") + c;
      put(ws, row, 0, t.code, center_);
      put(ws, row, 1, t.name, body_);
      put(ws, row, 2, coordinating, body_);
      put(ws, row, 3, t.timeframe.raw, center_);
      put(ws, row, 4, t.output, body_);
      const FormEntry* e = entry(key);
      put(ws, row, status_c, e ? e->status : "", input_);
      put(ws, row, result_c, e ? e->result : "", input_);
      if (e && e->progress) put(ws, row, progress_c, *e->progress, input_number_);
      else put(ws, row, progress_c, "", input_number_);
      put(ws, row, note_c, e ? e->note : "", input_);
      put(ws, row, key_c, key, plain_);
      std::string s = cell_ref(row, status_c), p = cell_ref(row, progress_c), k = cell_ref(row, check_c);
      std::string in_list;
      for (const auto& v : statuses) in_list += (in_list.empty() ? "" : "+") + std::string("(") + s + "=" + quoted(v) + ")";
      std::string formula = "IF(" + s + "&\"\"=\"\"," + quoted(msg::kNoStatus) + ",IF(" + in_list + "=0," +
                            quoted(msg::kNotInList) + ",IF(" + p + "&\"\"=\"\",\"\",IF(SUM(" + p + ")<>" + p + "," +
                            quoted(msg::kNotNumber) + ",IF(" + p + ">100," + quoted(msg::kOver100) + ",IF(" + p +
                            "<0," + quoted(msg::kNegative) + ",\"\"))))))";
      list_input(ws, row, status_c, lists()[0].name, "Tiến độ",
                 "Chọn trong danh sách: Hoàn thành, Đang thực hiện, Chưa thực hiện hoặc Chậm tiến độ." +
                     (t.timeframe.raw.empty() ? std::string() : " Thời gian thực hiện: " + t.timeframe.raw + "."));
      text_input(ws, row, result_c, "Kết quả thực hiện",
                 "Ghi ngắn gọn kết quả, sản phẩm đã có (văn bản, số liệu, công trình).");
      number_input(ws, row, progress_c, 0.0, 100.0, "Khối lượng hoàn thành",
                   "Không bắt buộc: phần trăm khối lượng đã hoàn thành, từ 0 đến 100.");
      text_input(ws, row, note_c, "Ghi chú", "Ghi lý do khi chậm tiến độ hoặc chưa thực hiện, kiến nghị nếu có.");
      put_formula(ws, row, check_c, formula, check_);
      put_formula(ws, row, flag_c, flag_formula(k), plain_);
      ++row;
    }
    colour_rules(ws, data, last, status_c, status_c, check_c, {msg::kNoStatus}, {msg::kNotInList}, note_c);
    colour_rules(ws, data, last, progress_c, progress_c, check_c, {}, {msg::kNotNumber, msg::kOver100, msg::kNegative},
                 note_c);
    protect(ws);
  }

  void guide() {
    auto* ws = add_sheet("Hướng dẫn");
    worksheet_set_column(ws, 0, 0, 4, nullptr);
    worksheet_set_column(ws, 1, 1, 100, nullptr);
    std::string deadline = opt_.deadline.empty() ? "03/12/" + std::to_string(opt_.period.year) : opt_.deadline;
    std::string office = "Văn phòng HĐND và UBND " + plan_.commune;
    put(ws, 0, 1, "HƯỚNG DẪN NHẬP BIỂU MẪU BÁO CÁO " + period_words(opt_.period, true), title_);
    std::vector<std::string> lines = {
        "Biểu mẫu này dành riêng cho " + opt_.unit + ", kỳ báo cáo " + period_words(opt_.period, false) +
            ", theo kế hoạch " + plan_.period + " của " + plan_.commune + ".",
        "1. Trang \"Chỉ tiêu\": nhập số liệu thực hiện vào cột Thực hiện; các chỉ tiêu Đạt/Duy trì thì chọn trong "
        "danh sách. Nếu chưa đạt mục tiêu, ghi lý do vào cột Ghi chú.",
        "2. Trang \"Nhiệm vụ\": chọn Tiến độ trong danh sách, ghi Kết quả thực hiện; cột Khối lượng hoàn thành (%) "
        "không bắt buộc.",
        "3. Chỉ nhập vào các ô trắng. Các ô khác được khóa để giữ cấu trúc biểu; không xóa hay chèn dòng, không đổi "
        "tên trang tính.",
        "4. Cột \"Kiểm tra\" tự báo lỗi của từng dòng; ô đếm ở đầu trang chuyển sang màu xanh khi không còn gì phải "
        "sửa. Dán dữ liệu từ nơi khác sẽ bỏ qua danh sách chọn, nên hãy xem lại cột Kiểm tra trước khi gửi.",
        "5. Hạn gửi: " + deadline + ". Gửi tệp này (giữ nguyên định dạng .xlsx) cho " + office + ".",
        "Ý nghĩa màu sắc:",
    };
    lxw_row_t row = 2;
    for (const auto& l : lines) {
      put(ws, row, 1, l, plain_);
      worksheet_set_row(ws, row, l.size() > 110 ? 36 : 18, nullptr);
      ++row;
    }
    std::pair<lxw_format*, std::string> legend[] = {
        {fill_empty_, "Vàng: ô bắt buộc chưa nhập."},
        {fill_wrong_, "Đỏ: giá trị sai (không phải số, vượt quá 100%, nhỏ hơn 0, không có trong danh sách)."},
        {fill_note_, "Cam: chưa đạt mục tiêu, cần ghi lý do vào cột Ghi chú."},
        {fill_ok_, "Xanh: ô đếm ở đầu trang bằng 0, biểu đã đủ và đúng."},
    };
    for (const auto& [f, text] : legend) {
      worksheet_write_blank(ws, row, 0, f);
      put(ws, row, 1, text, plain_);
      ++row;
    }
    protect(ws);
  }

  // The hidden sheet: the dropdown lists by name, and every item key the form was made
  // with (tonghop check counts the plan's changes against it).
  void list_sheet() {
    auto* ws = add_sheet(kListsSheet);
    lxw_col_t c = 0;
    for (const auto& l : lists()) {
      put(ws, 0, c, l.name, plain_);
      for (std::size_t i = 0; i < l.values.size(); ++i) put(ws, lxw_row_t(i + 1), c, l.values[i], plain_);
      std::string col = column_letters(c);
      std::string ref = std::string("=") + kListsSheet + "!$" + col + "$2:$" + col + "$" + std::to_string(l.values.size() + 1);
      check(workbook_define_name(wb_, l.name, ref.c_str()), "a defined name");
      ++c;
    }
    ++c;
    put(ws, 0, c, kKeyLabel, plain_);
    lxw_row_t r = 1;
    for (auto i : unit_->indicators) put(ws, r++, c, keys_.indicators[i], plain_);
    for (auto i : unit_->tasks) put(ws, r++, c, keys_.tasks[i], plain_);
    // The identity again as cells: tools that drop custom properties on saving keep them.
    c += 2;
    r = 0;
    for (const auto& [name, value] : identity_) {
      put(ws, r, c, name, plain_);
      put(ws, r++, c + 1, value, plain_);
    }
    worksheet_hide(ws);
    protect(ws);
  }

  void formulas() {
    engine_.calculate();
    for (const auto& p : pending_) {
      auto v = engine_.result({p.sheet, p.row, p.col});
      // The form would show a wrong value: none is written.
      if (v.kind == FormulaResult::Kind::NotEvaluated)
        throw WriteError("the formula engine cannot compute =" + p.formula + ": " + v.reason.in(Lang::En));
      std::string f = "=" + p.formula;
      lxw_error e = v.kind == FormulaResult::Kind::Text
                        ? worksheet_write_formula_str(p.ws, p.row, p.col, f.c_str(), p.format, v.text.c_str())
                        : worksheet_write_formula_num(p.ws, p.row, p.col, f.c_str(), p.format, v.number);
      check(e, "a formula");
    }
  }

  const Plan& plan_;
  const Layout& l_;
  const FormOptions& opt_;
  const FormFill* fill_;
  ItemKeys keys_;
  std::vector<std::pair<std::string, std::string>> identity_;  // custom property name, value
  const ReportingUnit* unit_ = nullptr;
  YearReport year_;
  lxw_workbook* wb_ = nullptr;
  lxw_format *body_ = nullptr, *center_ = nullptr, *number_ = nullptr, *bold_ = nullptr, *header_ = nullptr,
             *title_ = nullptr, *block_ = nullptr, *block_plain_ = nullptr, *input_ = nullptr,
             *input_number_ = nullptr, *check_ = nullptr, *count_label_ = nullptr, *count_ = nullptr,
             *plain_ = nullptr, *fill_empty_ = nullptr, *fill_wrong_ = nullptr, *fill_note_ = nullptr,
             *fill_ok_ = nullptr;
  FormulaEngine engine_;
  std::uint32_t sheet_ = 0;  // the engine's index of the sheet being written
  struct Pending {
    lxw_worksheet* ws;
    std::uint32_t sheet;
    lxw_row_t row;
    lxw_col_t col;
    std::string formula;
    lxw_format* format;
  };
  std::vector<Pending> pending_;
};

}  // namespace

std::string form_file_name(const std::string& unit, const Period& period) {
  std::string slug;
  for (char c : fold_key(unit)) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) slug += c;
    else if (!slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) slug = "don-vi";
  std::string y = std::to_string(period.year);
  std::string when;
  switch (period.kind) {
    case PeriodKind::Year: when = "nam-" + y; break;
    case PeriodKind::H1: when = "6-thang-" + y; break;
    case PeriodKind::M9: when = "9-thang-" + y; break;
    default: when = "quy-" + std::to_string(int(period.kind) - int(PeriodKind::Q1) + 1) + "-" + y;
  }
  return "bieu-mau-" + slug + "-" + when + ".xlsx";
}

void write_form(const std::string& out, const Plan& plan, const Layout& layout, const FormOptions& opt,
                const FormFill* fill) {
  FormWriter w(plan, layout, opt, fill);
  write_atomically(out, [&](const std::string& tmp) { w.write(tmp); });
}

}  // namespace tonghop
