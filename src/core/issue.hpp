// Problems as typed records (code, severity, location, parameters); their messages come
// from one template per code, in Vietnamese and English (see issue.cpp).
#pragma once

#include <cstdint>
#include <exception>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tonghop {

enum class Lang { Vi, En };
enum class Severity { Error, Warning, Info };

// Codes are a contract (design overview): add more, never rename.
enum class IssueCode {
  UnreadableFile,
  FileNotFound,
  UnsupportedFormat,
  NotASpreadsheet,
  ReaderFailed,
  EncryptedFile,
  LimitExceeded,
  ConvertedFile,
  NoTableFound,
  // Plan defects (tonghop plan)
  DuplicateCode,
  NumberingGap,
  UnparsedTarget,
  MissingUnit,
  UnknownAgency,
  // Check of submissions (tonghop check)
  UnknownUnit,
  PeriodMismatch,
  MissingColumn,
  UnknownItem,
  AmbiguousMatch,
  UnassignedItem,
  DuplicateRow,
  MissingValue,
  TypeError,
  UnitMismatch,
  OutOfRange,
  PlanValueMismatch,
  TargetNotMet,
  InconsistentRatio,
  AmbiguousNumber,
  FormulaWithoutValue,
  MissingItem,
  MissingSubmission,
  ConflictingValues,
  LegacyEncoding,
  LateSubmission,
  DuplicateSubmission,
  ReceiptFromFileTime,
  DuplicateLabel,
  FormulaComputed,
  InvalidDate,
  // Fill-in forms made by tonghop template
  FormUnitMismatch,
  FormPlanChanged,
  // Reading tables as they are pasted and reused (issue 15)
  CodeAsDate,
  MissingName,
  UnparsedTimeframe,
  HiddenContent,
  UnknownStatus,
  ProbableFraction,
  SkippedSheet,
  SkippedRows,
  // Plans read from Word documents (issue 12)
  DocumentWithoutTable,
  // Keep last: tests check that every code before it has its own template.
  EndOfCodes,
};

// Which part of the input a problem belongs to (frictionless-style levels).
enum class IssueLevel { File, Sheet, Header, Row, Cell };

std::string_view to_string(IssueCode c);
std::string_view to_string(Severity s);
std::optional<IssueCode> issue_code_from_string(std::string_view s);

// A parameter of a message: language-neutral values (file names, numbers) have vi == en.
struct Text {
  std::string vi, en;
  Text() = default;
  Text(std::string both) : vi(both), en(std::move(both)) {}  // NOLINT: implicit on purpose
  Text(const char* both) : Text(std::string(both)) {}         // NOLINT
  Text(std::string v, std::string e) : vi(std::move(v)), en(std::move(e)) {}
  const std::string& in(Lang l) const { return l == Lang::Vi ? vi : en; }
};

// A message's parameters by name, in the order of their names (as a std::map iterates
// them): one small vector, as an issue has a handful and a long report a million issues.
class IssueParams {
 public:
  using value_type = std::pair<std::string, Text>;
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;
  IssueParams() = default;
  IssueParams(std::initializer_list<value_type> list);  // the first of a name repeated wins
  IssueParams(const std::map<std::string, Text>& m) : items_(m.begin(), m.end()) {}  // NOLINT: implicit
  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  iterator find(std::string_view name);
  const_iterator find(std::string_view name) const;
  std::size_t count(std::string_view name) const { return find(name) != end() ? 1 : 0; }
  const Text& at(std::string_view name) const;  // throws std::out_of_range
  Text& operator[](std::string_view name);       // added in its place when missing

 private:
  std::vector<value_type> items_;
};

struct Location {
  std::string file;
  std::string sheet;
  std::optional<std::uint32_t> row;  // 0-based internally; rendered 1-based
  std::optional<std::uint32_t> col;  // 0-based
  std::string item;                  // plan code of the row's item, when known
};

// A message or hint template split once into its literal runs and its placeholders, so an
// issue's text is written piece by piece (straight into the output) instead of scanned
// byte by byte per issue. A placeholder's text is "{name}" with its braces: written as it
// is when the issue has no parameter of that name.
struct TemplatePart {
  std::string_view text;
  bool placeholder = false;
  std::string_view name() const { return placeholder ? text.substr(1, text.size() - 2) : text; }
};
enum class TemplateText { Message, Hint };
std::span<const TemplatePart> template_parts(IssueCode code, TemplateText which, Lang lang);

struct Issue {
  IssueCode code;
  Severity severity;
  Location where;
  IssueParams params;

  IssueLevel level() const;
  std::string message(Lang lang) const;
  std::string hint(Lang lang) const;
  // The same texts as message() and hint(), as out(piece) for each piece in order.
  template <typename Out>
  void message_pieces(Lang lang, Out&& out) const { pieces(TemplateText::Message, lang, out); }
  template <typename Out>
  void hint_pieces(Lang lang, Out&& out) const { pieces(TemplateText::Hint, lang, out); }
  template <typename Out>
  void pieces(TemplateText which, Lang lang, Out&& out) const {
    for (const auto& part : template_parts(code, which, lang)) {
      if (!part.placeholder) {
        out(part.text);
        continue;
      }
      auto it = params.find(part.name());
      out(it != params.end() ? std::string_view(it->second.in(lang)) : part.text);
    }
  }
  // "F12" when row and column are known, "" otherwise.
  std::string cell() const;
};

Issue make_issue(IssueCode code, Location where, IssueParams params = {});
// The same for a place in a sheet: the usual case of the stages that check tables.
Issue make_issue_at(IssueCode code, const std::string& file, const std::string& sheet,
                    std::optional<std::uint32_t> row, std::optional<std::uint32_t> col, const std::string& item,
                    IssueParams params = {});

// An input that cannot be read at all. Readers throw it; commands turn it into a report
// entry and exit code 3.
class InputError : public std::exception {
 public:
  explicit InputError(Issue issue);
  const Issue& issue() const { return issue_; }
  Issue& issue() { return issue_; }
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  Issue issue_;
  std::string what_;
};

// Convenience for readers: the file is not filled in yet; reader() fills it.
[[noreturn]] void throw_unreadable(Text reason);
// convertible: LibreOffice could read it; the hint then says to install it.
[[noreturn]] void throw_unsupported(Text format_name, bool convertible = false);
[[noreturn]] void throw_encrypted(Text container);
// A document that is no spreadsheet at all (a PDF, an image, a Word file): kind says what
// it is ("tệp PDF"), so the unit is told to send the spreadsheet instead.
[[noreturn]] void throw_not_spreadsheet(Text kind);
// No file at path. The role ("kế hoạch"/"plan") is added by the caller that knows it
// (set_file_role), so the message says which input is missing.
[[noreturn]] void throw_not_found(const std::string& path);
void set_file_role(Issue& issue, const Text& role);
[[noreturn]] void throw_limit(std::string_view limit_key, std::uint64_t limit, Text what);

// Exit codes, mapped in one place (design overview).
enum class ExitCode : int { Ok = 0, DataErrors = 1, Usage = 2, Unreadable = 3, Internal = 4 };

}  // namespace tonghop
