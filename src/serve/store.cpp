#include "serve/store.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>

#include "core/platform.hpp"
#include "serve/sha256.hpp"

namespace fs = std::filesystem;

namespace tonghop::serve {
namespace {

// Each schema version's statements, applied in order inside one transaction.
const char* const kMigrations[] = {
    // 1: the first schema.
    R"(
    CREATE TABLE submissions(
      id INTEGER PRIMARY KEY,
      unit TEXT NOT NULL DEFAULT '', unit_source TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',
      original_name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
      received_at TEXT NOT NULL, uploaded_by TEXT NOT NULL,
      status TEXT NOT NULL, errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
      superseded_by INTEGER REFERENCES submissions(id),
      unit_chosen TEXT NOT NULL DEFAULT '', period_chosen TEXT NOT NULL DEFAULT '');
    CREATE INDEX submissions_unit ON submissions(unit, period);
    CREATE TABLE check_results(
      submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
      checked_at TEXT NOT NULL, json TEXT NOT NULL);
    CREATE TABLE consolidations(
      id INTEGER PRIMARY KEY, made_at TEXT NOT NULL, made_by TEXT NOT NULL,
      sha256 TEXT NOT NULL, size INTEGER NOT NULL);
    CREATE TABLE consolidation_inputs(
      consolidation_id INTEGER NOT NULL REFERENCES consolidations(id),
      submission_id INTEGER NOT NULL REFERENCES submissions(id),
      PRIMARY KEY(consolidation_id, submission_id));
    CREATE TABLE corrections(
      id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK(kind IN ('item', 'unit')),
      written TEXT NOT NULL, target_kind TEXT NOT NULL, target TEXT NOT NULL,
      created_at TEXT NOT NULL, created_by TEXT NOT NULL,
      UNIQUE(kind, written));
    CREATE TABLE links(token TEXT PRIMARY KEY, unit TEXT NOT NULL, created_at TEXT NOT NULL);
    )",
};

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK)
      throw StoreError(std::string("SQLite: ") + sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, std::optional<std::int64_t> v) {
    if (v) sqlite3_bind_int64(s_, i, *v); else sqlite3_bind_null(s_, i);
    return *this;
  }
  bool step() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(std::string("SQLite: ") + sqlite3_errmsg(db_));
  }
  std::string text(int c) {
    auto* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s_, c)) : std::string();
  }
  std::int64_t integer(int c) { return sqlite3_column_int64(s_, c); }
  bool null(int c) { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when an exception leaves the scope.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { run("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    run("COMMIT");
    done_ = true;
  }

 private:
  void run(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "?";
      sqlite3_free(err);
      throw StoreError("SQLite: " + m);
    }
  }
  sqlite3* db_;
  bool done_ = false;
};

const char* kSubmissionColumns =
    "id, unit, unit_source, period, original_name, sha256, size, received_at, uploaded_by, status, errors, "
    "warnings, superseded_by, unit_chosen, period_chosen";

Submission read_submission(Stmt& q) {
  Submission s;
  s.id = q.integer(0);
  s.unit = q.text(1);
  s.unit_source = q.text(2);
  s.period = q.text(3);
  s.original_name = q.text(4);
  s.sha256 = q.text(5);
  s.size = q.integer(6);
  s.received_at = q.text(7);
  s.uploaded_by = q.text(8);
  s.status = q.text(9);
  s.errors = q.integer(10);
  s.warnings = q.integer(11);
  if (!q.null(12)) s.superseded_by = q.integer(12);
  s.unit_chosen = q.text(13);
  s.period_chosen = q.text(14);
  return s;
}

bool is_hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

void sync_path(const fs::path& p) {
  try {
    platform::sync_path(platform::utf8_of(p));
  } catch (const std::runtime_error& e) {
    throw StoreError(e.what());
  }
}

std::string now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm local = platform::local_tm(t);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
  // The offset from UTC as +07:00 (strftime's %z is a zone name on Windows).
  long offset = long(platform::utc_seconds(local) - t) / 60;
  int minutes = int(std::labs(offset) % (24 * 60));
  char zone[8];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return std::string(buf) + zone;
}

std::string random_hex(std::size_t n) {
  std::string raw;
  try {
    raw = platform::random_bytes(n);
  } catch (const std::runtime_error& e) {
    throw StoreError(e.what());
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) out += hex[c >> 4], out += hex[c & 15];
  return out;
}

Store::Store(const fs::path& dir) : dir_(dir) {
  std::error_code ec;
  fs::create_directories(dir_ / "files", ec);
  fs::create_directories(dir_ / "tmp", ec);
  if (!fs::is_directory(dir_ / "files") || !fs::is_directory(dir_ / "tmp"))
    throw StoreError("cannot create " + platform::utf8_of(dir_ / "files") + ": " + ec.message());
  if (sqlite3_open_v2(platform::utf8_of(dir_ / "tonghop.sqlite").c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    std::string m = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw StoreError("SQLite: " + platform::utf8_of(dir_ / "tonghop.sqlite") + ": " + m);
  }
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec("PRAGMA foreign_keys=ON");
  migrate();
  sweep();
}

Store::~Store() { sqlite3_close(db_); }

void Store::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "?";
    sqlite3_free(err);
    throw StoreError("SQLite: " + m);
  }
}

int Store::schema_version() {
  std::lock_guard lock(mu_);
  Stmt q(db_, "PRAGMA user_version");
  q.step();
  return int(q.integer(0));
}

void Store::migrate() {
  int version;
  {
    Stmt q(db_, "PRAGMA user_version");
    q.step();
    version = int(q.integer(0));
  }
  if (version > kSchemaVersion)
    throw StoreError("the database was made by a newer tonghop (schema " + std::to_string(version) + ")");
  for (int v = version; v < kSchemaVersion; ++v) {
    Transaction t(db_);
    exec(kMigrations[v]);
    exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
    t.commit();
  }
}

void Store::sweep() {
  // Staged uploads never acknowledged, and work folders.
  for (const auto& e : fs::directory_iterator(dir_ / "tmp")) fs::remove_all(e.path());
  // Originals kept by an upload whose row was never committed.
  std::set<std::string> known;
  Stmt q(db_, "SELECT sha256 FROM submissions UNION SELECT sha256 FROM consolidations");
  while (q.step()) known.insert(q.text(0));
  for (const auto& e : fs::recursive_directory_iterator(dir_ / "files"))
    if (e.is_regular_file() && !known.count(platform::utf8_of(e.path().filename()))) fs::remove(e.path());
}

fs::path Store::original_path(const std::string& sha) const {
  if (!is_hex(sha)) throw StoreError("not a sha256: " + sha);
  return dir_ / "files" / sha.substr(0, 2) / sha;
}

fs::path Store::work_dir() {
  auto d = dir_ / "tmp" / random_hex(12);
  fs::create_directory(d);
  return d;
}

Staged Store::stage(std::string_view bytes, const std::string& safe_name) {
  Staged s;
  s.dir = work_dir();
  s.file = s.dir / safe_name;
  s.sha256 = sha256_hex(bytes);
  s.size = std::int64_t(bytes.size());
  try {
    platform::write_new_file_synced(platform::utf8_of(s.file), bytes);
  } catch (const std::runtime_error& e) {
    throw StoreError(e.what());
  }
  return s;
}

void Store::discard(const Staged& s) {
  std::error_code ec;
  fs::remove_all(s.dir, ec);
}

void Store::keep(const Staged& s) {
  auto target = original_path(s.sha256);
  fs::create_directories(target.parent_path());
  // link() never replaces: an original already there (same bytes, same hash) stays.
  std::error_code ec;
  fs::create_hard_link(s.file, target, ec);
  if (ec && ec != std::errc::file_exists) throw StoreError("link " + platform::utf8_of(target) + ": " + ec.message());
  sync_path(target.parent_path());
  sync_path(dir_ / "files");
}

void Store::relink_versions() {
  // A server serves one period: each version of a unit is superseded by the next one
  // received (a file of another period is reported as such by its check).
  std::map<std::string, std::vector<std::int64_t>> groups;
  {
    Stmt q(db_, "SELECT id, unit FROM submissions ORDER BY id");
    while (q.step())
      if (!q.text(1).empty()) groups[q.text(1)].push_back(q.integer(0));
  }
  Stmt clear(db_, "UPDATE submissions SET superseded_by = NULL WHERE superseded_by IS NOT NULL");
  clear.step();
  for (const auto& [key, ids] : groups)
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
      Stmt u(db_, "UPDATE submissions SET superseded_by = ? WHERE id = ?");
      u.bind(1, ids[i + 1]).bind(2, ids[i]).step();
    }
}

std::int64_t Store::add_submission(const Submission& s, const std::string& result_json) {
  std::lock_guard lock(mu_);
  Transaction t(db_);
  Stmt q(db_,
         "INSERT INTO submissions(unit, unit_source, period, original_name, sha256, size, received_at, "
         "uploaded_by, status, errors, warnings, unit_chosen, period_chosen) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(1, s.unit).bind(2, s.unit_source).bind(3, s.period).bind(4, s.original_name).bind(5, s.sha256);
  q.bind(6, s.size).bind(7, s.received_at).bind(8, s.uploaded_by).bind(9, s.status).bind(10, s.errors);
  q.bind(11, s.warnings).bind(12, s.unit_chosen).bind(13, s.period_chosen);
  q.step();
  std::int64_t id = sqlite3_last_insert_rowid(db_);
  Stmt r(db_, "INSERT INTO check_results(submission_id, checked_at, json) VALUES(?,?,?)");
  r.bind(1, id).bind(2, now_iso()).bind(3, result_json).step();
  relink_versions();
  t.commit();
  return id;
}

void Store::update_result(const Submission& s, const std::string& result_json) {
  std::lock_guard lock(mu_);
  Transaction t(db_);
  Stmt q(db_,
         "UPDATE submissions SET unit=?, unit_source=?, period=?, status=?, errors=?, warnings=?, unit_chosen=?, "
         "period_chosen=? WHERE id=?");
  q.bind(1, s.unit).bind(2, s.unit_source).bind(3, s.period).bind(4, s.status).bind(5, s.errors);
  q.bind(6, s.warnings).bind(7, s.unit_chosen).bind(8, s.period_chosen).bind(9, s.id).step();
  Stmt r(db_, "UPDATE check_results SET checked_at=?, json=? WHERE submission_id=?");
  r.bind(1, now_iso()).bind(2, result_json).bind(3, s.id).step();
  relink_versions();
  t.commit();
}

std::vector<Submission> Store::submissions() {
  std::lock_guard lock(mu_);
  Stmt q(db_, (std::string("SELECT ") + kSubmissionColumns + " FROM submissions ORDER BY id").c_str());
  std::vector<Submission> out;
  while (q.step()) out.push_back(read_submission(q));
  return out;
}

std::optional<Submission> Store::submission(std::int64_t id) {
  std::lock_guard lock(mu_);
  Stmt q(db_, (std::string("SELECT ") + kSubmissionColumns + " FROM submissions WHERE id=?").c_str());
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_submission(q);
}

std::string Store::result_json(std::int64_t id) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "SELECT json FROM check_results WHERE submission_id=?");
  q.bind(1, id);
  return q.step() ? q.text(0) : std::string();
}

std::int64_t Store::add_correction(const Correction& c) {
  std::lock_guard lock(mu_);
  Transaction t(db_);
  Stmt q(db_,
         "INSERT INTO corrections(kind, written, target_kind, target, created_at, created_by) VALUES(?,?,?,?,?,?) "
         "ON CONFLICT(kind, written) DO UPDATE SET target_kind=excluded.target_kind, target=excluded.target, "
         "created_at=excluded.created_at, created_by=excluded.created_by");
  q.bind(1, c.kind).bind(2, c.written).bind(3, c.target_kind).bind(4, c.target).bind(5, now_iso()).bind(6, c.created_by);
  q.step();
  Stmt id(db_, "SELECT id FROM corrections WHERE kind=? AND written=?");
  id.bind(1, c.kind).bind(2, c.written).step();
  auto out = id.integer(0);
  t.commit();
  return out;
}

std::vector<Correction> Store::corrections() {
  std::lock_guard lock(mu_);
  Stmt q(db_, "SELECT id, kind, written, target_kind, target, created_at, created_by FROM corrections ORDER BY id");
  std::vector<Correction> out;
  while (q.step())
    out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)});
  return out;
}

bool Store::remove_correction(std::int64_t id) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "DELETE FROM corrections WHERE id=?");
  q.bind(1, id).step();
  return sqlite3_changes(db_) > 0;
}

std::int64_t Store::add_consolidation(const Consolidation& c) {
  std::lock_guard lock(mu_);
  Transaction t(db_);
  Stmt q(db_, "INSERT INTO consolidations(made_at, made_by, sha256, size) VALUES(?,?,?,?)");
  q.bind(1, c.made_at).bind(2, c.made_by).bind(3, c.sha256).bind(4, c.size).step();
  std::int64_t id = sqlite3_last_insert_rowid(db_);
  for (auto s : c.submissions) {
    Stmt i(db_, "INSERT INTO consolidation_inputs(consolidation_id, submission_id) VALUES(?,?)");
    i.bind(1, id).bind(2, s).step();
  }
  t.commit();
  return id;
}

std::vector<Consolidation> Store::consolidations() {
  std::lock_guard lock(mu_);
  std::vector<Consolidation> out;
  Stmt q(db_, "SELECT id, made_at, made_by, sha256, size FROM consolidations ORDER BY id");
  while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.integer(4), {}});
  for (auto& c : out) {
    Stmt i(db_, "SELECT submission_id FROM consolidation_inputs WHERE consolidation_id=? ORDER BY submission_id");
    i.bind(1, c.id);
    while (i.step()) c.submissions.push_back(i.integer(0));
  }
  return out;
}

void Store::add_link(const AccessLink& l) {
  std::lock_guard lock(mu_);
  Stmt q(db_, "INSERT OR REPLACE INTO links(token, unit, created_at) VALUES(?,?,?)");
  q.bind(1, l.token).bind(2, l.unit).bind(3, now_iso()).step();
}

std::vector<AccessLink> Store::links() {
  std::lock_guard lock(mu_);
  Stmt q(db_, "SELECT token, unit FROM links ORDER BY unit");
  std::vector<AccessLink> out;
  while (q.step()) out.push_back({q.text(0), q.text(1)});
  return out;
}

std::string Store::integrity_check() {
  std::lock_guard lock(mu_);
  Stmt q(db_, "PRAGMA integrity_check");
  return q.step() ? q.text(0) : "";
}

}  // namespace tonghop::serve
