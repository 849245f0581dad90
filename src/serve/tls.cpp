#include "serve/tls.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/platform.hpp"
#include "serve/catalog.hpp"

namespace fs = std::filesystem;

namespace tonghop::serve {
namespace {

// The certificates are made with libcrypto itself (no openssl program: a Windows office
// PC has none).
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

[[noreturn]] void fail(const std::string& what, const std::string& dir) {
  char reason[256] = "?";
  if (auto code = ERR_get_error()) ERR_error_string_n(code, reason, sizeof reason);
  ERR_clear_error();
  throw std::runtime_error("không tạo được chứng chỉ HTTPS trong " + dir + " (" + what + ") / could not make the " +
                           "HTTPS certificate in " + dir + " (" + what + ": " + reason + ")");
}

// P-256: what browsers and Windows accept everywhere, small and quick to make.
Key new_key(const std::string& dir) {
  Key key(EVP_EC_gen("P-256"));
  if (!key) fail("EC key", dir);
  return key;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value, const std::string& dir) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext || !X509_add_ext(cert, ext, -1)) {
    X509_EXTENSION_free(ext);
    fail(std::string("extension ") + OBJ_nid2sn(nid) + "=" + value, dir);
  }
  X509_EXTENSION_free(ext);
}

// A version 3 certificate of subject (O=tonghop, CN=common_name) for key, valid from now for
// days, issued by issuer (null: self-issued); unsigned yet (its extensions come first).
Cert new_cert(EVP_PKEY* key, const std::string& common_name, long days, X509* issuer, const std::string& dir) {
  Cert cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), 2)) fail("X509_new", dir);
  // A random positive 127-bit serial number, as RFC 5280 asks (unique per authority).
  BIGNUM* serial = BN_new();
  bool ok = serial && BN_rand(serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
            BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  if (!ok) fail("serial number", dir);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 60 * 60) || !X509_set_pubkey(cert.get(), key) ||
      !X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("tonghop"), -1,
                                  -1, 0) ||
      !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                  reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) ||
      !X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name))
    fail("subject", dir);
  return cert;
}

void sign(X509* cert, EVP_PKEY* key, const std::string& dir) {
  if (!X509_sign(cert, key, EVP_sha256())) fail("X509_sign", dir);
}

std::string pem_of(const std::function<int(BIO*)>& write, const std::string& what, const std::string& dir) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || !write(bio.get())) fail(what, dir);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, std::size_t(n));
}

template <class T>
T read_pem(const std::string& path, T (*read)(BIO*), const std::string& dir) {
  std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto bytes = text.str();
  Bio bio(BIO_new_mem_buf(bytes.data(), int(bytes.size())));
  T value = bio ? read(bio.get()) : T{};
  if (!value) fail("đọc / reading " + path, dir);
  return value;
}

Cert read_cert(const std::string& path, const std::string& dir) {
  return read_pem<Cert>(path, [](BIO* b) { return Cert(PEM_read_bio_X509(b, nullptr, nullptr, nullptr)); }, dir);
}
Key read_key(const std::string& path, const std::string& dir) {
  return read_pem<Key>(path, [](BIO* b) { return Key(PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr)); }, dir);
}

bool is_ip(const std::string& name) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(name, ec);
  return !ec;
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(platform::path_from_utf8(path), ec);
}

}  // namespace

TlsFiles ensure_tls_files(const std::string& dir, const std::vector<std::string>& names) {
  TlsFiles f;
  auto d = platform::path_from_utf8(dir);
  f.ca_cert = platform::utf8_of(d / "ca.crt");
  f.server_cert = platform::utf8_of(d / "server.crt");
  f.server_key = platform::utf8_of(d / "server.key");
  auto ca_key_path = platform::utf8_of(d / "ca.key");
  if (exists(f.ca_cert) && exists(ca_key_path) && exists(f.server_cert) && exists(f.server_key)) return f;
  std::error_code ec;
  fs::create_directories(d, ec);
  fs::permissions(d, fs::perms::owner_all, fs::perm_options::replace, ec);
  // The authority: kept for ten years, so the PCs trust it once.
  Key ca_key;
  Cert ca;
  if (!exists(f.ca_cert) || !exists(ca_key_path)) {
    ca_key = new_key(dir);
    ca = new_cert(ca_key.get(), "tonghop - chung chi cua van phong", 3650, nullptr, dir);
    add_ext(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0", dir);
    add_ext(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign", dir);
    add_ext(ca.get(), ca.get(), NID_subject_key_identifier, "hash", dir);
    sign(ca.get(), ca_key.get(), dir);
    write_aside(ca_key_path,
               pem_of([&](BIO* b) { return PEM_write_bio_PrivateKey(b, ca_key.get(), nullptr, nullptr, 0, nullptr, nullptr); },
                      "ca.key", dir),
               true);
    write_aside(f.ca_cert, pem_of([&](BIO* b) { return PEM_write_bio_X509(b, ca.get()); }, "ca.crt", dir), false);
  } else {
    ca = read_cert(f.ca_cert, dir);
    ca_key = read_key(ca_key_path, dir);
  }
  std::string san;
  for (const auto& n : names) {
    if (n.empty()) continue;
    san += (san.empty() ? "" : ",") + std::string(is_ip(n) ? "IP:" : "DNS:") + n;
  }
  if (san.empty()) san = "DNS:localhost";
  Key key = new_key(dir);
  // 825 days: the longest a server certificate may live for browsers that check.
  Cert cert = new_cert(key.get(), names.empty() ? std::string("localhost") : names[0], 825, ca.get(), dir);
  add_ext(cert.get(), ca.get(), NID_subject_alt_name, san.c_str(), dir);
  add_ext(cert.get(), ca.get(), NID_basic_constraints, "CA:FALSE", dir);
  add_ext(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature", dir);
  add_ext(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth", dir);
  add_ext(cert.get(), ca.get(), NID_subject_key_identifier, "hash", dir);
  add_ext(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always", dir);
  sign(cert.get(), ca_key.get(), dir);
  write_aside(f.server_key,
             pem_of([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); },
                    "server.key", dir),
             true);
  write_aside(f.server_cert, pem_of([&](BIO* b) { return PEM_write_bio_X509(b, cert.get()); }, "server.crt", dir),
             false);
  // For the office's PCs: trust this authority for the current Windows user (no
  // administrator needed), then the pane's https:// address opens without a warning.
  std::ofstream bat(d / "cai-chung-chi.bat", std::ios::binary | std::ios::trunc);
  bat << "@echo off\r\nrem Cai chung chi cua van phong (tonghop) vao may nay, cho nguoi dung hien tai.\r\n"
      << "certutil -user -addstore Root \"%~dp0ca.crt\"\r\npause\r\n";
  f.made = true;
  return f;
}

std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsFiles& files) {
  auto ctx = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
  boost::system::error_code ec;
  ctx->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                       boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                       boost::asio::ssl::context::no_tlsv1_1,
                   ec);
  ctx->use_certificate_chain_file(files.server_cert, ec);
  if (!ec) ctx->use_private_key_file(files.server_key, boost::asio::ssl::context::pem, ec);
  if (ec)
    throw std::runtime_error("không nạp được chứng chỉ " + files.server_cert + " / cannot load the certificate " +
                             files.server_cert + ": " + ec.message());
  return ctx;
}

}  // namespace tonghop::serve
