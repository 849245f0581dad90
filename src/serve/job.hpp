// A job for a child process: what the server asks of `tonghop serve --run-job FILE`.
// The child is a fresh exec of tonghop, never a fork of the threaded server: a fork copies
// the locks other threads hold at that instant (the loader's, libstdc++'s, a library's),
// and under load one such child hung until it was killed (CI, a 60 s stall on a good file).
// The job file carries everything the child needs (the office's configuration, the limits,
// the files and the corrections), so the child depends on nothing but its own arguments.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "serve/isolate.hpp"
#include "serve/office.hpp"
#include "serve/store.hpp"

namespace tonghop::serve {

struct Job {
  enum class Kind { Check, Dashboard, Diff, Consolidate, Annotated, Form };
  Kind kind = Kind::Check;
  Lang lang = Lang::Vi;
  std::string work;      // the job's private folder (the job file lives there too)
  std::string out_path;  // Consolidate, Annotated, Form: the workbook to write
  std::vector<StoredFile> files;  // Check, Annotated: one; Diff: older, newer; Dashboard, Consolidate: current
  std::vector<Correction> corrections;
  std::string unit;  // Form: the plan unit
};

struct JobFile {
  OfficeConfig config;
  IsolationLimits limits;
  Job job;
};

// Example: write_job_file(work / "job.tsv", office.config(), limits, job);
// Lines of tab-separated, backslash-escaped fields; throws std::runtime_error when the
// file cannot be written.
void write_job_file(const std::string& path, const JobFile& f);
// Throws std::runtime_error naming the line when the file is not a job file.
JobFile read_job_file(const std::string& path);

// In the child: the job's answer to out; returns the exit code.
int run_job(const Office& office, const Job& job, std::ostream& out);

}  // namespace tonghop::serve
