// The check report as JSON (the contract of `tonghop check --format json`), shared by the
// command line and the server.
#pragma once

#include <ostream>

#include "core/issue.hpp"
#include "core/json_writer.hpp"
#include "plan/plan.hpp"
#include "validate/check.hpp"

namespace tonghop {

struct ResultPart;  // validate/driver.hpp

void write_check_json(std::ostream& os, const Plan& plan, const CheckReport& report, Lang lang);

// The same, one file at a time (a streamed check): the head when made, then every file in
// order, then finish with the report's completeness and issues and the totals.
class CheckJsonWriter {
 public:
  CheckJsonWriter(std::ostream& os, const Plan& plan, const Period& period, Lang lang);
  void file(const FileResult& f);
  // The same a part at a time (a long report's rows and issues are never all held): the
  // file's head with its status, then its rows, then its issues, each in any number of
  // batches, then its end.
  void head(const FileResult& f, FileStatus status);
  void rows(const std::vector<RowResult>& rows);
  void issues(const std::vector<Issue>& issues);
  void end();
  // One part as StreamedCheck::each_part gives it: head, rows, issues or end.
  void part(const ResultPart& p);
  void finish(const CheckReport& report, std::size_t files, std::size_t errors, std::size_t warnings);

 private:
  JsonWriter j_;
  const Plan& plan_;
  Lang lang_;
  bool in_rows_ = false;  // a file's rows are being written
  void end_rows();
};

}  // namespace tonghop
