#include "serve/app.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "core/platform.hpp"
#include "serve/assets.hpp"
#include "serve/catalog.hpp"
#include "serve/job.hpp"
#include "serve/web_util.hpp"
#include "write/template_writer.hpp"

namespace fs = std::filesystem;
namespace http = boost::beast::http;

namespace tonghop::serve {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

Response json_response(const Request& req, http::status status, std::string body) {
  return make_response(req.version(), status, kJson, std::move(body));
}

// {"error": code, "message": Vietnamese, "message_en": English}
Response error(const Request& req, http::status status, std::string_view code, std::string_view vi,
               std::string_view en) {
  std::ostringstream os;
  {
    JsonWriter j(os, false);
    j.begin_object();
    j.field("error", code);
    j.field("message", vi);
    j.field("message_en", en);
    j.end_object();
  }
  return json_response(req, status, os.str());
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

void consolidation_json(JsonWriter& j, const Consolidation& c) {
  j.begin_object();
  j.field("id", c.id);
  j.field("made_at", c.made_at);
  j.field("sha256", c.sha256);
  j.field("size", c.size);
  j.field("download", "/api/consolidations/" + std::to_string(c.id) + "/download");
  j.key("submissions");
  j.begin_array();
  for (auto id : c.submissions) j.value(id);
  j.end_array();
  j.end_object();
}

void submission_json(JsonWriter& j, const Submission& s) {
  j.field("id", s.id);
  j.key("unit");
  if (s.unit.empty()) j.null(); else j.value(s.unit);
  j.field("unit_source", s.unit_source);
  j.field("period", s.period);
  j.field("name", s.original_name);
  j.field("sha256", s.sha256);
  j.field("size", s.size);
  j.field("received_at", s.received_at);
  j.field("uploaded_by", s.uploaded_by);
  j.field("status", s.status);
  j.field("errors", s.errors);
  j.field("warnings", s.warnings);
  j.key("superseded_by");
  if (s.superseded_by) j.value(*s.superseded_by); else j.null();
  j.field("unit_chosen", s.unit_chosen);
  j.field("period_chosen", s.period_chosen);
}

std::string cookie(const Request& req, std::string_view name) {
  auto header = req[http::field::cookie];
  std::string_view h(header.data(), header.size());
  while (!h.empty()) {
    auto semi = h.find(';');
    auto pair = h.substr(0, semi);
    h = semi == std::string_view::npos ? std::string_view() : h.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return "";
}

// "Content-Disposition: attachment" with the UTF-8 name (RFC 6266) and an ASCII fallback.
std::string attachment(const std::string& name) {
  std::string ascii;
  for (unsigned char c : name) ascii += (c < 0x80 && c >= 0x20 && c != '"' && c != '\\') ? char(c) : '_';
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + url_encode(name);
}

// The Excel task pane (/addin/) loads Office.js from Microsoft's CDN (the only place it can
// come from; its scripts add inline styles) and is framed by Excel on the web; everything
// else stays same-origin and unframed.
void security_headers(Response& res, bool pane = false) {
  if (pane) {
    res.set("Content-Security-Policy",
            "default-src 'none'; script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            "frame-ancestors 'self' https://*.officeapps.live.com https://*.office.com https://*.office365.com "
            "https://*.sharepoint.com https://*.microsoft365.com; base-uri 'none'");
  } else {
    res.set("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set("X-Frame-Options", "DENY");
    res.set("Cross-Origin-Opener-Policy", "same-origin");
  }
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  if (res.find(http::field::cache_control) == res.end()) res.set(http::field::cache_control, "no-store");
}

// The task pane's manifest with this server's address in place of the committed one
// (addin/excel/manifest.xml names http://localhost:8080), so an office downloads a
// manifest that points at its own server.
std::string addin_manifest(const Request& req, std::string xml) {
  auto host = std::string(req[http::field::host]);
  if (host.empty() || host.find_first_of("\"<>&' ") != std::string::npos) return xml;
  auto proto = req["X-Forwarded-Proto"];  // behind an HTTPS reverse proxy
  return manifest_for_base(std::move(xml), (proto == "https" ? "https://" : "http://") + host);
}

bool parse_id(std::string_view s, std::int64_t& id) {
  if (s.empty() || s.size() > 15) return false;
  id = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    id = id * 10 + (c - '0');
  }
  return true;
}

std::string lang_of(const std::map<std::string, std::string>& q) {
  auto it = q.find("lang");
  return it != q.end() && it->second == "en" ? "en" : "vi";
}

}  // namespace

App::App(Office& office, Store& store, AppConfig config)
    : office_(office), store_(store), config_(config), csrf_(random_hex(24)) {
  plan_vi_ = office_.plan_json(Lang::Vi);
  plan_en_ = office_.plan_json(Lang::En);
}

std::optional<App::Caller> App::caller(const Request& req) const {
  auto links = store_.links();
  if (links.empty()) return Caller{true, ""};  // no links made: the office's own machine
  std::string token = cookie(req, "tonghop_token");
  auto auth = req[http::field::authorization];
  if (auth.starts_with("Bearer ")) token = std::string(auth.substr(7));
  // The fill-in form is downloaded by a browser the Excel pane opens (openBrowserWindow or a
  // link): it has neither the pane's header nor its cookie, so that one GET takes the token
  // in its query, as the unit's own /u/ link carries it in its path.
  auto target = std::string(req.target());
  auto q = target.find('?');
  if (token.empty() && req.method() == http::verb::get && target.substr(0, q) == "/api/form" &&
      q != std::string::npos)
    token = parse_query(target.substr(q + 1))["token"];
  if (token.empty()) return std::nullopt;
  for (const auto& l : links)
    if (same_secret(l.token, token)) return Caller{l.unit.empty(), l.unit};
  return std::nullopt;
}

Response App::handle(const Request& req, const std::string& peer) {
  (void)peer;
  Response res;
  try {
    // DNS rebinding: on loopback, only the loopback names.
    auto host = std::string(req[http::field::host]);
    if (config_.loopback_only) {
      auto port = ":" + std::to_string(config_.port);
      if (host != "127.0.0.1" + port && host != "localhost" + port && host != "[::1]" + port)
        return error(req, http::status::misdirected_request, "bad-host", "Tên máy không đúng.",
                     "This server answers only on the loopback address.");
    }
    auto target = std::string(req.target());
    auto path = target.substr(0, target.find('?'));
    // A unit's link: remember its token in a cookie, then the upload page.
    if (req.method() == http::verb::get && path.starts_with("/u/")) {
      std::string token = path.substr(3);
      bool known = false;
      for (const auto& l : store_.links()) known |= l.token == token;
      if (!known || token.find_first_not_of("0123456789abcdef") != std::string::npos)
        res = error(req, http::status::not_found, "unknown-link", "Đường dẫn không đúng hoặc đã hết hạn.",
                    "This link is not known.");
      else {
        res = make_response(req.version(), http::status::see_other, "text/plain; charset=utf-8", "");
        res.set(http::field::location, "/#upload");
        res.set(http::field::set_cookie, "tonghop_token=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000");
      }
      security_headers(res);
      return res;
    }
    auto who = caller(req);
    bool is_page = path == "/" || path.starts_with("/static/") || path.starts_with("/addin/");
    if (!who && !is_page) {
      res = error(req, http::status::unauthorized, "no-access",
                  "Cần đường dẫn truy cập do văn phòng cấp (tonghop serve --make-links).",
                  "An access link from the office is needed (tonghop serve --make-links).");
    } else {
      bool changes = req.method() != http::verb::get && req.method() != http::verb::head;
      if (changes) {
        // CSRF: a header only this origin's script can send, holding the token only it can read.
        auto token = req["X-Tonghop-CSRF"];
        auto origin = req[http::field::origin];
        // Behind an HTTPS reverse proxy (the Excel pane needs HTTPS) the page's origin is https://.
        auto scheme = req["X-Forwarded-Proto"] == "https" ? "https://" : "http://";
        if (token != csrf_ || (!origin.empty() && origin != scheme + host))
          res = error(req, http::status::forbidden, "csrf",
                      "Yêu cầu bị từ chối: thiếu mã chống giả mạo (X-Tonghop-CSRF, lấy từ /api/session).",
                      "Refused: the anti-forgery header X-Tonghop-CSRF is missing or wrong (see /api/session).");
        else
          res = route(req, who.value_or(Caller{}));
      } else {
        res = route(req, who.value_or(Caller{}));
      }
    }
  } catch (const std::exception& e) {
    res = error(req, http::status::internal_server_error, "internal", std::string("Lỗi nội bộ: ") + e.what(),
                std::string("Internal error: ") + e.what());
  }
  auto target = std::string(req.target());
  security_headers(res, target.starts_with("/addin/"));
  return res;
}

Response App::route(const Request& req, const Caller& who) {
  auto target = std::string(req.target());
  auto qpos = target.find('?');
  auto path = target.substr(0, qpos);
  auto query = parse_query(qpos == std::string::npos ? "" : target.substr(qpos + 1));
  bool get = req.method() == http::verb::get, post = req.method() == http::verb::post;
  auto forbidden = [&] {
    return error(req, http::status::forbidden, "unit-link",
                 "Đường dẫn của đơn vị chỉ dùng để gửi báo cáo và xem kết quả của đơn vị.",
                 "A unit's link can only upload and see that unit's own results.");
  };
  if (get && (path == "/" || path.starts_with("/static/") || path.starts_with("/addin/"))) {
    // /static/NAME: the page's files; /addin/NAME: the Excel task pane's (addin/excel/).
    auto name = path == "/"                     ? std::string("index.html")
                : path.starts_with("/static/") ? path.substr(8)
                : path == "/addin/"            ? std::string("addin/taskpane.html")
                                               : "addin/" + path.substr(7);
    auto* a = path.starts_with("/static/") && name.find('/') != std::string::npos ? nullptr : find_asset(name);
    if (!a) return error(req, http::status::not_found, "not-found", "Không có trang này.", "No such page.");
    std::string bytes(a->bytes);
    if (name == "addin/manifest.xml") bytes = addin_manifest(req, bytes);
    auto res = make_response(req.version(), http::status::ok, std::string(a->content_type), std::move(bytes));
    res.set(http::field::cache_control, "no-cache");
    return res;
  }
  if (get && path == "/api/session") {
    std::ostringstream os;
    {
      JsonWriter j(os, false);
      j.begin_object();
      j.field("role", who.office ? "office" : "unit");
      j.key("unit");
      if (who.unit.empty()) j.null(); else j.value(who.unit);
      j.field("csrf", csrf_);
      j.field("commune", office_.plan().commune);
      j.field("year", office_.config().period.year);
      j.field("period", office_.period_key(office_.config().period));
      j.field("deadline", serial_to_iso(office_.deadline()).substr(0, 19));
      j.field("now", now_iso());
      j.field("version", TONGHOP_VERSION);
      j.end_object();
    }
    return json_response(req, http::status::ok, os.str());
  }
  if (path == "/api/submissions" && post) return upload(req, who);
  if (path == "/api/check" && post) return check_only(req, who);
  if (path == "/api/form" && get) return form(req, who, query["unit"]);
  if (path == "/api/submissions" && get) {
    std::ostringstream os;
    {
      JsonWriter j(os, false);
      j.begin_object();
      j.key("submissions");
      j.begin_array();
      auto unit = query.count("unit") ? query["unit"] : "";
      for (const auto& s : store_.submissions()) {
        if (!who.office && s.unit != who.unit && s.uploaded_by != "unit:" + who.unit) continue;
        if (!unit.empty() && s.unit != unit) continue;
        j.begin_object();
        submission_json(j, s);
        j.end_object();
      }
      j.end_array();
      j.end_object();
    }
    return json_response(req, http::status::ok, os.str());
  }
  if (path.starts_with("/api/submissions/")) {
    auto rest = path.substr(17);
    auto slash = rest.find('/');
    std::int64_t id;
    if (!parse_id(rest.substr(0, slash), id))
      return error(req, http::status::not_found, "not-found", "Không có bản báo cáo này.", "No such submission.");
    auto tail = slash == std::string::npos ? "" : rest.substr(slash + 1);
    return submission(req, id, tail, who);
  }
  if (!who.office) return forbidden();
  if (get && path == "/api/plan")
    return json_response(req, http::status::ok, lang_of(query) == "en" ? plan_en_ : plan_vi_);
  if (get && path == "/api/units") return units(req);
  if (path == "/api/consolidations" || path.starts_with("/api/consolidations/")) return consolidate(req);
  if (path == "/api/corrections" || path.starts_with("/api/corrections/")) return corrections(req);
  return error(req, http::status::not_found, "not-found", "Không có trang này.", "No such page.");
}

std::string App::accept_one(const std::string& raw_name, std::string_view bytes, const Caller& who, bool& ok) {
  ok = false;
  std::string name = sanitise_file_name(raw_name);
  std::ostringstream os;
  JsonWriter j(os, false);
  j.begin_object();
  if (bytes.empty()) {
    j.field("name", name);
    j.field("error", "empty-file");
    j.field("message", "Tệp rỗng, không có nội dung.");
    j.field("message_en", "The file is empty.");
    j.end_object();
    j.flush();
    return os.str();
  }
  auto staged = store_.stage(bytes, name);
  StoredFile f{0, platform::utf8_of(staged.file), name, who.office ? "" : who.unit, "", now_iso()};
  auto corrections = store_.corrections();
  auto work = store_.work_dir();
  auto result = run_job({Job::Kind::Check, Lang::Vi, platform::utf8_of(work), "", {f}, corrections});
  std::error_code ec;
  fs::remove_all(work, ec);
  std::optional<FileVerdict> verdict;
  if (result.ok()) verdict = Office::parse_verdict(result.output);
  if (!verdict || !verdict->readable) {
    store_.discard(staged);
    j.field("name", name);
    j.field("error", verdict ? "unreadable" : "refused");
    if (verdict) {
      j.field("message", "Không đọc được tệp; tệp không được nhận (xem chi tiết).");
      j.field("message_en", "The file cannot be read; it was not accepted (see the details).");
      j.key("result");
      j.flush();
      os << verdict->json_vi;
    } else {
      j.field("message", "Tệp bị từ chối: kiểm tra tệp này vượt giới hạn an toàn (" + result.describe() +
                             "). Hãy mở và lưu lại tệp bằng Excel rồi gửi lại.");
      j.field("message_en", "The file was refused: checking it breached a safety limit (" + result.describe() +
                                "). Open and save it again in Excel, then send it again.");
    }
    j.end_object();
    j.flush();
    return os.str();
  }
  Submission s;
  s.unit = verdict->unit;
  s.unit_source = verdict->unit_source;
  s.period = verdict->period;
  s.original_name = name;
  s.sha256 = staged.sha256;
  s.size = staged.size;
  s.received_at = f.received_at;
  s.uploaded_by = who.office ? "office" : "unit:" + who.unit;
  s.status = verdict->status;
  s.errors = verdict->errors;
  s.warnings = verdict->warnings;
  s.unit_chosen = f.unit_chosen;
  store_.keep(staged);
  s.id = store_.add_submission(s, verdict->json_vi + '\x1e' + verdict->json_en);
  store_.discard(staged);
  ++accepted_;
  changed();
  ok = true;
  submission_json(j, s);
  j.key("result");
  j.flush();
  os << verdict->json_vi;
  j.end_object();
  j.flush();
  return os.str();
}

// The files of an upload: the raw body named by X-File-Name, or the file parts of a
// multipart body. An error answer when there is none.
std::optional<Response> App::incoming_files(const Request& req,
                                            std::vector<std::pair<std::string, std::string_view>>& files) {
  auto type = std::string(req[http::field::content_type]);
  if (type.starts_with("multipart/form-data")) {
    auto parts = parse_multipart(req.body(), type);
    if (!parts)
      return error(req, http::status::bad_request, "bad-multipart", "Dữ liệu gửi lên không đúng dạng multipart.",
                   "The multipart body is malformed.");
    for (const auto& p : *parts)
      if (!p.filename.empty()) files.emplace_back(p.filename, p.data);
  } else {
    auto header = req["X-File-Name"];
    auto name = url_decode(std::string_view(header.data(), header.size()), false);
    if (!name || name->empty())
      return error(req, http::status::bad_request, "no-file-name",
                   "Cần tên tệp trong tiêu đề X-File-Name (mã hóa %XX) hoặc gửi dạng multipart/form-data.",
                   "Give the file name in the X-File-Name header (percent-encoded) or send multipart/form-data.");
    files.emplace_back(*name, std::string_view(req.body()));
  }
  if (files.empty())
    return error(req, http::status::bad_request, "no-file", "Không có tệp nào được gửi.", "No file was sent.");
  return std::nullopt;
}

// POST /api/check: the same check as an upload (same limits, same isolation, same
// corrections, a unit link's unit), answered and forgotten: nothing is stored. For the
// add-ins' "Kiểm tra" before the unit decides to send.
Response App::check_only(const Request& req, const Caller& who) {
  std::vector<std::pair<std::string, std::string_view>> files;
  if (auto bad = incoming_files(req, files)) return *bad;
  if (files.size() != 1)
    return error(req, http::status::bad_request, "one-file", "Mỗi lần kiểm tra một tệp.", "Check one file at a time.");
  auto target = std::string(req.target());
  bool en = lang_of(parse_query(target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1))) == "en";
  std::string name = sanitise_file_name(files[0].first);
  if (files[0].second.empty())
    return error(req, http::status::unprocessable_entity, "empty-file", "Tệp rỗng, không có nội dung.",
                 "The file is empty.");
  auto staged = store_.stage(files[0].second, name);
  StoredFile f{0, platform::utf8_of(staged.file), name, who.office ? "" : who.unit, "", now_iso()};
  auto corrections = store_.corrections();
  auto work = store_.work_dir();
  auto result = run_job({Job::Kind::Check, Lang::Vi, platform::utf8_of(work), "", {f}, corrections});
  std::error_code ec;
  fs::remove_all(work, ec);
  store_.discard(staged);
  if (!result.ok())
    return error(req, http::status::unprocessable_entity, "refused",
                 "Tệp bị từ chối: kiểm tra tệp này vượt giới hạn an toàn (" + result.describe() +
                     "). Hãy mở và lưu lại tệp bằng Excel rồi kiểm tra lại.",
                 "The file was refused: checking it breached a safety limit (" + result.describe() +
                     "). Open and save it again in Excel, then check it again.");
  auto v = Office::parse_verdict(result.output);
  std::ostringstream os;
  {
    JsonWriter j(os, false);
    j.begin_object();
    j.field("name", name);
    j.field("readable", v.readable);
    j.key("unit");
    if (v.unit.empty()) j.null(); else j.value(v.unit);
    j.field("period", v.period);
    j.field("status", v.status);
    j.field("errors", v.errors);
    j.field("warnings", v.warnings);
    j.key("result");
    j.flush();
    os << (en ? v.json_en : v.json_vi);
    j.end_object();
  }
  return json_response(req, http::status::ok, os.str());
}

Response App::upload(const Request& req, const Caller& who) {
  std::vector<std::pair<std::string, std::string_view>> files;
  if (auto bad = incoming_files(req, files)) return *bad;
  std::string accepted, refused;
  for (const auto& [name, bytes] : files) {
    bool ok = false;
    auto one = accept_one(name, bytes, who, ok);
    auto& list = ok ? accepted : refused;
    list += (list.empty() ? "" : ",") + one;
  }
  auto status = accepted.empty() ? http::status::unprocessable_entity : http::status::created;
  return json_response(req, status, "{\"accepted\":[" + accepted + "],\"refused\":[" + refused + "]}");
}

IsolatedResult App::run_job(Job job) {
  auto file = platform::utf8_of(platform::path_from_utf8(job.work) / "job.tsv");
  try {
    write_job_file(file, {office_.config(), config_.isolation, std::move(job)});
  } catch (const std::exception&) {
    IsolatedResult r;
    r.outcome = IsolatedResult::Outcome::Failed;
    r.exit_code = -1;
    return r;
  }
  return run_isolated({config_.executable, "serve", "--run-job", file}, config_.isolation);
}

Response App::form(const Request& req, const Caller& who, std::string unit) {
  if (!who.office) unit = who.unit;  // a unit's link: its own form only
  bool known = false;
  for (const auto& u : office_.plan().units) known |= u.name == unit;
  if (!known)
    return error(req, http::status::not_found, "unknown-unit",
                 "Kế hoạch không giao chỉ tiêu hay nhiệm vụ nào cho đơn vị '" + unit + "'.",
                 "The plan assigns no indicator or task to the unit '" + unit + "'.");
  auto work = store_.work_dir();
  auto out = platform::utf8_of(work / "bieu-mau.xlsx");
  Job job;
  job.kind = Job::Kind::Form;
  job.work = platform::utf8_of(work);
  job.out_path = out;
  job.unit = unit;
  auto r = run_job(std::move(job));
  std::string bytes = r.ok() ? read_file(platform::path_from_utf8(out)) : "";
  std::error_code ec;
  fs::remove_all(work, ec);
  if (!r.ok() || bytes.empty())
    return error(req, http::status::internal_server_error, "form-failed", "Không lập được biểu mẫu: " + r.describe(),
                 "The form could not be made: " + r.describe());
  auto res = make_response(req.version(), http::status::ok,
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(bytes));
  res.set(http::field::content_disposition, attachment(form_file_name(unit, office_.config().period)));
  return res;
}

StoredFile App::stored(const Submission& s) {
  return {s.id, platform::utf8_of(store_.original_path(s.sha256)), s.original_name, s.unit_chosen, s.period_chosen,
          s.received_at};
}

std::vector<StoredFile> App::current_files() {
  std::vector<StoredFile> out;
  for (const auto& s : store_.submissions())
    if (!s.superseded_by) out.push_back(stored(s));
  return out;
}

Response App::submission(const Request& req, std::int64_t id, const std::string& tail, const Caller& who) {
  auto s = store_.submission(id);
  if (!s || (!who.office && s->unit != who.unit && s->uploaded_by != "unit:" + who.unit))
    return error(req, http::status::not_found, "not-found", "Không có bản báo cáo này.", "No such submission.");
  auto target = std::string(req.target());
  auto q = parse_query(target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1));
  bool en = lang_of(q) == "en";
  bool get = req.method() == http::verb::get;
  if (get && tail.empty()) {
    auto stored_json = store_.result_json(id);
    auto sep = stored_json.find('\x1e');
    std::string result = sep == std::string::npos ? stored_json
                         : en                    ? stored_json.substr(sep + 1)
                                                 : stored_json.substr(0, sep);
    std::ostringstream os;
    JsonWriter j(os, false);
    j.begin_object();
    submission_json(j, *s);
    // The versions of this unit and period, oldest first.
    j.key("versions");
    j.begin_array();
    if (!s->unit.empty())
      for (const auto& v : store_.submissions())
        if (v.unit == s->unit) j.value(v.id);
    j.end_array();
    j.key("result");
    j.flush();
    os << result;
    j.end_object();
    j.flush();
    return json_response(req, http::status::ok, os.str());
  }
  if (get && tail == "original") {
    auto res = make_response(req.version(), http::status::ok, "application/octet-stream",
                             read_file(store_.original_path(s->sha256)));
    res.set(http::field::content_disposition, attachment(s->original_name));
    res.set(http::field::etag, "\"" + s->sha256 + "\"");
    return res;
  }
  if (get && tail == "diff") {
    std::optional<Submission> older;
    for (const auto& v : store_.submissions())
      if (v.superseded_by == id) older = v;
    if (!older)
      return error(req, http::status::not_found, "no-previous-version", "Đây là bản đầu tiên của đơn vị.",
                   "This is the unit's first version.");
    auto a = stored(*older), b = stored(*s);
    auto corrections = store_.corrections();
    auto work = store_.work_dir();
    auto r = run_job({Job::Kind::Diff, en ? Lang::En : Lang::Vi, platform::utf8_of(work), "", {a, b}, corrections});
    std::error_code ec;
    fs::remove_all(work, ec);
    if (!r.ok())
      return error(req, http::status::internal_server_error, "diff-failed", "Không so sánh được: " + r.describe(),
                   "The versions could not be compared: " + r.describe());
    return json_response(req, http::status::ok, r.output);
  }
  if (get && tail == "report") {
    auto f = stored(*s);
    auto corrections = store_.corrections();
    auto work = store_.work_dir();
    auto out = platform::utf8_of(work / "bao-cao-sua-loi.xlsx");
    auto r = run_job({Job::Kind::Annotated, en ? Lang::En : Lang::Vi, platform::utf8_of(work), out, {f}, corrections});
    std::string bytes = r.ok() ? read_file(platform::path_from_utf8(out)) : "";
    std::error_code ec;
    fs::remove_all(work, ec);
    if (!r.ok() || bytes.empty())
      return error(req, http::status::internal_server_error, "report-failed",
                   "Không lập được sổ gửi lại đơn vị: " + r.describe(), "The annotated workbook failed: " + r.describe());
    auto res = make_response(req.version(), http::status::ok,
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(bytes));
    auto stem = platform::file_stem(s->original_name);
    res.set(http::field::content_disposition, attachment((en ? "corrections-" : "sua-loi-") + stem + ".xlsx"));
    return res;
  }
  if (req.method() == http::verb::post && tail == "recheck") {
    if (!who.office) return error(req, http::status::forbidden, "unit-link", "Chỉ văn phòng được chọn lại.", "Only the office may choose.");
    return recheck(req, id);
  }
  return error(req, http::status::not_found, "not-found", "Không có trang này.", "No such page.");
}

Response App::recheck(const Request& req, std::int64_t id) {
  auto s = *store_.submission(id);
  auto form = parse_query(req.body());
  if (form.count("unit")) {
    const auto& u = form["unit"];
    bool known = u.empty();
    for (const auto& pu : office_.plan().units) known |= pu.name == u;
    if (!known)
      return error(req, http::status::bad_request, "unknown-unit", "Đơn vị '" + u + "' không có trong kế hoạch.",
                   "The unit '" + u + "' is not in the plan.");
    s.unit_chosen = u;
  }
  if (form.count("period")) {
    if (!form["period"].empty() && !office_.parse_period_key(form["period"]))
      return error(req, http::status::bad_request, "bad-period", "Kỳ báo cáo không đúng (ví dụ 2026-year, 2026-h1).",
                   "The period is not understood (e.g. 2026-year, 2026-h1).");
    s.period_chosen = form["period"];
  }
  auto f = stored(s);
  auto corrections = store_.corrections();
  auto work = store_.work_dir();
  auto r = run_job({Job::Kind::Check, Lang::Vi, platform::utf8_of(work), "", {f}, corrections});
  std::error_code ec;
  fs::remove_all(work, ec);
  if (!r.ok())
    return error(req, http::status::internal_server_error, "check-failed", "Không kiểm tra lại được: " + r.describe(),
                 "The file could not be checked again: " + r.describe());
  auto v = Office::parse_verdict(r.output);
  s.unit = v.unit, s.unit_source = v.unit_source, s.period = v.period, s.status = v.status;
  s.errors = v.errors, s.warnings = v.warnings;
  store_.update_result(s, v.json_vi + '\x1e' + v.json_en);
  changed();
  std::ostringstream os;
  {
    JsonWriter j(os, false);
    j.begin_object();
    submission_json(j, *store_.submission(id));
    j.end_object();
  }
  return json_response(req, http::status::ok, os.str());
}

void App::recheck_all_current() {
  auto corrections = store_.corrections();
  for (const auto& s : store_.submissions()) {
    if (s.superseded_by) continue;
    auto f = stored(s);
    auto work = store_.work_dir();
    auto r = run_job({Job::Kind::Check, Lang::Vi, platform::utf8_of(work), "", {f}, corrections});
    std::error_code ec;
    fs::remove_all(work, ec);
    if (!r.ok()) continue;
    auto v = Office::parse_verdict(r.output);
    auto copy = s;
    copy.unit = v.unit, copy.unit_source = v.unit_source, copy.period = v.period, copy.status = v.status;
    copy.errors = v.errors, copy.warnings = v.warnings;
    store_.update_result(copy, v.json_vi + '\x1e' + v.json_en);
  }
  changed();
}

Response App::units(const Request& req) {
  auto target = std::string(req.target());
  auto q = parse_query(target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1));
  auto lang = lang_of(q);
  std::int64_t gen = generation_;
  {
    std::lock_guard lock(cache_mu_);
    auto it = dashboard_cache_.find(lang);
    if (it != dashboard_cache_.end() && it->second.first == gen)
      return json_response(req, http::status::ok, it->second.second);
  }
  auto current = current_files();
  auto corrections = store_.corrections();
  auto work = store_.work_dir();
  auto r = run_job({Job::Kind::Dashboard, lang == "en" ? Lang::En : Lang::Vi, platform::utf8_of(work), "", current, corrections});
  std::error_code ec;
  fs::remove_all(work, ec);
  if (!r.ok())
    return error(req, http::status::internal_server_error, "dashboard-failed",
                 "Không lập được bảng theo dõi: " + r.describe(), "The dashboard failed: " + r.describe());
  std::lock_guard lock(cache_mu_);
  dashboard_cache_[lang] = {gen, r.output};
  return json_response(req, http::status::ok, r.output);
}

Response App::consolidate(const Request& req) {
  auto path = std::string(req.target());
  path = path.substr(0, path.find('?'));
  if (req.method() == http::verb::post && path == "/api/consolidations") {
    auto current = current_files();
    if (current.empty())
      return error(req, http::status::conflict, "nothing-to-consolidate", "Chưa có báo cáo nào để tổng hợp.",
                   "No report has been received yet.");
    auto corrections = store_.corrections();
    auto work = store_.work_dir();
    auto out = platform::utf8_of(work / "tong-hop.xlsx");
    auto r = run_job({Job::Kind::Consolidate, Lang::Vi, platform::utf8_of(work), out, current, corrections});
    std::string bytes = r.ok() ? read_file(platform::path_from_utf8(out)) : "";
    std::error_code ec;
    fs::remove_all(work, ec);
    if (!r.ok() || bytes.empty())
      return error(req, http::status::internal_server_error, "consolidate-failed",
                   "Không lập được sổ tổng hợp: " + r.describe(), "The consolidated workbook failed: " + r.describe());
    auto staged = store_.stage(bytes, "tong-hop.xlsx");
    store_.keep(staged);
    Consolidation c;
    c.made_at = now_iso();
    c.made_by = "office";
    c.sha256 = staged.sha256;
    c.size = staged.size;
    for (const auto& f : current) c.submissions.push_back(f.id);
    c.id = store_.add_consolidation(c);
    store_.discard(staged);
    std::ostringstream os;
    {
      JsonWriter j(os, false);
      consolidation_json(j, c);
    }
    return json_response(req, http::status::created, os.str());
  }
  if (req.method() == http::verb::get && path == "/api/consolidations") {
    std::ostringstream os;
    {
      JsonWriter j(os, false);
      j.begin_object();
      j.key("consolidations");
      j.begin_array();
      for (const auto& c : store_.consolidations()) {
        consolidation_json(j, c);
      }
      j.end_array();
      j.end_object();
    }
    return json_response(req, http::status::ok, os.str());
  }
  std::int64_t id;
  if (req.method() == http::verb::get && path.ends_with("/download") &&
      parse_id(path.substr(20, path.size() - 20 - 9), id)) {
    for (const auto& c : store_.consolidations())
      if (c.id == id) {
        auto res = make_response(req.version(), http::status::ok,
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                 read_file(store_.original_path(c.sha256)));
        res.set(http::field::content_disposition,
                attachment("tong-hop-" + std::to_string(office_.config().period.year) + "-" + std::to_string(id) + ".xlsx"));
        return res;
      }
  }
  return error(req, http::status::not_found, "not-found", "Không có bản tổng hợp này.", "No such consolidation.");
}

Response App::corrections(const Request& req) {
  auto path = std::string(req.target());
  path = path.substr(0, path.find('?'));
  auto list = [&] {
    std::ostringstream os;
    {
      JsonWriter j(os, false);
      j.begin_object();
      j.key("corrections");
      j.begin_array();
      for (const auto& c : store_.corrections()) {
        j.begin_object();
        j.field("id", c.id);
        j.field("kind", c.kind);
        j.field("written", c.written);
        j.field("target_kind", c.target_kind);
        j.field("target", c.target);
        j.field("created_at", c.created_at);
        j.end_object();
      }
      j.end_array();
      j.end_object();
    }
    return os.str();
  };
  if (req.method() == http::verb::get && path == "/api/corrections") {
    auto target = std::string(req.target());
    auto q = parse_query(target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1));
    if (q["format"] != "toml") return json_response(req, http::status::ok, list());
    // The same corrections as a file for `tonghop check --aliases` (docs/aliases.md).
    auto res = make_response(req.version(), http::status::ok, "application/toml; charset=utf-8",
                             corrections_as_aliases(store_.corrections()).to_toml());
    res.set(http::field::content_disposition, attachment("cach-viet-da-hoc.toml"));
    return res;
  }
  if (req.method() == http::verb::post && path == "/api/corrections") {
    auto form = parse_query(req.body());
    Correction c;
    c.kind = form["kind"];
    c.written = form["written"];
    c.target_kind = form["target_kind"];
    c.target = form["target"];
    c.created_by = "office";
    const auto& plan = office_.plan();
    bool valid = !c.written.empty();
    if (c.kind == "unit") {
      c.target_kind = "unit";
      bool known = false;
      for (const auto& u : plan.units) known |= u.name == c.target;
      valid &= known;
    } else if (c.kind == "item") {
      bool known = c.target_kind == "none";
      if (c.target_kind == "indicator")
        for (const auto& i : plan.indicators) known |= i.name == c.target;
      if (c.target_kind == "task")
        for (const auto& t : plan.tasks) known |= t.name == c.target;
      valid &= known;
    } else {
      valid = false;
    }
    if (!valid)
      return error(req, http::status::bad_request, "bad-correction",
                   "Sửa không hợp lệ: cần kind=item|unit, written (tên như đơn vị viết), target_kind "
                   "(indicator|task|none) và target (tên đúng như trong kế hoạch).",
                   "Invalid correction: give kind=item|unit, written, target_kind (indicator|task|none) and target "
                   "(the name exactly as in the plan).");
    store_.add_correction(c);
    // Applied to the files already received, as to every later upload.
    recheck_all_current();
    return json_response(req, http::status::created, list());
  }
  std::int64_t id;
  if (req.method() == http::verb::delete_ && parse_id(path.substr(17), id)) {
    if (!store_.remove_correction(id))
      return error(req, http::status::not_found, "not-found", "Không có sửa này.", "No such correction.");
    recheck_all_current();
    return json_response(req, http::status::ok, list());
  }
  return error(req, http::status::not_found, "not-found", "Không có trang này.", "No such page.");
}

}  // namespace tonghop::serve
