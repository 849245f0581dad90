// The Excel task pane installed without a Microsoft 365 administrator: a shared-folder
// catalog. `tonghop serve --tls` writes under DATA/excel-addin the manifest naming this
// server (catalog/manifest.xml, the folder to share on the office's network), a .reg file
// that makes a Windows user trust that shared folder as an add-in catalog, and Vietnamese
// instructions.
#pragma once

#include <string>

namespace tonghop::serve {

// The add-in's manifest (addin/excel/manifest.xml names http://localhost:8080) with base
// ("https://may-chu:8443") in its place.
std::string manifest_for_base(std::string xml, const std::string& base);

// A .reg file as regedit reads it: UTF-16LE with a byte order mark, CRLF lines. It adds
// HKEY_CURRENT_USER\Software\Microsoft\Office\16.0\WEF\TrustedCatalogs\GUID with Id=GUID,
// Url=share (backslashes and quotes escaped) and Flags=1 (shown in Excel's add-in menu).
// Example: registry_file("{0F0E...}", "\\\\MAY-CHU\\tonghop").
std::string registry_file(const std::string& guid, const std::string& share);

// UTF-8 to UTF-16LE (no byte order mark); a malformed sequence becomes U+FFFD.
std::string utf16le(const std::string& utf8);

// An error message for a share that is not a UNC path (\\MACHINE\FOLDER), empty when fine.
std::string share_problem(const std::string& share, bool vi);

struct CatalogFiles {
  std::string folder;    // DATA/excel-addin
  std::string manifest;  // .../catalog/manifest.xml
  std::string reg;       // .../them-danh-muc-tin-cay.reg
  std::string guide;     // .../huong-dan-cai-dat.txt
  std::string guid;      // kept in .../catalog-id, the same on every start
};

// Writes bytes to path (UTF-8) aside, then renamed over it: never seen half-written.
// owner_only: readable by this user alone (a private key). Throws std::runtime_error naming it.
void write_aside(const std::string& path, const std::string& bytes, bool owner_only = false);

// Writes (each file aside, then renamed) the catalog for the pane at base
// ("https://may-chu:8443") under dir, registered as share (\\MACHINE\FOLDER). tls_dir names
// the certificate folder in the instructions. Throws std::runtime_error naming the file.
CatalogFiles write_addin_catalog(const std::string& dir, const std::string& base, const std::string& share,
                                 const std::string& tls_dir);

}  // namespace tonghop::serve
