#include "core/issue.hpp"

#include "core/cell.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace tonghop {
namespace {

struct Template {
  IssueCode code;
  std::string_view name;
  Severity severity;
  IssueLevel level;
  std::string_view message_vi, message_en;
  std::string_view hint_vi, hint_en;
};

// One template per code. Placeholders {name} are filled from Issue::params.
constexpr Template kTemplates[] = {
    {IssueCode::UnreadableFile, "unreadable-file", Severity::Error, IssueLevel::File,
     "Không đọc được tệp: {reason}.", "The file cannot be read: {reason}.",
     "Mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại; nếu không mở "
     "được thì xin đơn vị gửi lại tệp.",
     "Open the file in Excel or LibreOffice, save it as .xlsx and send it again; if it does "
     "not open, ask the unit to send the file again."},
    {IssueCode::UnsupportedFormat, "unsupported-format", Severity::Error, IssueLevel::File,
     "Tệp ở định dạng {format}, tonghop chưa đọc được định dạng này.",
     "The file is in the {format} format, which tonghop does not read.",
     "Mở tệp bằng Excel hoặc LibreOffice và lưu lại dưới dạng Sổ làm việc Excel (.xlsx).{install}",
     "Open the file in Excel or LibreOffice and save it as an Excel Workbook (.xlsx).{install}"},
    {IssueCode::FileNotFound, "file-not-found", Severity::Error, IssueLevel::File,
     "Không tìm thấy tệp{role} \"{path}\".", "The{role} file \"{path}\" does not exist.",
     "Kiểm tra lại tên tệp và thư mục gõ trong lệnh (tên có dấu phải gõ đúng dấu); tệp có thể "
     "đã bị đổi tên hoặc chuyển sang thư mục khác.",
     "Check the file name and folder given on the command line (accents must be typed as in "
     "the name); the file may have been renamed or moved."},
    {IssueCode::ReaderFailed, "reader-failed", Severity::Error, IssueLevel::File,
     "Không đọc được tệp: trình đọc của tonghop gặp sự cố với tệp này ({what}); các tệp khác vẫn được "
     "kiểm tra.",
     "The file cannot be read: tonghop's reader failed on it ({what}); the other files are still checked.",
     "Mở tệp bằng Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại; và gửi tệp gốc cho người "
     "quản trị tonghop để sửa lỗi.",
     "Open the file in Excel or LibreOffice, save it as .xlsx and send it again; and send the original "
     "file to tonghop's administrator so the reader gets fixed."},
    {IssueCode::NotASpreadsheet, "not-a-spreadsheet", Severity::Error, IssueLevel::File,
     "Đây là {kind}, không phải bảng tính, nên không có số liệu để đọc.",
     "This is {kind}, not a spreadsheet, so there are no figures to read.",
     "Hãy gửi tệp Excel (.xlsx hoặc .xls) hay .ods của báo cáo thay cho tệp này.",
     "Send the report's Excel (.xlsx or .xls) or .ods file instead of this one."},
    {IssueCode::EncryptedFile, "encrypted-file", Severity::Error, IssueLevel::File,
     "Tệp {container} được đặt mật khẩu nên không đọc được.",
     "The {container} file is protected with a password and cannot be read.",
     "Mở tệp, gỡ mật khẩu (Excel: Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật "
     "khẩu, xóa mật khẩu) rồi lưu và gửi lại.",
     "Open the file, remove the password (Excel: File > Info > Protect Workbook > Encrypt "
     "with Password, clear it), save and send it again."},
    {IssueCode::LimitExceeded, "limit-exceeded", Severity::Error, IssueLevel::File,
     "Tệp vượt giới hạn an toàn: {what} (giới hạn {limit}).",
     "The file exceeds a safety limit: {what} (limit {limit}).",
     "Nếu tệp đúng là lớn như vậy, chạy lại với --limit {key}=GIÁ_TRỊ_LỚN_HƠN.",
     "If the file really is that large, run again with --limit {key}=LARGER_VALUE."},
    {IssueCode::ConvertedFile, "converted-file", Severity::Info, IssueLevel::File,
     "Tệp ở định dạng {format} đã được LibreOffice chuyển sang .xlsx để đọc.",
     "The file in the {format} format was converted to .xlsx by LibreOffice to be read.",
     "Ô và định dạng được đọc từ bản chuyển đổi; nếu có chỗ lạ, hãy lưu lại tệp dưới dạng .xlsx.",
     "Cells and formats are read from the converted copy; if anything looks odd, save the file "
     "as .xlsx."},
    {IssueCode::NoTableFound, "no-table-found", Severity::Error, IssueLevel::File,
     "Không tìm thấy bảng {what} nào trong tệp.", "No {what} table was found in the file.",
     "Bảng cần một hàng tiêu đề có các cột như STT, tên chỉ tiêu/nhiệm vụ, đơn vị tính, đơn vị "
     "tham mưu/cơ quan chủ trì. Xem tonghop inspect để biết tonghop đọc được gì.",
     "A table needs a header row with columns such as STT, the indicator/task name, unit of "
     "measure, responsible unit/lead agency. tonghop inspect shows what was read."},
    {IssueCode::DuplicateCode, "duplicate-code", Severity::Warning, IssueLevel::Row,
     "STT {code} đã có ở hàng {first}; cả hai dòng đều được giữ và phân biệt theo tên.",
     "Number {code} is already used on row {first}; both rows are kept and told apart by name.",
     "Sửa lại số thứ tự trong phụ lục nếu đây là lỗi đánh số.",
     "Renumber the annex if this is a numbering mistake."},
    {IssueCode::NumberingGap, "numbering-gap", Severity::Info, IssueLevel::Row,
     "Số thứ tự nhảy từ {previous} sang {code}: thiếu {missing}.",
     "The numbering jumps from {previous} to {code}: {missing} is missing.",
     "Kiểm tra xem phụ lục có thiếu dòng không.", "Check whether the annex lost a row."},
    {IssueCode::UnparsedTarget, "unparsed-target", Severity::Warning, IssueLevel::Cell,
     "Không hiểu được mục tiêu \"{raw}\"; giữ nguyên văn, không dùng để đánh giá đạt/không đạt.",
     "The target \"{raw}\" is not understood; it is kept as written and not used to judge met/not met.",
     "Viết mục tiêu theo dạng như \"Trên 97,5\", \"14 - 15\", \"75% trở lên\", \"Duy trì\".",
     "Write the target in a form such as \"Trên 97,5\", \"14 - 15\", \"75% trở lên\", \"Duy trì\"."},
    {IssueCode::MissingUnit, "missing-unit", Severity::Warning, IssueLevel::Row,
     "{what} \"{name}\" không có đơn vị chịu trách nhiệm.", "{what} \"{name}\" has no responsible unit.",
     "Ghi đơn vị tham mưu/cơ quan chủ trì vào phụ lục.", "Fill in the responsible unit or lead agency in the annex."},
    {IssueCode::UnknownAgency, "unknown-agency", Severity::Warning, IssueLevel::Cell,
     "\"{name}\" không phải đơn vị đã biết{closest}.", "\"{name}\" is not a known unit{closest}.",
     "Nếu đây là một đơn vị của xã/phường, thêm tên và cách viết vào templates/units.toml.",
     "If this is a unit of the commune, add its name and spellings to templates/units.toml."},
    {IssueCode::UnknownUnit, "unknown-unit", Severity::Error, IssueLevel::File,
     "Không xác định được đơn vị gửi tệp{found}.", "The unit that sent the file cannot be told{found}.",
     "Ghi tên đơn vị ở đầu báo cáo (ví dụ \"PHÒNG VĂN HÓA - XÃ HỘI\"), đặt tên tệp theo đơn vị, hoặc chạy với --unit TỆP=TÊN_ĐƠN_VỊ.",
     "Put the unit's name in the report's header block, name the file after the unit, or run with --unit FILE=UNIT_NAME."},
    {IssueCode::PeriodMismatch, "period-mismatch", Severity::Error, IssueLevel::File,
     "Báo cáo ghi kỳ {found}, nhưng đang tổng hợp kỳ {asked}; số liệu của tệp không được tính.",
     "The report is for {found}, but {asked} is being consolidated; its figures are not counted.",
     "Kiểm tra tệp có đúng kỳ báo cáo không, hoặc chạy với --year/--period đúng kỳ.",
     "Check that the file is for the right period, or run with the right --year/--period."},
    {IssueCode::MissingColumn, "missing-column", Severity::Error, IssueLevel::Header,
     "Bảng không có cột {what}.", "The table has no {what} column.",
     "Thêm cột \"Thực hiện\" (số liệu thực hiện) hoặc \"Tiến độ\" (với nhiệm vụ).",
     "Add a \"Thực hiện\" (actual) column, or \"Tiến độ\" (status) for tasks."},
    {IssueCode::UnknownItem, "unknown-item", Severity::Warning, IssueLevel::Row,
     "Dòng \"{name}\" không khớp với chỉ tiêu hay nhiệm vụ nào trong kế hoạch (độ giống cao nhất {score}).",
     "The row \"{name}\" matches no indicator or task of the plan (best similarity {score}).",
     "Ghi tên chỉ tiêu/nhiệm vụ như trong phụ lục của kế hoạch.", "Write the indicator/task name as the plan's annex does."},
    {IssueCode::AmbiguousMatch, "ambiguous-match", Severity::Warning, IssueLevel::Row,
     "Dòng \"{name}\" giống cả \"{first}\" và \"{second}\"; không tính dòng này.",
     "The row \"{name}\" is as close to \"{first}\" as to \"{second}\"; it is not counted.",
     "Ghi tên đầy đủ hoặc số thứ tự của kế hoạch để phân biệt.", "Write the full name or the plan's number to tell them apart."},
    {IssueCode::UnassignedItem, "unassigned-item", Severity::Warning, IssueLevel::Row,
     "\"{name}\" được giao cho {owner}, không phải {unit}.", "\"{name}\" is assigned to {owner}, not to {unit}.",
     "Số liệu vẫn được ghi nhận; kiểm tra lại phân công.", "The figure is kept; check the assignment."},
    {IssueCode::DuplicateRow, "duplicate-row", Severity::Warning, IssueLevel::Row,
     "\"{name}\" đã có ở hàng {first}; dòng này không được tính.", "\"{name}\" is already on row {first}; this row is not counted.",
     "Xóa dòng lặp.", "Remove the repeated row."},
    {IssueCode::MissingValue, "missing-value", Severity::Error, IssueLevel::Cell,
     "\"{name}\" chưa có số liệu thực hiện.", "\"{name}\" has no reported value.",
     "Điền số liệu thực hiện (hoặc tiến độ với nhiệm vụ) vào ô này.", "Fill in the actual value (or the status, for a task) in this cell."},
    {IssueCode::TypeError, "type-error", Severity::Error, IssueLevel::Cell,
     "\"{value}\" không phải {expected}.", "\"{value}\" is not {expected}.",
     "Ghi một con số (ví dụ 97,8) hoặc một trạng thái như \"Đạt\", \"Hoàn thành\".",
     "Write a number (e.g. 97,8) or a status such as \"Đạt\", \"Hoàn thành\"."},
    {IssueCode::UnitMismatch, "unit-mismatch", Severity::Warning, IssueLevel::Cell,
     "Đơn vị tính \"{written}\" khác với kế hoạch (\"{plan}\").", "The unit of measure \"{written}\" differs from the plan's (\"{plan}\").",
     "Dùng đơn vị tính của kế hoạch và quy đổi số liệu nếu cần.", "Use the plan's unit of measure and convert the figure if needed."},
    {IssueCode::OutOfRange, "out-of-range", Severity::Error, IssueLevel::Cell,
     "Giá trị {value} nằm ngoài khoảng hợp lệ {range}.", "The value {value} is outside the valid range {range}.",
     "Kiểm tra lại số liệu (tỷ lệ phải từ 0 đến 100, số lượng không âm).", "Check the figure (a rate is 0 to 100, a count is not negative)."},
    {IssueCode::PlanValueMismatch, "plan-value-mismatch", Severity::Warning, IssueLevel::Cell,
     "Số kế hoạch ghi trong báo cáo ({written}) khác mục tiêu năm của kế hoạch ({plan}).",
     "The plan figure in the report ({written}) differs from the plan's yearly target ({plan}).",
     "Ghi đúng mục tiêu năm theo phụ lục của kế hoạch.", "Write the yearly target as the plan's annex gives it."},
    {IssueCode::TargetNotMet, "target-not-met", Severity::Warning, IssueLevel::Cell,
     "\"{name}\": thực hiện {value}, chưa đạt mục tiêu {target}.", "\"{name}\": {value} reported, the target {target} is not met.",
     "Giải thích nguyên nhân trong cột ghi chú.", "Explain the reason in the note column."},
    {IssueCode::InconsistentRatio, "inconsistent-ratio", Severity::Warning, IssueLevel::Cell,
     "Tỷ lệ ghi {written} nhưng thực hiện/kế hoạch = {computed}.", "The ratio says {written} but actual/plan = {computed}.",
     "Tính lại tỷ lệ TH/KH (hoặc dùng công thức).", "Recompute the ratio actual/plan (or use a formula)."},
    {IssueCode::AmbiguousNumber, "ambiguous-number", Severity::Warning, IssueLevel::Cell,
     "\"{value}\" có thể là {a} hoặc {b}; đã hiểu là {a}.", "\"{value}\" may be {a} or {b}; read as {a}.",
     "Ghi số thập phân bằng dấu phẩy (97,8) và không dùng dấu chấm phân cách hàng nghìn trong tỷ lệ.",
     "Write decimals with a comma (97,8) and no thousands dot in rates."},
    {IssueCode::FormulaWithoutValue, "formula-without-value", Severity::Warning, IssueLevel::Sheet,
     "{count} ô có công thức mà tệp không lưu kết quả tin cậy và tonghop không tính được ({cells}): {reason}. "
     "Số liệu ở các ô này chưa đánh giá được.",
     "{count} formula cells have no trusted result in the file and tonghop cannot compute them ({cells}): {reason}. "
     "Their figures are not assessed.",
     "Mở tệp bằng Excel hoặc LibreOffice để bảng tính tự tính lại, lưu rồi gửi lại.",
     "Open the file in Excel or LibreOffice so that it recalculates, save it and send it again."},
    {IssueCode::MissingItem, "missing-item", Severity::Warning, IssueLevel::File,
     "{unit} chưa báo cáo {kind} \"{name}\".", "{unit} did not report the {kind} \"{name}\".",
     "Bổ sung dòng này vào báo cáo.", "Add this row to the report."},
    {IssueCode::MissingSubmission, "missing-submission", Severity::Error, IssueLevel::File,
     "{unit} chưa gửi báo cáo.", "{unit} has not sent a report.",
     "Nhắc đơn vị gửi báo cáo.", "Remind the unit to send its report."},
    {IssueCode::ConflictingValues, "conflicting-values", Severity::Warning, IssueLevel::Row,
     "\"{name}\": {unit} báo cáo {value}, {other} báo cáo {other_value}.", "\"{name}\": {unit} reports {value}, {other} reports {other_value}.",
     "Thống nhất số liệu giữa hai đơn vị.", "Agree the figure between the two units."},
    {IssueCode::LegacyEncoding, "legacy-encoding", Severity::Info, IssueLevel::Sheet,
     "{cells} ô gõ bằng bảng mã {encoding} (phông {font}) đã được chuyển sang Unicode, ví dụ \"{example}\".",
     "{cells} cells typed in {encoding} (fonts {font}) were converted to Unicode, e.g. \"{example}\".",
     "Nên chuyển tệp sang Unicode (ví dụ bằng Unikey) và dùng phông Times New Roman.",
     "Convert the file to Unicode (e.g. with Unikey) and use Times New Roman."},
    {IssueCode::LateSubmission, "late-submission", Severity::Warning, IssueLevel::File,
     "{unit} gửi báo cáo ngày {received}, sau hạn {deadline}.", "{unit} sent the report on {received}, after the deadline {deadline}.",
     "Ghi nhận việc nộp muộn trong báo cáo tổng hợp.", "Record the late submission in the consolidated report."},
    {IssueCode::DuplicateSubmission, "duplicate-submission", Severity::Warning, IssueLevel::File,
     "{unit} đã gửi tệp mới hơn ({newer}); số liệu của tệp này không được tính.",
     "{unit} sent a newer file ({newer}); this file's figures are not counted.",
     "Nếu tệp này mới là bản đúng, hãy bỏ tệp kia khỏi thư mục.", "If this file is the right one, remove the other from the folder."},
    {IssueCode::ReceiptFromFileTime, "receipt-from-file-time", Severity::Info, IssueLevel::File,
     "Không có ngày nhận; lấy theo thời gian sửa tệp ({received}).", "No receipt date given; the file's modification time is used ({received}).",
     "Ghi ngày nhận bằng --received TỆP=NGÀY hoặc tệp --receipts.", "Give receipt dates with --received FILE=DATE or a --receipts file."},
    {IssueCode::DuplicateLabel, "duplicate-label", Severity::Warning, IssueLevel::Header,
     "Có nhiều cột \"{label}\" mà tiêu đề không ghi năm {year}; dùng cột đầu tiên.",
     "Several \"{label}\" columns, none labelled with the year {year}; the first one is used.",
     "Ghi năm vào tiêu đề cột (ví dụ \"TH 2026\") hoặc xóa cột thừa.",
     "Put the year in the column labels (e.g. \"TH 2026\") or remove the extra column."},
    {IssueCode::FormulaComputed, "formula-computed", Severity::Info, IssueLevel::Sheet,
     "{count} ô có công thức mà tệp không lưu kết quả tin cậy ({cells}); tonghop đã tự tính từ các ô của tệp.",
     "{count} formula cells have no trusted result in the file ({cells}); tonghop computed them from the file's cells.",
     "Không cần làm gì; muốn tệp tự lưu kết quả thì mở bằng Excel hoặc LibreOffice rồi lưu lại.",
     "Nothing to do; to have the file keep its results, open it in Excel or LibreOffice and save it."},
    {IssueCode::InvalidDate, "invalid-date", Severity::Error, IssueLevel::Cell,
     "Ngày \"{value}\" trong {source} {problem}; {effect}.", "The date \"{value}\" in {source} {problem}; {effect}.",
     "Ghi ngày theo dạng ngày/tháng/năm, ví dụ 04/12/2026 hoặc \"ngày 4 tháng 12 năm 2026\".",
     "Write the date day first, e.g. 04/12/2026 or \"ngày 4 tháng 12 năm 2026\"."},
    {IssueCode::FormUnitMismatch, "form-unit-mismatch", Severity::Error, IssueLevel::File,
     "Biểu mẫu này được lập cho {form_unit}, nhưng {source} ghi là của {unit}.",
     "This form was made for {form_unit}, but {source} says it comes from {unit}.",
     "Gửi lại đúng biểu mẫu của đơn vị (tonghop template --unit), hoặc sửa tên tệp/--unit nếu nhầm.",
     "Send the unit's own form (tonghop template --unit), or fix the file name/--unit if they are wrong."},
    {IssueCode::FormPlanChanged, "form-plan-changed", Severity::Warning, IssueLevel::File,
     "Kế hoạch đã thay đổi từ khi lập biểu mẫu này: thêm {added} mục, bỏ {removed} mục{more}.",
     "The plan changed since this form was made: {added} items added, {removed} removed{more}.",
     "Gửi cho đơn vị biểu mẫu mới (tonghop template) để báo cáo đủ các mục của kế hoạch hiện hành.",
     "Send the unit a new form (tonghop template) so it reports every item of the current plan."},
    {IssueCode::CodeAsDate, "code-as-date", Severity::Warning, IssueLevel::Cell,
     "Ô STT chứa ngày {written} (Excel đã đổi số thứ tự thành ngày); đã đọc lại là STT {code}.",
     "The STT cell holds the date {written} (Excel turned the number into a date); read back as {code}.",
     "Định dạng cột STT là Văn bản (Text) rồi gõ lại số thứ tự, hoặc gõ dấu nháy đơn trước số ('14.1).",
     "Format the STT column as Text and type the number again, or put an apostrophe before it ('14.1)."},
    {IssueCode::MissingName, "missing-name", Severity::Error, IssueLevel::Cell,
     "Dòng STT {code} không có tên chỉ tiêu hay nhiệm vụ; dòng này không được dùng.",
     "Row {code} has no indicator or task name; the row is not used.",
     "Ghi tên vào ô này, hoặc xóa dòng nếu số thứ tự bị thừa (ví dụ số trang lẫn vào bảng).",
     "Write the name in this cell, or delete the row if the number does not belong (e.g. a page number pasted into the table)."},
    {IssueCode::UnparsedTimeframe, "unparsed-timeframe", Severity::Warning, IssueLevel::Cell,
     "Không hiểu được thời gian \"{raw}\"; giữ nguyên văn, không dùng để xét tiến độ.",
     "The timeframe \"{raw}\" is not understood; it is kept as written and not used to judge progress.",
     "Ghi thời gian như \"2026 - 2030\", \"Quý II/2026\" hoặc \"Hằng năm\" và xóa ký tự lạ.",
     "Write the timeframe as \"2026 - 2030\", \"Quý II/2026\" or \"Hằng năm\" and remove stray characters."},
    {IssueCode::HiddenContent, "hidden-content", Severity::Info, IssueLevel::Sheet,
     "Nội dung bị ẩn không được đọc làm số liệu: {where}.",
     "Hidden content is not read as data: {where}.",
     "Nếu phần bị ẩn là số liệu của kỳ này, hãy bỏ ẩn rồi gửi lại; nếu là số liệu cũ thì không cần làm gì.",
     "If the hidden part holds this period's figures, unhide it and send the file again; if it is old data, nothing to do."},
    {IssueCode::UnknownStatus, "unknown-status", Severity::Warning, IssueLevel::Cell,
     "Không hiểu trạng thái \"{value}\"; nhiệm vụ chưa được tính vào hoàn thành hay đang thực hiện.",
     "The status \"{value}\" is not understood; the task is not counted as done or in progress.",
     "Ghi trạng thái như \"Hoàn thành\", \"Đang thực hiện, ước đạt 60%\" hoặc \"Chưa thực hiện do ...\".",
     "Write a status such as \"Hoàn thành\", \"Đang thực hiện, ước đạt 60%\" or \"Chưa thực hiện do ...\"."},
    {IssueCode::ProbableFraction, "probable-fraction", Severity::Warning, IssueLevel::Cell,
     "\"{value}\" có lẽ là tỷ lệ ghi dạng số thập phân ({percent}%); chưa đánh giá đạt/không đạt.",
     "\"{value}\" is probably a rate written as a fraction ({percent}%); met/not met is not judged.",
     "Ghi tỷ lệ dạng phần trăm (ví dụ 97,8) hoặc định dạng ô là phần trăm (%).",
     "Write the rate as a percentage (e.g. 97,8) or format the cell as a percentage (%)."},
    {IssueCode::SkippedSheet, "skipped-sheet", Severity::Info, IssueLevel::File,
     "Các trang tính của kỳ khác được bỏ qua: {sheets}; chỉ trang của {period} được kiểm tra.",
     "Sheets of other periods are skipped: {sheets}; only the sheet of {period} is checked.",
     "Không cần làm gì nếu đúng như vậy.", "Nothing to do if that is right."},
    {IssueCode::SkippedRows, "skipped-rows", Severity::Info, IssueLevel::Row,
     "{count} dòng từ \"{first}\" không phải chỉ tiêu hay nhiệm vụ (tiêu đề nhóm, dòng tổng, lời văn, chữ ký); bỏ qua.",
     "{count} row(s) from \"{first}\" are no indicator or task (group heading, total, prose, signature); skipped.",
     "Không cần sửa; nếu đây là một chỉ tiêu/nhiệm vụ, ghi tên như trong kế hoạch và điền số liệu.",
     "Nothing to fix; if this is an indicator or task, write its name as the plan does and fill in its value."},
    {IssueCode::DocumentWithoutTable, "document-without-table", Severity::Error, IssueLevel::File,
     "Văn bản Word có {paragraphs} đoạn văn nhưng không có bảng nào{where}, nên không có phụ lục chỉ tiêu hay "
     "nhiệm vụ để đọc.",
     "The Word document has {paragraphs} paragraph(s) but no table{where}, so there is no indicator or task "
     "annex to read.",
     "Nếu phụ lục là tệp riêng (Excel hay Word có bảng), dùng tệp đó; nếu kế hoạch viết chỉ tiêu thành câu văn, "
     "chạy tonghop plan extract TỆP -o PHU-LUC.xlsx để soạn bảng phụ lục, rà soát rồi dùng bảng đó làm kế hoạch.",
     "If the annex is a separate file (Excel, or Word with tables), use that file; if the plan states its "
     "indicators as sentences, run tonghop plan extract FILE -o ANNEX.xlsx to draft the annex, review it and "
     "use it as the plan."},
};

constexpr std::size_t kCodes = std::size_t(IssueCode::EndOfCodes);

// Splits a template at its placeholders: "{name}" where the name holds no '{'; any other
// '{' is a literal. (The same reading as filling the template byte by byte: a name with a
// '{' cannot be a parameter's.)
std::vector<TemplatePart> split_template(std::string_view tmpl) {
  std::vector<TemplatePart> parts;
  std::size_t run = 0, i = 0;
  auto literal = [&](std::size_t end) {
    if (end > run) parts.push_back({tmpl.substr(run, end - run), false});
  };
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string_view::npos && tmpl.substr(i + 1, close - i - 1).find('{') == std::string_view::npos) {
        literal(i);
        parts.push_back({tmpl.substr(i, close + 1 - i), true});
        run = i = close + 1;
        continue;
      }
    }
    ++i;
  }
  literal(tmpl.size());
  return parts;
}

// Each code's template and its texts split into parts, by code: made once, on first use.
struct TemplateIndex {
  const Template* by_code[kCodes] = {};
  // [code][message vi, message en, hint vi, hint en]
  std::vector<TemplatePart> parts[kCodes][4];

  TemplateIndex() {
    for (const auto& t : kTemplates) {
      auto c = std::size_t(t.code);
      if (c >= kCodes || by_code[c]) continue;  // the first template of a code wins
      by_code[c] = &t;
      parts[c][0] = split_template(t.message_vi);
      parts[c][1] = split_template(t.message_en);
      parts[c][2] = split_template(t.hint_vi);
      parts[c][3] = split_template(t.hint_en);
    }
    // A code without a template reads as the first one (as a search of the list did).
    for (std::size_t c = 0; c < kCodes; ++c)
      if (!by_code[c]) {
        auto first = std::size_t(kTemplates[0].code);
        by_code[c] = by_code[first];
        for (int k = 0; k < 4; ++k) parts[c][k] = parts[first][k];
      }
  }
};

const TemplateIndex& template_index() {
  static const TemplateIndex index;
  return index;
}

const Template& find_template(IssueCode code) {
  auto c = std::size_t(code);
  return c < kCodes ? *template_index().by_code[c] : kTemplates[0];
}

}  // namespace

std::string_view to_string(IssueCode c) { return find_template(c).name; }

std::optional<IssueCode> issue_code_from_string(std::string_view s) {
  for (const auto& t : kTemplates)
    if (t.name == s) return t.code;
  return std::nullopt;
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "error";
}

IssueLevel Issue::level() const { return find_template(code).level; }

std::span<const TemplatePart> template_parts(IssueCode code, TemplateText which, Lang lang) {
  auto c = std::size_t(code);
  if (c >= kCodes) c = std::size_t(kTemplates[0].code);
  return template_index().parts[c][(which == TemplateText::Hint ? 2 : 0) + (lang == Lang::En ? 1 : 0)];
}

namespace {
std::string render(const Issue& issue, TemplateText which, Lang lang) {
  std::string out;
  out.reserve(160);
  issue.pieces(which, lang, [&](std::string_view s) { out += s; });
  return out;
}
}  // namespace

std::string Issue::message(Lang lang) const { return render(*this, TemplateText::Message, lang); }

std::string Issue::hint(Lang lang) const { return render(*this, TemplateText::Hint, lang); }

std::string Issue::cell() const {
  if (!where.row || !where.col) return {};
  return cell_ref(*where.row, *where.col);
}

IssueParams::IssueParams(std::initializer_list<value_type> list) : items_(list) {
  std::stable_sort(items_.begin(), items_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  items_.erase(std::unique(items_.begin(), items_.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
               items_.end());
}

IssueParams::iterator IssueParams::find(std::string_view name) {
  auto it = std::lower_bound(items_.begin(), items_.end(), name, [](const auto& p, std::string_view n) { return p.first < n; });
  return it != items_.end() && it->first == name ? it : items_.end();
}

IssueParams::const_iterator IssueParams::find(std::string_view name) const {
  return const_cast<IssueParams*>(this)->find(name);
}

const Text& IssueParams::at(std::string_view name) const {
  auto it = find(name);
  if (it == end()) throw std::out_of_range("no issue parameter '" + std::string(name) + "'");
  return it->second;
}

Text& IssueParams::operator[](std::string_view name) {
  // Parameters read back from a worker come in name order: each goes at the end.
  auto it = items_.empty() || items_.back().first < name
                ? items_.end()
                : std::lower_bound(items_.begin(), items_.end(), name,
                                   [](const auto& p, std::string_view n) { return p.first < n; });
  if (it != items_.end() && it->first == name) return it->second;
  return items_.emplace(it, std::piecewise_construct, std::forward_as_tuple(name), std::forward_as_tuple())->second;
}

Issue make_issue(IssueCode code, Location where, IssueParams params) {
  return Issue{code, find_template(code).severity, std::move(where), std::move(params)};
}

Issue make_issue_at(IssueCode code, const std::string& file, const std::string& sheet,
                    std::optional<std::uint32_t> row, std::optional<std::uint32_t> col, const std::string& item,
                    IssueParams params) {
  return make_issue(code, Location{file, sheet, row, col, item}, std::move(params));
}

InputError::InputError(Issue issue) : issue_(std::move(issue)), what_(issue_.message(Lang::En)) {}

void throw_unreadable(Text reason) {
  throw InputError(make_issue(IssueCode::UnreadableFile, {}, {{"reason", std::move(reason)}}));
}

void throw_unsupported(Text format_name, bool convertible) {
  Text install = convertible ? Text(" Hoặc cài LibreOffice (apt-get install libreoffice-calc) để tonghop tự chuyển đổi.",
                                    " Or install LibreOffice (apt-get install libreoffice-calc) and tonghop converts it itself.")
                             : Text("");
  throw InputError(make_issue(IssueCode::UnsupportedFormat, {},
                              {{"format", std::move(format_name)}, {"install", std::move(install)}}));
}

void throw_not_found(const std::string& path) {
  throw InputError(make_issue(IssueCode::FileNotFound, Location{path, "", {}, {}, ""},
                              {{"path", Text(path)}, {"role", Text("")}}));
}

void set_file_role(Issue& issue, const Text& role) {
  if (issue.code == IssueCode::FileNotFound) issue.params["role"] = Text(" " + role.vi, " " + role.en);
}

void throw_not_spreadsheet(Text kind) {
  throw InputError(make_issue(IssueCode::NotASpreadsheet, {}, {{"kind", std::move(kind)}}));
}

void throw_encrypted(Text container) {
  throw InputError(
      make_issue(IssueCode::EncryptedFile, {}, {{"container", std::move(container)}}));
}

void throw_limit(std::string_view limit_key, std::uint64_t limit, Text what) {
  throw InputError(make_issue(IssueCode::LimitExceeded, {},
                              {{"key", std::string(limit_key)},
                               {"limit", std::to_string(limit)},
                               {"what", std::move(what)}}));
}

}  // namespace tonghop
