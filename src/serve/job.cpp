#include "serve/job.hpp"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/platform.hpp"
#include "read/limits.hpp"
#include "validate/period.hpp"

namespace tonghop::serve {
namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c == '\\' && i + 1 < line.size()) {
      char n = line[++i];
      fields.back() += n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n;
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

constexpr std::string_view kKinds[] = {"check", "dashboard", "diff", "consolidate", "annotated", "form"};

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

template <typename T>
T parse_number(const std::string& s, std::size_t line) {
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    throw std::runtime_error("job file line " + std::to_string(line) + ": not a number: '" + s + "'");
  return v;
}

double parse_double(const std::string& s, std::size_t line) {
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  throw std::runtime_error("job file line " + std::to_string(line) + ": not a number: '" + s + "'");
}

}  // namespace

void write_job_file(const std::string& path, const JobFile& f) {
  std::ostringstream os;
  auto line = [&](std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (auto field : fields) {
      if (!first) os << '\t';
      first = false;
      os << escape(field);
    }
    os << '\n';
  };
  const auto& c = f.config;
  os << "tonghop-job\t1\n";
  line({"plan", c.plan_path});
  line({"period", std::to_string(c.period.year), to_string(c.period.kind)});
  if (c.deadline) line({"deadline", number(*c.deadline)});
  line({"units", c.units_file});
  line({"aliases", c.aliases_file});
  line({"layout", c.layout});
  for (const auto& d : limit_descriptions()) line({"limit", d.key, std::to_string(c.limits.*d.field)});
  line({"conversion", c.limits.allow_conversion ? "1" : "0"});
  line({"isolation", number(f.limits.seconds), std::to_string(f.limits.memory_bytes),
        std::to_string(f.limits.output_bytes)});
  const auto& j = f.job;
  line({"kind", kKinds[int(j.kind)]});
  line({"lang", j.lang == Lang::En ? "en" : "vi"});
  line({"work", j.work});
  line({"out", j.out_path});
  line({"unit", j.unit});
  for (const auto& s : j.files)
    line({"file", std::to_string(s.id), s.original, s.name, s.unit_chosen, s.period_chosen, s.received_at});
  for (const auto& r : j.corrections)
    line({"correction", std::to_string(r.id), r.kind, r.written, r.target_kind, r.target, r.created_at, r.created_by});
  line({"end"});
  std::ofstream out(platform::path_from_utf8(path), std::ios::binary | std::ios::trunc);
  out << os.str();
  out.flush();
  if (!out) throw std::runtime_error("cannot write the job file " + path);
}

JobFile read_job_file(const std::string& path) {
  std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
  if (!in) throw std::runtime_error("cannot open the job file " + path);
  JobFile f;
  std::string text;
  std::size_t n = 0;
  bool ended = false;
  auto fail = [&](const std::string& why) {
    throw std::runtime_error("job file " + path + " line " + std::to_string(n) + ": " + why);
  };
  while (std::getline(in, text)) {
    ++n;
    auto v = split(text);
    const auto& key = v[0];
    auto need = [&](std::size_t count) {
      if (v.size() != count) fail("'" + key + "' needs " + std::to_string(count - 1) + " fields");
    };
    if (n == 1) {
      if (text != "tonghop-job\t1") fail("not a tonghop job file");
      continue;
    }
    if (key == "plan") need(2), f.config.plan_path = v[1];
    else if (key == "period") {
      need(3);
      f.config.period.year = parse_number<int>(v[1], n);
      auto kind = period_kind_from_string(v[2]);
      if (!kind) fail("unknown period '" + v[2] + "'");
      f.config.period.kind = *kind;
    } else if (key == "deadline") need(2), f.config.deadline = parse_double(v[1], n);
    else if (key == "units") need(2), f.config.units_file = v[1];
    else if (key == "aliases") need(2), f.config.aliases_file = v[1];
    else if (key == "layout") need(2), f.config.layout = v[1];
    else if (key == "limit") {
      need(3);
      bool known = false;
      for (const auto& d : limit_descriptions())
        if (d.key == v[1]) f.config.limits.*d.field = parse_number<std::uint64_t>(v[2], n), known = true;
      if (!known) fail("unknown limit '" + v[1] + "'");
    } else if (key == "conversion") need(2), f.config.limits.allow_conversion = v[1] == "1";
    else if (key == "isolation") {
      need(4);
      f.limits.seconds = parse_double(v[1], n);
      f.limits.memory_bytes = parse_number<std::size_t>(v[2], n);
      f.limits.output_bytes = parse_number<std::size_t>(v[3], n);
    } else if (key == "kind") {
      need(2);
      bool known = false;
      for (int k = 0; k < int(std::size(kKinds)); ++k)
        if (kKinds[k] == v[1]) f.job.kind = Job::Kind(k), known = true;
      if (!known) fail("unknown job '" + v[1] + "'");
    } else if (key == "lang") need(2), f.job.lang = v[1] == "en" ? Lang::En : Lang::Vi;
    else if (key == "work") need(2), f.job.work = v[1];
    else if (key == "out") need(2), f.job.out_path = v[1];
    else if (key == "unit") need(2), f.job.unit = v[1];
    else if (key == "file") {
      need(7);
      f.job.files.push_back({parse_number<std::int64_t>(v[1], n), v[2], v[3], v[4], v[5], v[6]});
    } else if (key == "correction") {
      need(8);
      f.job.corrections.push_back({parse_number<std::int64_t>(v[1], n), v[2], v[3], v[4], v[5], v[6], v[7]});
    } else if (key == "end") {
      ended = true;
      break;
    } else {
      fail("unknown record '" + key + "'");
    }
  }
  if (n == 0) throw std::runtime_error("job file " + path + " is empty");
  if (!ended) throw std::runtime_error("job file " + path + " is truncated (no 'end' line)");
  return f;
}

int run_job(const Office& office, const Job& job, std::ostream& out) {
  auto need = [&](std::size_t n) {
    if (job.files.size() != n) throw std::runtime_error("the job needs " + std::to_string(n) + " file(s)");
  };
  switch (job.kind) {
    case Job::Kind::Check: need(1); return office.check_file(out, job.files[0], job.corrections, job.work);
    case Job::Kind::Dashboard: return office.dashboard(out, job.files, job.corrections, job.work, job.lang);
    case Job::Kind::Diff: need(2); return office.diff(out, job.files[0], job.files[1], job.corrections, job.work, job.lang);
    case Job::Kind::Consolidate: return office.consolidate(job.out_path, job.files, job.corrections, job.work);
    case Job::Kind::Annotated:
      need(1);
      return office.annotated(job.out_path, job.files[0], job.corrections, job.work, job.lang);
    case Job::Kind::Form: return office.form(job.out_path, job.unit);
  }
  return 4;
}

}  // namespace tonghop::serve
