// The compound-file reader (read/cfb.hpp) gives, for every OLE2 file of the corpus,
// tests/data and samples, the same Workbook/Book stream that libgsf gave before it was
// replaced: tests/corpus/cfb_streams.tsv holds what libgsf read (size and FNV-1a hash of the
// stream's bytes, or that it found an encrypted package or could not read the file).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/issue.hpp"
#include "read/cfb.hpp"

using namespace tonghop;
namespace fs = std::filesystem;

namespace {

std::uint64_t fnv1a(const std::vector<std::uint8_t>& bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (auto c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string hex(std::uint64_t v) {
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(v));
  return out;
}

// As libgsf's side was recorded: "stream" (with the stream's size and hash),
// "enc;nostream", or "fail" for a container or stream that cannot be read.
struct Seen {
  std::string outcome, size = "-", hash = "-";
};

Seen outcome(const fs::path& file) {
  Seen seen;
  try {
    CompoundFile cf(cfb_file_source(file.string()), ReadLimits{});
    std::string r = cf.find("EncryptionInfo") ? "enc;" : "";
    const auto* e = cf.find("Workbook");
    if (!e) e = cf.find("Book");
    if (!e) {
      seen.outcome = r + "nostream";
      return seen;
    }
    auto bytes = cf.open(*e).read_all();
    seen.size = std::to_string(bytes.size());
    seen.hash = hex(fnv1a(bytes));
    seen.outcome = r + "stream";
  } catch (const InputError&) {
    seen.outcome = "fail";
  }
  return seen;
}

}  // namespace

TEST(CorpusCfb, SameStreamsAsLibgsf) {
  std::ifstream manifest(TONGHOP_SOURCE_DIR "/tests/corpus/cfb_streams.tsv");
  ASSERT_TRUE(manifest) << "tests/corpus/cfb_streams.tsv is missing";
  std::string line;
  int checked = 0, streams = 0, missing = 0;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream in(line);
    std::string rel, want, want_size, want_hash;
    std::getline(in, rel, '\t');
    std::getline(in, want, '\t');
    std::getline(in, want_size, '\t');
    std::getline(in, want_hash, '\t');
    fs::path file = rel.rfind("corpus/", 0) == 0 ? fs::path(TONGHOP_CORPUS_DIR) / rel.substr(7)
                                                 : fs::path(TONGHOP_SOURCE_DIR) / rel;
    if (!fs::exists(file)) {
      ++missing;
      continue;
    }
    auto [got, size, hash] = outcome(file);
    ++checked;
    if (want == "stream") {
      ++streams;
      EXPECT_EQ(got, "stream") << rel;
      EXPECT_EQ(size, want_size) << rel;
      EXPECT_EQ(hash, want_hash) << rel;
    } else if (want == "enc;nostream") {
      EXPECT_EQ(got, want) << rel;
    } else {
      // libgsf could not open the container or read its stream: ours refuses it too.
      EXPECT_EQ(got, "fail") << rel;
    }
  }
  std::cout << "cfb: " << checked << " OLE2 files compared with libgsf's streams, " << streams
            << " with a workbook stream; " << missing << " not present\n";
  if (checked == 0) GTEST_SKIP() << "no corpus at " << TONGHOP_CORPUS_DIR;
}
