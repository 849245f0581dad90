// HTTPS for `tonghop serve --tls`: the Excel task pane must be served over HTTPS that the
// office's PCs trust, and an office has no certificate of its own. tonghop makes (once) a
// certificate authority of the office under DATA/tls with libcrypto (no openssl program,
// which a Windows PC has not), and a server certificate it signs for this machine's names;
// the office installs the authority's certificate on its PCs once (cai-chung-chi.bat, README).
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>
#include <vector>

namespace tonghop::serve {

struct TlsFiles {
  std::string ca_cert, server_cert, server_key;
  bool made = false;  // made by this call (not found already)
};

// Example: auto files = ensure_tls_files("tonghop-data/tls", {"localhost", "127.0.0.1"});
// Reuses what is there; makes the rest. names: DNS names and IP addresses the server
// certificate holds. Throws std::runtime_error with a Vietnamese / English message naming
// the folder (a file that cannot be written or read, libcrypto's reason).
TlsFiles ensure_tls_files(const std::string& dir, const std::vector<std::string>& names);

// A server context for those files (TLS 1.2 at least). Throws std::runtime_error.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsFiles& files);

}  // namespace tonghop::serve
