// The server's JSON API against a real listening socket on 127.0.0.1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "serve/isolate.hpp"
#include "serve/job.hpp"
#include "serve/sha256.hpp"
#include "serve/web_util.hpp"
#include "serve_fixture.hpp"

namespace tonghop::serve::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;
namespace http = boost::beast::http;

std::string sample(const std::string& name) { return slurp(source_path("samples/bao-cao/" + name)); }

// The first number after "key": in a compact JSON text.
std::int64_t number_after(const std::string& json, const std::string& key) {
  std::smatch m;
  std::regex re("\"" + key + "\":(\\d+)");
  if (!std::regex_search(json, m, re)) return -1;
  return std::stoll(m[1]);
}

std::size_t files_on_disk(const fs::path& data) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(data / "files")) n += e.is_regular_file();
  return n;
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(WebUtil, MultipartWithUtf8NamesAndBinaryData) {
  using namespace std::string_literals;
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Báo cáo \\\"1\\\".xlsx\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\nPK\0\r\n--Xy\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XyZ--\r\n"s;
  auto parts = parse_multipart(body, "multipart/form-data; boundary=XyZ");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].filename, "Báo cáo \"1\".xlsx");
  EXPECT_EQ((*parts)[0].data, std::string_view("PK\0\r\n--Xy", 9));
  EXPECT_EQ((*parts)[1].name, "note");
  EXPECT_FALSE(parse_multipart("garbage", "multipart/form-data; boundary=XyZ"));
  EXPECT_FALSE(parse_multipart(body, "multipart/form-data"));
}

TEST(WebUtil, FileNamesNeverLeaveTheirFolder) {
  EXPECT_EQ(sanitise_file_name("../../etc/passwd"), "passwd");
  EXPECT_EQ(sanitise_file_name("C:\\Users\\a\\bao-cao.xlsx"), "bao-cao.xlsx");
  EXPECT_EQ(sanitise_file_name(".."), "tep-tai-len");
  EXPECT_EQ(sanitise_file_name(".hidden"), "hidden");
  EXPECT_EQ(sanitise_file_name("a\nb\x01.xlsx"), "ab.xlsx");
  EXPECT_EQ(sanitise_file_name("Báo cáo: quý 1?.xlsx"), "Báo cáo_ quý 1_.xlsx");
  EXPECT_LE(sanitise_file_name(std::string(500, 'a')).size(), 120u);
  EXPECT_EQ(sanitise_file_name("\xff\xfe.xlsx"), "__.xlsx");
}

TEST(WebUtil, SecretsCompareWholeAndExact) {
  const std::string token = "3f9a0c6e1b2d4f58a7c9e0b1d2f3a4b5";
  EXPECT_TRUE(same_secret(token, token));
  EXPECT_FALSE(same_secret(token, token.substr(0, 31)));
  EXPECT_FALSE(same_secret(token, token + "0"));
  EXPECT_FALSE(same_secret(token, ""));
  EXPECT_TRUE(same_secret("", ""));
  for (std::size_t i = 0; i < token.size(); ++i) {  // a difference at any place is seen
    auto other = token;
    other[i] = other[i] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(same_secret(token, other)) << i;
  }
}

TEST(Isolation, CrashTimeoutAndOutputEndTheChildNotTheCaller) {
  IsolationLimits lim;
  lim.seconds = 2;
  lim.output_bytes = 1 << 20;
  auto ok = run_isolated({"/bin/sh", "-c", "printf fine"}, lim);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.output, "fine");
  auto failed = run_isolated({"/bin/sh", "-c", "exit 3"}, lim);
  EXPECT_EQ(failed.outcome, IsolatedResult::Outcome::Failed);
  EXPECT_EQ(failed.exit_code, 3);
  auto crash = run_isolated({"/bin/sh", "-c", "kill -SEGV $$"}, lim);
  EXPECT_EQ(crash.outcome, IsolatedResult::Outcome::Crashed);
  EXPECT_EQ(crash.signal, SIGSEGV);
  auto loop = run_isolated({"/bin/sh", "-c", "while :; do :; done"}, lim);
  EXPECT_EQ(loop.outcome, IsolatedResult::Outcome::TimedOut);
  auto flood = run_isolated({"/bin/sh", "-c", "yes"}, lim);
  EXPECT_EQ(flood.outcome, IsolatedResult::Outcome::TooMuchOutput);
  auto missing = run_isolated({"/nonexistent/tonghop"}, lim);
  EXPECT_FALSE(missing.ok());
}

TEST(Isolation, ChildInheritsNoDescriptorButItsOutput) {
  // A client's socket must not live on in a child: only 0, 1, 2 are open there.
  // Deliberately not close-on-exec, and numbered far above what ls opens for itself.
  int opened = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(opened, 0);
  int fd = ::dup2(opened, 200);
  ::close(opened);
  ASSERT_EQ(fd, 200);
  auto r = run_isolated({"/bin/sh", "-c", "ls /proc/self/fd"}, {});
  ::close(fd);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.output.find(std::to_string(fd) + "\n"), std::string::npos) << r.output;
}

#if !defined(__SANITIZE_ADDRESS__)
TEST(Isolation, ChildLimitsItsOwnMemory) {
  IsolationLimits lim;
  lim.memory_bytes = 256u << 20;
  pid_t pid = ::fork();  // the test is single-threaded here
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    apply_child_limits(lim);
    try {
      std::vector<std::string> v;
      for (int i = 0; i < 64; ++i) v.emplace_back(std::size_t(16) << 20, 'x');
      ::_exit(0);
    } catch (const std::bad_alloc&) {
      ::_exit(7);
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
}
#endif

TEST(Job, FileRoundTripsEveryField) {
  TempDir dir;
  JobFile f;
  f.config.plan_path = "/a b/kế hoạch.xlsx";
  f.config.period = {2027, PeriodKind::H1};
  f.config.deadline = 46359.99999;
  f.config.units_file = "u.toml";
  f.config.layout = "commune-yearly";
  f.config.limits.cells = 12345;
  f.config.limits.allow_conversion = false;
  f.limits.seconds = 7.5;
  f.limits.memory_bytes = 1u << 30;
  f.job.kind = Job::Kind::Diff;
  f.job.lang = Lang::En;
  f.job.work = dir.path.string();
  f.job.files.push_back({3, "/x/y.xlsx", "Báo cáo\tquý\n1\\.xlsx", "Công an", "2027-h1", "2027-06-30T10:00:00"});
  f.job.files.push_back({4, "/x/z.xlsx", "z.xlsx", "", "", "2027-07-01T10:00:00"});
  f.job.corrections.push_back({9, "item", "Tỷ lệ hộ nghèo\t(%)", "indicator", "Tỷ lệ hộ nghèo", "t", "office"});
  auto path = (dir.path / "job.tsv").string();
  write_job_file(path, f);
  auto g = read_job_file(path);
  EXPECT_EQ(g.config.plan_path, f.config.plan_path);
  EXPECT_EQ(g.config.period, f.config.period);
  EXPECT_EQ(g.config.deadline, f.config.deadline);
  EXPECT_EQ(g.config.units_file, "u.toml");
  EXPECT_EQ(g.config.limits.cells, 12345u);
  EXPECT_FALSE(g.config.limits.allow_conversion);
  EXPECT_EQ(g.limits.seconds, 7.5);
  EXPECT_EQ(g.limits.memory_bytes, 1u << 30);
  EXPECT_EQ(g.job.kind, Job::Kind::Diff);
  EXPECT_EQ(g.job.lang, Lang::En);
  ASSERT_EQ(g.job.files.size(), 2u);
  EXPECT_EQ(g.job.files[0].name, f.job.files[0].name);
  EXPECT_EQ(g.job.files[0].unit_chosen, "Công an");
  EXPECT_EQ(g.job.files[1].id, 4);
  ASSERT_EQ(g.job.corrections.size(), 1u);
  EXPECT_EQ(g.job.corrections[0].written, f.job.corrections[0].written);
  EXPECT_EQ(g.job.corrections[0].created_by, "office");
}

TEST(Job, DamagedFileNamesItsLine) {
  TempDir dir;
  auto path = (dir.path / "job.tsv").string();
  JobFile f;
  f.job.work = dir.path.string();
  write_job_file(path, f);
  std::string text;
  {
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    text = os.str();
  }
  {
    std::ofstream out(path, std::ios::trunc);
    out << text.substr(0, text.find("kind"));  // cut before the job's own lines
  }
  try {
    read_job_file(path);
    FAIL() << "a truncated job file was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
  }
  {
    std::ofstream out(path, std::ios::trunc);
    out << "tonghop-job\t1\nperiod\t2026\tweekly\nend\n";
  }
  try {
    read_job_file(path);
    FAIL() << "an unknown period was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(Store, SchemaVersionedAndReopened) {
  TempDir dir;
  {
    Store s(dir.path);
    EXPECT_EQ(s.schema_version(), Store::kSchemaVersion);
    auto staged = s.stage("abc", "a.csv");
    s.keep(staged);
    Submission sub;
    sub.original_name = "a.csv";
    sub.sha256 = staged.sha256;
    sub.size = 3;
    sub.received_at = now_iso();
    sub.uploaded_by = "office";
    sub.status = "ok";
    sub.unit = "Công an";
    s.add_submission(sub, "{}");
    s.discard(staged);
    // What a killed server leaves: a staged file and an original without its row.
    s.stage("half", "b.csv");
    fs::create_directories(dir.path / "files" / "00");
    std::ofstream(dir.path / "files" / "00" / std::string(64, '0')) << "orphan";
  }
  Store s(dir.path);
  EXPECT_EQ(s.integrity_check(), "ok");
  ASSERT_EQ(s.submissions().size(), 1u);
  EXPECT_EQ(s.submissions()[0].unit, "Công an");
  EXPECT_TRUE(fs::is_empty(dir.path / "tmp"));
  EXPECT_EQ(files_on_disk(dir.path), 1u);
  EXPECT_EQ(slurp(s.original_path(sha256_hex("abc"))), "abc");
}

class Api : public ::testing::Test {
 protected:
  TempDir dir;
};

TEST_F(Api, SessionPagesAndSecurityHeaders) {
  Server server(dir.path);
  auto c = server.client();
  auto r = c.get("/api/session");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("\"role\":\"office\""));
  EXPECT_THAT(r.body, HasSubstr(c.csrf));
  EXPECT_THAT(r.headers["Content-Security-Policy"], HasSubstr("script-src 'self'"));
  EXPECT_THAT(r.headers["Content-Security-Policy"], Not(HasSubstr("unsafe-inline")));
  EXPECT_EQ(r.headers["X-Content-Type-Options"], "nosniff");
  auto page = c.get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.headers["Content-Type"], HasSubstr("text/html"));
  EXPECT_EQ(c.get("/static/app.js").status, 200);
  EXPECT_EQ(c.get("/static/../../etc/passwd").status, 404);
  // Another host name on loopback (DNS rebinding) is refused.
  EXPECT_EQ(c.get("/api/session", {{"Host", "evil.example:80"}}).status, 421);
}

TEST_F(Api, UploadIsStoredDurablyCheckedAndDownloadableByteForByte) {
  Server server(dir.path);
  auto c = server.client();
  auto bytes = sample("cong-an-2026.xlsx");
  auto r = c.upload("cong-an-2026.xlsx", bytes);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"unit\":\"Công an\""));
  // The TCVN3 text, converted, is reported.
  EXPECT_THAT(r.body, HasSubstr("legacy-encoding"));
  auto id = number_after(r.body, "id");
  ASSERT_GT(id, 0);
  auto row = server.store->submission(id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->sha256, sha256_hex(bytes));
  EXPECT_EQ(row->size, std::int64_t(bytes.size()));
  EXPECT_EQ(slurp(server.store->original_path(row->sha256)), bytes);
  auto one = c.get("/api/submissions/" + std::to_string(id));
  EXPECT_EQ(one.status, 200);
  EXPECT_THAT(one.body, HasSubstr("\"rows\""));
  EXPECT_THAT(c.get("/api/submissions/" + std::to_string(id) + "?lang=en").body, HasSubstr("were converted"));
  auto original = c.get("/api/submissions/" + std::to_string(id) + "/original");
  EXPECT_EQ(original.body, bytes);
  EXPECT_THAT(original.headers["Content-Disposition"], HasSubstr("attachment"));
  EXPECT_EQ(c.get("/api/submissions/999").status, 404);
}

TEST_F(Api, MultipartUploadOfEverySample) {
  Server server(dir.path);
  auto c = server.client();
  std::string body;
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(source_path("samples/bao-cao"))) {
    body += "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            e.path().filename().string() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + slurp(e.path()) +
            "\r\n";
    ++n;
  }
  body += "--b0undary--\r\n";
  auto r = c.post("/api/submissions", body, {{"Content-Type", "multipart/form-data; boundary=b0undary"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(server.store->submissions().size(), n);
  EXPECT_THAT(r.body, HasSubstr("\"refused\":[]"));
}

TEST_F(Api, StateChangesNeedTheAntiForgeryHeader) {
  Server server(dir.path);
  auto c = server.client();
  auto bytes = sample("cong-an-2026.xlsx");
  EXPECT_EQ(c.upload("a.xlsx", bytes, {{"X-Tonghop-CSRF", "wrong"}}).status, 403);
  EXPECT_EQ(c.upload("a.xlsx", bytes, {{"Origin", "http://evil.example"}}).status, 403);
  EXPECT_EQ(c.post("/api/consolidations", "", {{"X-Tonghop-CSRF", ""}}).status, 403);
  EXPECT_TRUE(server.store->submissions().empty());
}

TEST_F(Api, HostileFilesAreRefusedAndTheServerGoesOn) {
  Server server(dir.path);
  auto c = server.client();
  for (auto name : {"bad_zip_bomb.xlsx", "bad_zip_bomb_lying.xlsx", "bad_entity_bomb.xlsx", "bad_repeat_bomb.ods",
                    "bad_truncated.xlsx", "bad_encrypted.xlsx", "bad_not_a_spreadsheet.xlsx"}) {
    auto r = c.upload(name, slurp(source_path(std::string("tests/data/") + name)));
    EXPECT_EQ(r.status, 422) << name << ": " << r.body;
    EXPECT_THAT(r.body, HasSubstr("\"refused\":[{"));
  }
  EXPECT_EQ(c.upload("empty.xlsx", "").status, 422);
  EXPECT_TRUE(server.store->submissions().empty());
  EXPECT_EQ(files_on_disk(dir.path), 0u);
  EXPECT_TRUE(fs::is_empty(dir.path / "tmp"));
  EXPECT_EQ(c.upload("cong-an-2026.xlsx", sample("cong-an-2026.xlsx")).status, 201);
}

TEST_F(Api, ACheckThatCrashesOrRunsTooLongIsRefused) {
  IsolationLimits tight;
  tight.seconds = 0.001;  // too little for any check: the child is killed, the server lives
  Server server(dir.path, {}, tight);
  auto c = server.client();
  auto r = c.upload("cong-an-2026.xlsx", sample("cong-an-2026.xlsx"));
  EXPECT_EQ(r.status, 422);
  EXPECT_THAT(r.body, HasSubstr("safety limit"));
  EXPECT_EQ(c.get("/api/session").status, 200);
  EXPECT_TRUE(server.store->submissions().empty());
}

TEST_F(Api, BodyAndHeaderLimits) {
  ServerLimits small;
  small.body_bytes = 1u << 20;
  Server server(dir.path, small);
  auto c = server.client();
  EXPECT_EQ(c.upload("big.csv", std::string(2u << 20, 'a')).status, 413);
  EXPECT_EQ(c.get("/api/session", {{"X-Big", std::string(20000, 'x')}}).status, 431);
  EXPECT_EQ(c.get("/api/session").status, 200);
}

TEST_F(Api, FileNamesAreSanitisedNeverUsedAsPaths) {
  Server server(dir.path);
  auto c = server.client();
  auto r = c.upload("..%2F..%2Fcong-an-2026.xlsx", sample("cong-an-2026.xlsx"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"name\":\"cong-an-2026.xlsx\""));
  EXPECT_FALSE(fs::exists(dir.path.parent_path() / "cong-an-2026.xlsx"));
  EXPECT_EQ(c.upload("", "x").status, 400);
}

TEST_F(Api, ANewVersionSupersedesTheOldOneAndTheDiffShowsTheChanges) {
  Server server(dir.path);
  auto c = server.client();
  auto first = c.upload("phong-vhxh-2026-lan-1.xlsx", sample("phong-vhxh-2026-lan-1.xlsx"));
  auto second = c.upload("phong-vhxh-2026.xlsx", sample("phong-vhxh-2026.xlsx"));
  ASSERT_EQ(second.status, 201);
  auto a = number_after(first.body, "id"), b = number_after(second.body, "id");
  EXPECT_EQ(server.store->submission(a)->superseded_by, b);
  EXPECT_FALSE(server.store->submission(b)->superseded_by);
  auto diff = c.get("/api/submissions/" + std::to_string(b) + "/diff");
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_THAT(diff.body, HasSubstr("\"change\":\"changed\""));
  EXPECT_EQ(c.get("/api/submissions/" + std::to_string(a) + "/diff").status, 404);
  // Both versions stay downloadable byte for byte.
  EXPECT_EQ(c.get("/api/submissions/" + std::to_string(a) + "/original").body, sample("phong-vhxh-2026-lan-1.xlsx"));
}

TEST_F(Api, DashboardCountsUnitsAndDrawsCharts) {
  Server server(dir.path);
  auto c = server.client();
  c.upload("cong-an-2026.xlsx", sample("cong-an-2026.xlsx"));
  c.upload("bch-quan-su-2026.xlsx", sample("bch-quan-su-2026.xlsx"));
  auto r = c.get("/api/units");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("{\"name\":\"Công an\",\"sent\":true"));
  EXPECT_THAT(r.body, HasSubstr("{\"name\":\"Phòng Văn hóa - Xã hội\",\"sent\":false"));
  EXPECT_THAT(r.body, HasSubstr("<svg"));
  EXPECT_THAT(r.body, HasSubstr("#units?filter=missing"));
  EXPECT_EQ(number_after(r.body, "units_sent"), 2);
}

TEST_F(Api, StaffChooseTheUnitWhenTonghopCannotTell) {
  Server server(dir.path);
  auto c = server.client();
  // A CSV named after nothing: no header block, the file name says nothing.
  auto r = c.upload("bao-cao.csv", sample("phong-kt-ht-dt-2026.csv"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_THAT(r.body, HasSubstr("unknown-unit"));
  auto id = std::to_string(number_after(r.body, "id"));
  EXPECT_EQ(c.post("/api/submissions/" + id + "/recheck", "unit=Kh%C3%B4ng%20c%C3%B3").status, 400);
  auto again = c.post("/api/submissions/" + id + "/recheck",
                      "unit=" + url_encode("Phòng Kinh tế, Hạ tầng và Đô thị") + "&period=2026-year");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_THAT(again.body, HasSubstr("\"unit\":\"Phòng Kinh tế, Hạ tầng và Đô thị\""));
  EXPECT_THAT(c.get("/api/submissions/" + id).body, Not(HasSubstr("unknown-unit")));
}

TEST_F(Api, ACorrectedMappingIsAppliedToThisAndLaterUploads) {
  Server server(dir.path);
  auto c = server.client();
  auto csv = sample("phong-kt-ht-dt-2026.csv") + "7,Chỉ số đo lường sự hài lòng của doanh nghiệp,%,80,85,\n";
  auto r = c.upload("phong-kt-ht-dt-2026.csv", csv);
  ASSERT_EQ(r.status, 201);
  auto id = std::to_string(number_after(r.body, "id"));
  ASSERT_THAT(r.body, HasSubstr("unknown-item"));
  const auto& target = server.office->plan().indicators.at(0).name;
  auto fix = c.post("/api/corrections", "kind=item&written=" + url_encode("Chỉ số đo lường sự hài lòng của doanh nghiệp") +
                                            "&target_kind=indicator&target=" + url_encode(target));
  ASSERT_EQ(fix.status, 201) << fix.body;
  auto now = c.get("/api/submissions/" + id).body;
  EXPECT_THAT(now, Not(HasSubstr("unknown-item")));
  // "Not a plan item" for another row, then a later upload: both corrections apply.
  auto other = csv + "8,Việc riêng của phòng,%,1,1,\n";
  EXPECT_EQ(c.post("/api/corrections", "kind=item&written=" + url_encode("Việc riêng của phòng") +
                                           "&target_kind=none&target=").status, 201);
  auto later = c.upload("phong-kt-ht-dt-2026.csv", other);
  // The taught row matches, the row said to be no plan item is no longer reported unknown.
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_THAT(later.body, Not(HasSubstr("\"unknown-item\"")));
  EXPECT_EQ(c.get("/api/corrections").body.find("Việc riêng") != std::string::npos, true);
  // The same corrections as a file for `tonghop check --aliases`.
  auto toml = c.get("/api/corrections?format=toml");
  EXPECT_EQ(toml.status, 200);
  EXPECT_THAT(toml.body, HasSubstr("[[not-item]]\nwritten = \"Việc riêng của phòng\"\n"));
  EXPECT_THAT(toml.body, HasSubstr("[[item]]\nwritten = \"Chỉ số đo lường sự hài lòng của doanh nghiệp\"\nplan = "));
  EXPECT_EQ(c.post("/api/corrections", "kind=item&written=x&target_kind=indicator&target=nothing").status, 400);
  // A unit's own abbreviation taught once.
  EXPECT_EQ(c.post("/api/corrections", "kind=unit&written=ANPHUONG&target=" + url_encode("Công an")).status, 201);
  auto named = c.upload("ANPHUONG.csv", sample("phong-kt-ht-dt-2026.csv"));
  EXPECT_THAT(named.body, HasSubstr("\"unit\":\"Công an\""));
}

TEST_F(Api, AnAliasFileGivenAtStartIsAppliedToEveryCheck) {
  auto aliases = dir.path / "cach-viet.toml";
  {
    std::ofstream f(aliases);
    f << "[[item]]\nwritten = \"Chỉ số đo lường sự hài lòng của doanh nghiệp\"\nplan = \"1\"\n"
         "[[not-item]]\nwritten = \"Việc riêng của phòng\"\n";
  }
  Server server(dir.path / "data", {}, {}, "samples/ke-hoach/an-duong-2026-2030.xlsx", aliases.string());
  auto c = server.client();
  auto csv = sample("phong-kt-ht-dt-2026.csv") + "7,Chỉ số đo lường sự hài lòng của doanh nghiệp,%,80,85,\n" +
             "8,Việc riêng của phòng,%,1,1,\n";
  auto r = c.upload("phong-kt-ht-dt-2026.csv", csv);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_THAT(r.body, Not(HasSubstr("\"unknown-item\"")));
  // The taught row is plan item 1; the other is skipped as no plan item.
  EXPECT_THAT(r.body, HasSubstr("\"code\": \"1\",\n          \"name\": \"" + server.office->plan().indicators.at(0).name +
                                    "\",\n          \"written\": \"Chỉ số đo lường sự hài lòng của doanh nghiệp\""));
  EXPECT_THAT(r.body, HasSubstr("\"skipped-rows\""));
}

TEST_F(Api, ConsolidationUsesTheCurrentVersionsAndIsRecorded) {
  Server server(dir.path);
  auto c = server.client();
  EXPECT_EQ(c.post("/api/consolidations", "").status, 409);
  c.upload("phong-vhxh-2026-lan-1.xlsx", sample("phong-vhxh-2026-lan-1.xlsx"));
  auto newer = c.upload("phong-vhxh-2026.xlsx", sample("phong-vhxh-2026.xlsx"));
  c.upload("cong-an-2026.xlsx", sample("cong-an-2026.xlsx"));
  auto r = c.post("/api/consolidations", "");
  ASSERT_EQ(r.status, 201) << r.body;
  auto list = server.store->consolidations();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].submissions, (std::vector<std::int64_t>{number_after(newer.body, "id"), 3}));
  auto book = c.get("/api/consolidations/1/download");
  EXPECT_EQ(book.status, 200);
  EXPECT_EQ(book.body.substr(0, 2), "PK");
  EXPECT_EQ(sha256_hex(book.body), list[0].sha256);
  auto report = c.get("/api/submissions/3/report");
  EXPECT_EQ(report.status, 200);
  EXPECT_EQ(report.body.substr(0, 2), "PK");
}

TEST_F(Api, UnitLinksUploadAsTheirUnitAndSeeOnlyTheirOwn) {
  Server server(dir.path);
  auto c = server.client();
  EXPECT_EQ(c.upload("cong-an-2026.xlsx", sample("cong-an-2026.xlsx")).status, 201);
  server.store->add_link({"0ff1ce", ""});
  server.store->add_link({"5eed", "Phòng Kinh tế, Hạ tầng và Đô thị"});
  EXPECT_EQ(c.get("/api/submissions").status, 401);
  EXPECT_EQ(c.get("/").status, 200);  // the page itself, to say a link is needed
  std::map<std::string, std::string> unit = {{"Cookie", "tonghop_token=5eed"}};
  auto mine = c.upload("bao-cao.csv", sample("phong-kt-ht-dt-2026.csv"), unit);
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_THAT(mine.body, HasSubstr("\"unit\":\"Phòng Kinh tế, Hạ tầng và Đô thị\""));
  auto list = c.get("/api/submissions", unit);
  EXPECT_THAT(list.body, Not(HasSubstr("Công an")));
  EXPECT_EQ(c.get("/api/submissions/1", unit).status, 404);
  EXPECT_EQ(c.get("/api/units", unit).status, 403);
  EXPECT_EQ(c.post("/api/consolidations", "", unit).status, 403);
  EXPECT_EQ(c.get("/api/units", {{"Authorization", "Bearer 0ff1ce"}}).status, 200);
  auto link = c.get("/u/5eed");
  EXPECT_EQ(link.status, 303);
  EXPECT_THAT(link.headers["Set-Cookie"], HasSubstr("HttpOnly"));
  EXPECT_EQ(c.get("/u/bad").status, 404);
}

TEST_F(Api, CheckOnlyAnswersTheSameCheckAndStoresNothing) {
  Server server(dir.path);
  auto c = server.client();
  auto bytes = sample("bch-quan-su-2026.xlsx");
  auto r = c.post("/api/check", bytes, {{"X-File-Name", "bch-quan-su-2026.xlsx"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_THAT(r.body, HasSubstr("\"unit\":\"Ban Chỉ huy Quân sự\""));
  EXPECT_THAT(r.body, HasSubstr("\"errors\":1"));
  EXPECT_THAT(r.body, HasSubstr("\"severity\": \"error\""));
  EXPECT_THAT(r.body, HasSubstr("\"cell\": \"E4\""));
  EXPECT_THAT(c.post("/api/check?lang=en", bytes, {{"X-File-Name", "bch-quan-su-2026.xlsx"}}).body, Not(HasSubstr("chưa có số liệu")));
  EXPECT_TRUE(server.store->submissions().empty());
  EXPECT_EQ(files_on_disk(dir.path), 0u);
  EXPECT_TRUE(fs::is_empty(dir.path / "tmp"));
  // The same rules as an upload: the anti-forgery header, a name, a file, one at a time.
  EXPECT_EQ(c.post("/api/check", bytes, {{"X-File-Name", "a.xlsx"}, {"X-Tonghop-CSRF", "wrong"}}).status, 403);
  EXPECT_EQ(c.post("/api/check", bytes).status, 400);
  EXPECT_EQ(c.post("/api/check", "", {{"X-File-Name", "a.xlsx"}}).status, 422);
  std::string two = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n"
                    "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.csv\"\r\n\r\ny\r\n--b--\r\n";
  EXPECT_EQ(c.post("/api/check", two, {{"Content-Type", "multipart/form-data; boundary=b"}}).status, 400);
}

TEST_F(Api, TheExcelTaskPaneIsServedWithAManifestNamingThisServer) {
  Server server(dir.path);
  auto c = server.client();
  auto pane = c.get("/addin/");
  ASSERT_EQ(pane.status, 200);
  EXPECT_THAT(pane.body, HasSubstr("taskpane.js"));
  // Office.js comes from Microsoft's CDN and Excel on the web frames the pane; the page
  // itself keeps its strict policy.
  EXPECT_THAT(pane.headers["Content-Security-Policy"], HasSubstr("https://appsforoffice.microsoft.com"));
  EXPECT_EQ(pane.headers.count("X-Frame-Options"), 0u);
  EXPECT_EQ(c.get("/").headers["X-Frame-Options"], "DENY");
  EXPECT_EQ(c.get("/addin/taskpane.js").status, 200);
  EXPECT_EQ(c.get("/addin/icon-32.png").headers["Content-Type"], "image/png");
  EXPECT_EQ(c.get("/addin/nothing.js").status, 404);
  EXPECT_EQ(c.get("/static/addin/taskpane.js").status, 404);
  auto manifest = c.get("/addin/manifest.xml");
  ASSERT_EQ(manifest.status, 200);
  EXPECT_THAT(manifest.headers["Content-Type"], HasSubstr("xml"));
  auto host = "http://127.0.0.1:" + std::to_string(server.http->port());
  EXPECT_THAT(manifest.body, HasSubstr("<SourceLocation DefaultValue=\"" + host + "/addin/taskpane.html\"/>"));
  EXPECT_THAT(manifest.body, Not(HasSubstr("localhost:8080")));
  EXPECT_THAT(c.get("/addin/manifest.xml", {{"X-Forwarded-Proto", "https"}}).body,
              HasSubstr("https://127.0.0.1:" + std::to_string(server.http->port()) + "/addin/icon-32.png"));
  // Behind an HTTPS proxy the pane's requests come from https://HOST; a plain one is refused.
  auto https = "https://127.0.0.1:" + std::to_string(server.http->port());
  auto bytes = sample("bch-quan-su-2026.xlsx");
  EXPECT_EQ(c.post("/api/check", bytes, {{"X-File-Name", "a.xlsx"}, {"Origin", https}, {"X-Forwarded-Proto", "https"}})
                .status,
            200);
  EXPECT_EQ(c.post("/api/check", bytes, {{"X-File-Name", "a.xlsx"}, {"Origin", https}}).status, 403);
  EXPECT_EQ(c.post("/api/check", bytes, {{"X-File-Name", "a.xlsx"}, {"Origin", host}}).status, 200);
}

TEST_F(Api, EachUnitGetsItsFillInFormAndAUnitLinkOnlyItsOwn) {
  Server server(dir.path);
  auto c = server.client();
  auto office = c.get("/api/form?unit=" + url_encode("Công an"));
  ASSERT_EQ(office.status, 200) << office.body;
  EXPECT_EQ(office.body.substr(0, 2), "PK");
  EXPECT_THAT(office.headers["Content-Disposition"], HasSubstr("bieu-mau-cong-an-nam-2026.xlsx"));
  EXPECT_EQ(c.get("/api/form?unit=" + url_encode("Phòng Không Có")).status, 404);
  // The form reads back as that unit's report, with nothing filled in yet.
  auto sent = c.upload("bieu-mau.xlsx", office.body);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_THAT(sent.body, HasSubstr("\"unit\":\"Công an\""));
  server.store->add_link({"5eed", "Phòng Kinh tế, Hạ tầng và Đô thị"});
  std::map<std::string, std::string> unit = {{"Cookie", "tonghop_token=5eed"}};
  auto own = c.get("/api/form?unit=" + url_encode("Công an"), unit);
  ASSERT_EQ(own.status, 200);
  EXPECT_THAT(own.headers["Content-Disposition"], HasSubstr("bieu-mau-phong-kinh-te-ha-tang-va-do-thi-nam-2026.xlsx"));
}

// The pane is served by this server, so its requests are same-origin: no other origin is
// ever allowed by CORS (no Access-Control-* header on any answer, a preflight refused) and
// a request a page elsewhere makes is refused by the origin check.
TEST_F(Api, NoOtherOriginIsAllowedAndACheckHasTheLimitsOfAnUpload) {
  ServerLimits small;
  small.body_bytes = 1u << 20;
  Server server(dir.path, small);
  auto c = server.client();
  auto bytes = sample("bch-quan-su-2026.xlsx");
  auto own = "http://127.0.0.1:" + std::to_string(server.http->port());
  std::vector<Reply> replies;
  for (const std::string& origin : std::vector<std::string>{"http://evil.example", "null", "https://127.0.0.1:1", own}) {
    std::map<std::string, std::string> h = {{"Origin", origin}, {"X-File-Name", "a.xlsx"}};
    auto check = c.post("/api/check", bytes, h);
    EXPECT_EQ(check.status, origin == own ? 200 : 403) << origin << ": " << check.body;
    replies.push_back(check);
    replies.push_back(c.send(http::verb::options, "/api/check", "",
                             {{"Origin", origin}, {"Access-Control-Request-Method", "POST"},
                              {"Access-Control-Request-Headers", "x-tonghop-csrf"}}));
    EXPECT_NE(replies.back().status / 100, 2) << "a preflight from " << origin;
    replies.push_back(c.get("/api/session", {{"Origin", origin}}));
    replies.push_back(c.get("/addin/manifest.xml", {{"Origin", origin}}));
  }
  for (const auto& r : replies)
    for (const auto& [name, value] : r.headers)
      EXPECT_FALSE(name.starts_with("Access-Control-")) << name << ": " << value;
  // The limits of an upload: the body size, the isolated child, hostile files.
  EXPECT_EQ(c.post("/api/check", std::string(2u << 20, 'a'), {{"X-File-Name", "big.csv"}}).status, 413);
  TempDir plain_dir;
  Server plain(plain_dir.path);
  auto p = plain.client();
  for (auto name : {"bad_zip_bomb.xlsx", "bad_entity_bomb.xlsx", "bad_repeat_bomb.ods", "bad_encrypted.xlsx"}) {
    auto r = p.post("/api/check", slurp(source_path(std::string("tests/data/") + name)), {{"X-File-Name", name}});
    EXPECT_TRUE(r.status == 422 || (r.status == 200 && r.body.find("\"readable\":false") != std::string::npos))
        << name << ": " << r.status << " " << r.body;
  }
  EXPECT_EQ(p.get("/api/session").status, 200);
  for (auto* one : {&server, &plain}) {
    EXPECT_TRUE(one->store->submissions().empty());
    auto data = one == &server ? dir.path : plain_dir.path;
    EXPECT_EQ(files_on_disk(data), 0u);
    EXPECT_TRUE(fs::is_empty(data / "tmp"));
  }
  IsolationLimits tight;
  tight.seconds = 0.001;
  TempDir other;
  Server slow(other.path, {}, tight);
  auto s = slow.client();
  auto r = s.post("/api/check", bytes, {{"X-File-Name", "a.xlsx"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_THAT(r.body, HasSubstr("giới hạn an toàn"));
  EXPECT_EQ(s.get("/api/session").status, 200);
}

// The Excel pane opens the form's address in a browser without its cookie or header: the
// form alone takes the token in its query, and only a known one, for that unit's own form.
TEST_F(Api, TheFormTakesTheTokenInItsQueryAndNothingElseDoes) {
  Server server(dir.path);
  auto c = server.client();
  server.store->add_link({"0ff1ce", ""});
  server.store->add_link({"5eed", "Phòng Kinh tế, Hạ tầng và Đô thị"});
  auto own = c.get("/api/form?unit=" + url_encode("Công an") + "&token=5eed");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.body.substr(0, 2), "PK");
  EXPECT_THAT(own.headers["Content-Disposition"], HasSubstr("bieu-mau-phong-kinh-te-ha-tang-va-do-thi-nam-2026.xlsx"));
  auto office = c.get("/api/form?token=0ff1ce&unit=" + url_encode("Công an"));
  ASSERT_EQ(office.status, 200);
  EXPECT_THAT(office.headers["Content-Disposition"], HasSubstr("bieu-mau-cong-an-nam-2026.xlsx"));
  EXPECT_EQ(c.get("/api/form?unit=" + url_encode("Công an")).status, 401);
  EXPECT_EQ(c.get("/api/form?unit=" + url_encode("Công an") + "&token=5eee").status, 401);
  EXPECT_EQ(c.get("/api/form?unit=" + url_encode("Công an") + "&token=").status, 401);
  EXPECT_EQ(c.get("/api/submissions?token=0ff1ce").status, 401);
  EXPECT_EQ(c.get("/api/units?token=0ff1ce").status, 401);
  EXPECT_EQ(c.post("/api/check?token=5eed", sample("cong-an-2026.xlsx"), {{"X-File-Name", "a.xlsx"}}).status, 401);
}

}  // namespace
}  // namespace tonghop::serve::testing
