// Reads files through the reader into a sink that only counts, and prints what it read:
// the cost measured is the reader's own.
//
//   bench_read FILE...
#include <cstdio>
#include <string>

#include "core/issue.hpp"
#include "read/reader.hpp"

namespace {
struct CountingSink : tonghop::WorkbookSink {
  unsigned long long cells = 0, sheets = 0, text_bytes = 0;
  double sum = 0;
  void begin_sheet(const tonghop::SheetInfo&) override { ++sheets; }
  void cell(const tonghop::Cell& c) override {
    ++cells;
    text_bytes += c.text.size();
    sum += c.number;  // touch the values so nothing is optimised away
  }
};
}  // namespace

int main(int argc, char** argv) {
  tonghop::ReadLimits limits;
  limits.cells = 100'000'000;
  CountingSink sink;
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    try {
      tonghop::read_workbook(argv[i], sink, limits);
    } catch (const tonghop::InputError& e) {
      std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
      ++failed;
    }
  }
  std::printf("files %d, sheets %llu, cells %llu, text bytes %llu, checksum %.6g, refused %d\n",
              argc - 1, sink.sheets, sink.cells, sink.text_bytes, sink.sum, failed);
  return failed ? 3 : 0;
}
