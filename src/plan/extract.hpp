// Drafting the annex of a plan written as prose (`tonghop plan extract`): numbered indicator
// sentences under a heading such as "CÁC CHỈ TIÊU CHỦ YẾU" become indicator rows (name,
// target expression, unit of measure, horizon); task tables whose agency cell is a sentence
// ("Phòng Kinh tế chủ trì tham mưu, phối hợp với ...") become task rows with the lead and
// coordinating agencies split out. Every row keeps its source and a confidence; what could
// not be structured goes to the review list, never dropped. Staff review the draft, then
// use it as the plan.
//
//   auto doc = load_docx_document("ke-hoach.docx");   // or document_from_text(txt)
//   DraftAnnex draft = draft_annex(doc);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "read/docx_reader.hpp"

namespace tonghop {

struct DraftIndicator {
  std::string code;        // "1" for "(1)" or "1."
  std::string group;       // "1. Các chỉ tiêu kinh tế"
  std::string name;        // the sentence before its target
  std::string target;      // "tăng bình quân 5% so với thành phố giao"
  std::string unit;        // "%", "%/năm", "doanh nghiệp/1000 dân", "danh hiệu"
  std::string horizon;     // "hằng năm", "đến năm 2030", "giai đoạn 2026-2030", ""
  std::string sub_targets; // what follows "trong đó:"
  std::string responsible; // the programme's lead ("Phòng Kinh tế"), "" when the plan names none
  bool yearly = false;     // a rate or count per year ("%/năm", "mỗi năm") under a deadline horizon
  std::string source;      // the whole sentence
  std::string where;       // "đoạn 45" / "dòng 120"
  double confidence = 0;
};

struct DraftTask {
  std::string code, section, name, lead, coordinating, timeframe, leader;
  std::string source, where;
  double confidence = 0;
};

struct DraftReview {
  std::string where, text;
  std::string reason_vi, reason_en;
};

struct DraftAnnex {
  std::vector<std::string> masthead;  // the issuing body's lines
  std::vector<DraftIndicator> indicators;
  std::vector<DraftTask> tasks;
  std::vector<DraftReview> review;
};

// Text extracted from Word or a PDF (lines wrapped, blank lines between them) as
// paragraphs: a line continues the paragraph above unless that one ended a sentence or
// the line starts a list item ("(3)", "2.", "a)", "- ", "IV.").
DocxDocument document_from_text(std::string_view text);

DraftAnnex draft_annex(const DocxDocument& doc);

// One indicator sentence (without its list label) read into target, unit and horizon;
// confidence 0 when it holds no target.
DraftIndicator read_indicator_sentence(const std::string& sentence);

// "Phòng Kinh tế chủ trì tham mưu, phối hợp với các phòng, ban liên quan." -> lead
// "Phòng Kinh tế", coordinating "các phòng, ban liên quan". false when the sentence has no
// "chủ trì".
bool split_agencies(const std::string& cell, std::string& lead, std::string& coordinating);

}  // namespace tonghop
