// The draft annex workbook of `tonghop plan extract`: sheets "Chỉ tiêu" and "Nhiệm vụ" in
// the annex layout `tonghop plan` reads back, each row with its source and confidence,
// and "Cần xem lại" for what could not be structured. Written aside and renamed.
#pragma once

#include <string>

#include "plan/extract.hpp"

namespace tonghop {

void write_draft_annex(const std::string& out, const DraftAnnex& draft);

}  // namespace tonghop
