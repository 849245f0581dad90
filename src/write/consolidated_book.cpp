// What the consolidated workbook's sheets share: styles, placeholders, header block.
#include "write/consolidated_sheets.hpp"

#include "core/text.hpp"

namespace tonghop {

ConsolidatedBook::ConsolidatedBook(xlsx::Book& bk, const Plan& p, const YearReport& y, const Layout& l,
                                   const WriteOptions& opt)
    : book(bk), plan(p), year(y), layout(l) {
  auto place = opt.place;
  if (place.empty()) {
    auto space = plan.commune.find(' ');
    place = space == std::string::npos ? plan.commune : plan.commune.substr(space + 1);
  }
  values = {{"commune", plan.commune}, {"COMMUNE", upper(plan.commune)}, {"year", std::to_string(year.period.year)},
            {"previous_year", std::to_string(year.period.year - 1)},
            {"period", plan.period}, {"place", place},
            {"day", opt.day}, {"month", opt.month}, {"date_year", opt.date_year}};
  const xlsx::Style cell{.font = l.font, .size = l.font_size, .wrap = true, .border = true};
  auto with = [&](auto change) {
    xlsx::Style s = cell;
    change(s);
    return book.style(s);
  };
  body = book.style(cell);
  number = with([](auto& s) { s.number_format = "#,##0.0##"; });
  bold = with([](auto& s) { s.bold = true; });
  header = with([](auto& s) { s.bold = true, s.align = xlsx::Align::Center, s.fill = 0xD9E1F2; });
  title = with([&](auto& s) { s.bold = true, s.border = false, s.align = xlsx::Align::Center, s.size = l.font_size + 2; });
  block = with([](auto& s) { s.bold = true, s.border = false, s.align = xlsx::Align::Center; });
  block_plain = with([](auto& s) { s.italic = true, s.border = false, s.align = xlsx::Align::Center; });
  plain = with([](auto& s) { s.wrap = false, s.border = false; });
}

lxw_format* ConsolidatedBook::number_format(const LayoutColumn& col) {
  if (col.number_format.empty()) return number;
  xlsx::Style s{.font = layout.font, .size = layout.font_size, .wrap = true, .border = true};
  s.number_format = col.number_format;
  return book.style(s);
}

lxw_row_t ConsolidatedBook::header_block(xlsx::Sheet& ws, const LayoutTable& t, lxw_col_t width) {
  lxw_col_t last = std::max<lxw_col_t>(width, 4) - 1;
  lxw_col_t left_end = std::min<lxw_col_t>(1, last);
  // The quốc hiệu needs about 40 characters of width: four columns when the sheet has them.
  lxw_col_t right_start = std::max<lxw_col_t>(left_end + 1, last > 5 ? last - 3 : last > 3 ? last - 2 : last);
  auto merge = [&](lxw_row_t r, lxw_col_t c0, lxw_col_t c1, const std::string& text, lxw_format* f) {
    if (text.empty()) return;
    if (c1 > c0) ws.merge(r, c0, r, c1, text, f);
    else ws.text(r, c0, text, f);
  };
  // Row by row: in constant-memory mode a row once left cannot be written again.
  merge(0, 0, left_end, fill(layout.issuing_body), block);
  merge(0, right_start, last, fill(layout.motto), block);
  merge(1, 0, left_end, fill(layout.office), block);
  merge(1, right_start, last, fill(layout.motto_line2), block);
  merge(2, right_start, last, fill(layout.place_date), block_plain);
  merge(4, 0, last, fill(t.title), title);
  return 6;
}

void ConsolidatedBook::page_setup(xlsx::Sheet& ws, lxw_row_t header_row) {
  ws.page(layout.page.landscape, layout.page.paper, layout.page.fit_width, layout.page.footer);
  ws.repeat_rows(header_row, header_row);
  ws.freeze(header_row + 1, 0);
}

ContinuedTable::ContinuedTable(ConsolidatedBook& b, std::string name, lxw_col_t columns,
                               std::function<lxw_row_t(xlsx::Sheet&)> head)
    : b_(b), name_(std::move(name)), columns_(columns), head_(std::move(head)) {}

void ContinuedTable::open() {
  close_sheet();
  // The first sheet has the layout's name exactly; the next ones "name (2)", "name (3)".
  ws_ = names_.empty() ? &b_.book.add_sheet(name_) : &b_.book.add_sheet_like(name_);
  names_.push_back(ws_->name());
  row_ = head_(*ws_);
  header_ = row_ - 1;
  if (row_ >= b_.layout.rows_per_sheet) throw WriteError("rows_per_sheet leaves no room for rows under the headers");
}

std::pair<xlsx::Sheet*, lxw_row_t> ContinuedTable::next() {
  if (!ws_ || row_ >= b_.layout.rows_per_sheet) open();
  ++rows_;
  return {ws_, row_++};
}

void ContinuedTable::close_sheet() {
  if (ws_) ws_->autofilter(header_, 0, std::max<lxw_row_t>(row_ - 1, header_), columns_ - 1);
}

std::vector<std::string> ContinuedTable::finish() {
  if (!ws_) open();  // an empty table still has its sheet and headers
  close_sheet();
  ws_ = nullptr;
  return names_;
}

void TableWriter::text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
  ws_->text(r, c, s, f ? f : book_.body);
  if (c < table_.columns.size()) lines_ = std::max(lines_, xlsx::wrapped_lines(s, table_.columns[c].width));
}

void TableWriter::fit_row(lxw_row_t r) {
  if (lines_ > 1) ws_->row(r, xlsx::row_height(lines_, book_.layout.font_size));
  lines_ = 0;
}

TableWriter TableWriter::open(ConsolidatedBook& b, const LayoutTable& t) {
  auto& ws = b.book.add_sheet(t.sheet);
  TableWriter w(b, ws, t);
  w.first_row_ = w.header(b.header_block(ws, t, lxw_col_t(t.columns.size())));
  return w;
}

lxw_row_t TableWriter::header(lxw_row_t row) {
  for (lxw_col_t c = 0; c < table_.columns.size(); ++c) {
    ws_->column(c, c, table_.columns[c].width);
    text(row, c, book_.fill(table_.columns[c].label), book_.header);
  }
  fit_row(row);
  book_.page_setup(*ws_, row);
  return row + 1;
}

std::string join(const std::vector<std::string>& parts) {
  std::string all;
  for (const auto& p : parts) all += (all.empty() ? "" : "; ") + p;
  return all;
}

}  // namespace tonghop
