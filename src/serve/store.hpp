// The server's store: SQLite (WAL) for submissions, their check results, consolidations,
// the office's corrections and access links; original files on disk by their sha256,
// never modified or overwritten. Every write is durable when the call returns (file and
// folder fsync'd, transaction committed with synchronous=FULL).
//
//   Store store("tonghop-data");
//   auto staged = store.stage(bytes, "cong-an.xlsx");   // private folder, fsync'd
//   ... check staged.file in a child process ...
//   store.keep(staged); auto id = store.add_submission(row, json);
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;

namespace tonghop::serve {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Submission {
  std::int64_t id = 0;
  std::string unit, unit_source, period;  // "" when unknown; period "2026-year"
  std::string original_name, sha256;
  std::int64_t size = 0;
  std::string received_at;  // server clock, local time "2026-11-29T10:41:02+07:00"
  std::string uploaded_by;  // "office" or "unit:NAME" (the link used)
  std::string status;       // ok | warnings | errors
  std::int64_t errors = 0, warnings = 0;
  std::optional<std::int64_t> superseded_by;
  std::string unit_chosen, period_chosen;  // what staff chose when tonghop could not tell
};

struct Correction {
  std::int64_t id = 0;
  std::string kind;         // "item" | "unit"
  std::string written;      // as the unit wrote it (a row's name, a unit's name or abbreviation)
  std::string target_kind;  // item: "indicator" | "task" | "none"; unit: "unit"
  std::string target;       // the plan item's name, the unit's canonical name
  std::string created_at, created_by;
};

struct Consolidation {
  std::int64_t id = 0;
  std::string made_at, made_by, sha256;
  std::int64_t size = 0;
  std::vector<std::int64_t> submissions;  // the versions it used
};

struct AccessLink {
  std::string token;
  std::string unit;  // "" for the office
};

struct Staged {
  std::filesystem::path dir, file;
  std::string sha256;
  std::int64_t size = 0;
};

class Store {
 public:
  // Creates the folder and database when missing, applies migrations, and removes what
  // a killed server left half-done (staged files, originals no row refers to).
  explicit Store(const std::filesystem::path& dir);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  static constexpr int kSchemaVersion = 1;
  int schema_version();
  const std::filesystem::path& dir() const { return dir_; }

  // The bytes in a private folder under tmp/, named safe_name (already sanitised), fsync'd.
  Staged stage(std::string_view bytes, const std::string& safe_name);
  void discard(const Staged& s);
  // The staged file becomes the original at files/ab/SHA (kept as is when present).
  void keep(const Staged& s);
  std::filesystem::path original_path(const std::string& sha256) const;
  // A private work folder (removed by the caller, or at the next start).
  std::filesystem::path work_dir();

  std::int64_t add_submission(const Submission& s, const std::string& result_json);
  // After a re-check: unit, period, status and result replaced; versions relinked.
  void update_result(const Submission& s, const std::string& result_json);
  std::vector<Submission> submissions();
  std::optional<Submission> submission(std::int64_t id);
  std::string result_json(std::int64_t id);

  std::int64_t add_correction(const Correction& c);  // replaces one for the same written text
  std::vector<Correction> corrections();
  bool remove_correction(std::int64_t id);

  std::int64_t add_consolidation(const Consolidation& c);
  std::vector<Consolidation> consolidations();

  void add_link(const AccessLink& l);
  std::vector<AccessLink> links();

  // "ok" from PRAGMA integrity_check.
  std::string integrity_check();

 private:
  void exec(const char* sql);
  void migrate();
  void sweep();
  void relink_versions();
  std::filesystem::path dir_;
  sqlite3* db_ = nullptr;
  std::mutex mu_;
};

// Now on the server clock, local time with its offset: "2026-11-29T17:41:02+07:00".
std::string now_iso();
// A random token of n bytes as hex, from the system's random source.
std::string random_hex(std::size_t n);
// fsync of a file or folder (platform::sync_path); throws StoreError.
void sync_path(const std::filesystem::path& p);

}  // namespace tonghop::serve
