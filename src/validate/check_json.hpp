// The check report as JSON (the contract of `tonghop check --format json`), shared by the
// command line and the server.
#pragma once

#include <ostream>

#include "core/issue.hpp"
#include "core/json_writer.hpp"
#include "plan/plan.hpp"
#include "validate/check.hpp"

namespace tonghop {

void write_check_json(std::ostream& os, const Plan& plan, const CheckReport& report, Lang lang);

// The same, one file at a time (a streamed check): the head when made, then every file in
// order, then finish with the report's completeness and issues and the totals.
class CheckJsonWriter {
 public:
  CheckJsonWriter(std::ostream& os, const Plan& plan, const Period& period, Lang lang);
  void file(const FileResult& f);
  void finish(const CheckReport& report, std::size_t files, std::size_t errors, std::size_t warnings);

 private:
  JsonWriter j_;
  const Plan& plan_;
  Lang lang_;
};

}  // namespace tonghop
