// The office's web page and its JSON API: routes, access (office token, per-unit upload
// links), CSRF protection, security headers; uploads stored durably and checked in a
// child process. See README "tonghop serve" for the API.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "serve/http_server.hpp"
#include "serve/isolate.hpp"
#include "serve/office.hpp"
#include "serve/store.hpp"

namespace tonghop::serve {

struct AppConfig {
  bool loopback_only = true;  // Host must name the loopback address (DNS rebinding)
  unsigned short port = 0;    // for the Host check
  IsolationLimits isolation;
  std::string executable = self_executable();  // the tonghop that runs the jobs
};

struct Job;

class App {
 public:
  App(Office& office, Store& store, AppConfig config);
  Response handle(const Request& req, const std::string& peer);
  const std::string& csrf_token() const { return csrf_; }
  void set_port(unsigned short port) { config_.port = port; }

  // For tests and the load test: uploads accepted since start.
  std::int64_t accepted() const { return accepted_; }

 private:
  struct Caller {
    bool office = false;
    std::string unit;  // a unit link's unit
  };
  struct Route;
  std::optional<Caller> caller(const Request& req) const;
  Response route(const Request& req, const Caller& who);
  Response upload(const Request& req, const Caller& who);
  std::optional<Response> incoming_files(const Request& req, std::vector<std::pair<std::string, std::string_view>>& files);
  Response check_only(const Request& req, const Caller& who);
  Response form(const Request& req, const Caller& who, std::string unit);
  std::string accept_one(const std::string& name, std::string_view bytes, const Caller& who, bool& ok);
  Response submission(const Request& req, std::int64_t id, const std::string& tail, const Caller& who);
  Response recheck(const Request& req, std::int64_t id);
  Response units(const Request& req);
  Response consolidate(const Request& req);
  Response corrections(const Request& req);
  std::vector<StoredFile> current_files();
  StoredFile stored(const Submission& s);
  void recheck_all_current();
  // The job in a child (`tonghop serve --run-job`), its file written in job.work.
  IsolatedResult run_job(Job job);
  void changed() { ++generation_; }

  Office& office_;
  Store& store_;
  AppConfig config_;
  std::string csrf_;
  std::atomic<std::int64_t> accepted_{0};
  std::atomic<std::int64_t> generation_{0};
  std::mutex cache_mu_;
  std::map<std::string, std::pair<std::int64_t, std::string>> dashboard_cache_;  // lang -> (generation, json)
  std::string plan_vi_, plan_en_;
};

}  // namespace tonghop::serve
