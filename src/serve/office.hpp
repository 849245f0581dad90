// What the server knows of the office's year: the plan, the period, the deadline, and the
// jobs run on stored files (each inside a forked child, see isolate.hpp): check one file,
// the dashboard of the current versions, the difference between two versions, the
// consolidated workbook and the annotated copy for a unit. The same engine as
// `tonghop check` and `tonghop consolidate`.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "plan/plan.hpp"
#include "read/limits.hpp"
#include "serve/store.hpp"
#include "validate/check.hpp"

namespace tonghop::serve {

struct OfficeConfig {
  std::string plan_path;
  Period period;
  std::optional<double> deadline;  // serial day; default 3 December of the year, end of day
  ReadLimits limits;
  std::string units_file;          // "" for templates/units.toml
  std::string aliases_file;        // --aliases: what the office taught before (read only)
  std::string layout = "commune-yearly";
};

// One stored file as a job sees it: its original on disk and its original name.
// The page's corrections as an alias store (plan/aliases.hpp): items, "not a plan item",
// unit spellings.
AliasStore corrections_as_aliases(const std::vector<Correction>& corrections);

struct StoredFile {
  std::int64_t id = 0;
  std::string original;  // path of the original (content-addressed)
  std::string name;      // the file name the unit gave it (sanitised)
  std::string unit_chosen, period_chosen;
  std::string received_at;
};

// What a check of one file tells the store.
struct FileVerdict {
  bool readable = false;
  std::string unit, unit_source, period, status;
  std::int64_t errors = 0, warnings = 0;
  std::string json_vi, json_en;  // the check report of this file (check --format json)
};

class Office {
 public:
  // Throws std::runtime_error with a bilingual message when the plan cannot be used.
  explicit Office(OfficeConfig config);

  const Plan& plan() const { return plan_.plan; }
  const OfficeConfig& config() const { return config_; }
  std::string plan_json(Lang lang) const;
  double deadline() const;
  // "2026-year"
  std::string period_key(const Period& p) const;
  std::optional<Period> parse_period_key(const std::string& key) const;

  // Jobs (run in a child; they write their answer to out and return an exit code).
  // files are checked under their original names, in work folders under work.
  int check_file(std::ostream& out, const StoredFile& f, const std::vector<Correction>& corrections,
                 const std::string& work) const;
  int dashboard(std::ostream& out, const std::vector<StoredFile>& current, const std::vector<Correction>& corrections,
                const std::string& work, Lang lang) const;
  int diff(std::ostream& out, const StoredFile& older, const StoredFile& newer,
           const std::vector<Correction>& corrections, const std::string& work, Lang lang) const;
  int consolidate(const std::string& out_xlsx, const std::vector<StoredFile>& current,
                  const std::vector<Correction>& corrections, const std::string& work) const;
  int annotated(const std::string& out_xlsx, const StoredFile& f, const std::vector<Correction>& corrections,
                const std::string& work, Lang lang) const;

  // The unit's fill-in form (tonghop template) for the office's period and deadline.
  int form(const std::string& out_xlsx, const std::string& unit) const;

  static FileVerdict parse_verdict(const std::string& child_output);

 private:
  CheckReport run_check(const std::vector<StoredFile>& files, const std::vector<Correction>& corrections,
                        const std::string& work, bool keep_workbooks) const;
  OfficeConfig config_;
  CheckContext context_;
  PlanResult plan_;
};

// A file name safe to show and to use as one path component inside a private folder: no
// folder part, no control or reserved characters, no leading dot, at most 120 bytes;
// "tep-tai-len" when nothing is left.
std::string sanitise_file_name(std::string_view name);

}  // namespace tonghop::serve
