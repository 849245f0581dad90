// OLE2/CFB containers through libgsf. Until the .xls reader lands this only tells what the
// container holds, so the refusal names it: an encrypted OOXML package or an .xls with a
// FILEPASS record is encrypted-file, a Workbook/Book stream is unsupported-format.
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include <cstring>
#include <memory>
#include <string>

#include "core/issue.hpp"
#include "read/format_readers.hpp"

namespace tonghop {
namespace {

struct GObjectUnref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

void quiet_log(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

GsfInput* child_nocase(GsfInfile* ole, std::string_view name) {
  int n = gsf_infile_num_children(ole);
  for (int i = 0; i < n; ++i) {
    const char* c = gsf_infile_name_by_index(ole, i);
    if (c && std::strlen(c) == name.size() && g_ascii_strncasecmp(c, name.data(), name.size()) == 0)
      return gsf_infile_child_by_index(ole, i);
  }
  return nullptr;
}

// Reads the first records of a BIFF stream: BOF version, and whether FILEPASS follows.
struct BiffProbe {
  unsigned version = 0;  // 0x0600 BIFF8, 0x0500 BIFF5
  bool filepass = false;
};

BiffProbe probe_biff(GsfInput* stream) {
  BiffProbe p;
  for (int records = 0; records < 64; ++records) {
    const guint8* head = gsf_input_read(stream, 4, nullptr);
    if (!head) break;
    unsigned type = head[0] | (head[1] << 8);
    unsigned len = head[2] | (head[3] << 8);
    const guint8* body = len ? gsf_input_read(stream, len, nullptr) : nullptr;
    if (len && !body) break;
    if (records == 0) {
      if ((type & 0xFF) != 0x09 || len < 2) break;
      p.version = body[0] | (body[1] << 8);
    } else if (type == 0x002F) {
      p.filepass = true;
      break;
    } else if (type == 0x0085 || type == 0x000A) {  // BOUNDSHEET or EOF: past the header
      break;
    }
  }
  return p;
}

}  // namespace

void read_cfb(const std::string& path, WorkbookSink&, const ReadLimits&) {
  static bool quiet = [] {
    g_log_set_handler("libgsf:msole", GLogLevelFlags(G_LOG_LEVEL_MASK), quiet_log, nullptr);
    g_log_set_handler("libgsf", GLogLevelFlags(G_LOG_LEVEL_MASK), quiet_log, nullptr);
    return true;
  }();
  (void)quiet;
  GError* err = nullptr;
  GPtr<GsfInput> input(gsf_input_stdio_new(path.c_str(), &err));
  if (!input) {
    std::string msg = err ? err->message : "?";
    if (err) g_error_free(err);
    throw_unreadable(Text("không mở được tệp (" + msg + ")", "the file cannot be opened (" + msg + ")"));
  }
  GPtr<GsfInfile> ole(gsf_infile_msole_new(input.get(), &err));
  if (!ole) {
    std::string msg = err ? err->message : "?";
    if (err) g_error_free(err);
    throw_unreadable(Text("vỏ OLE2 của tệp bị hỏng (" + msg + ")",
                          "the file's OLE2 container is damaged (" + msg + ")"));
  }
  if (GPtr<GsfInput> enc{child_nocase(ole.get(), "EncryptionInfo")})
    throw_encrypted(Text("Office (OOXML)"));
  if (GPtr<GsfInput> wb{child_nocase(ole.get(), "Workbook")}) {
    auto p = probe_biff(wb.get());
    if (p.filepass) throw_encrypted(Text("Excel 97-2003 (.xls)"));
    throw_unsupported(Text("Excel 97-2003 (.xls)"));
  }
  if (GPtr<GsfInput> book{child_nocase(ole.get(), "Book")}) {
    auto p = probe_biff(book.get());
    if (p.filepass) throw_encrypted(Text("Excel 5.0/95 (.xls)"));
    throw_unsupported(Text("Excel 5.0/95 (.xls)"));
  }
  if (GPtr<GsfInput> doc{child_nocase(ole.get(), "WordDocument")})
    throw_unsupported(Text("văn bản Word 97-2003 (.doc)", "Word 97-2003 document (.doc)"));
  throw_unsupported(Text("tài liệu OLE2 không phải bảng tính", "OLE2 document that is not a spreadsheet"));
}

}  // namespace tonghop
