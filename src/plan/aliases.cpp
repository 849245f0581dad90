#include "plan/aliases.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/toml_file.hpp"
#include "core/platform.hpp"
#include "core/text.hpp"
#include "plan/units.hpp"

namespace tonghop {

namespace {

constexpr const char* kTables[] = {"item", "unit", "file", "not-item"};
constexpr int kKinds = 4;
const char* target_key(int kind) { return kind == 0 ? "plan" : kind == 3 ? nullptr : "unit"; }

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

}  // namespace

AliasStore AliasStore::load(const std::string& path) {
  auto doc = load_toml(path);
  AliasStore store;
  auto where = [&](const toml::node& n) { return path + ":" + std::to_string(n.source().begin.line) + ": "; };
  for (const auto& [key, node] : doc) {
    std::string k(key.str());
    int kind = -1;
    for (int i = 0; i < kKinds; ++i)
      if (k == kTables[i]) kind = i;
    if (kind < 0)
      throw ConfigError(where(node) + "unknown section [[" + k +
                        "]]; expected [[item]], [[unit]], [[file]] or [[not-item]]");
    auto* arr = node.as_array();
    if (!arr || !arr->is_array_of_tables())
      throw ConfigError(where(node) + "\"" + k + "\" must be written [[" + k + "]] (a list of entries)");
    const char* tkey = target_key(kind);
    for (const auto& e : *arr) {
      const auto& t = *e.as_table();
      for (const auto& [field, value] : t)
        if (field.str() != "written" && (!tkey || field.str() != tkey))
          throw ConfigError(where(value) + "unknown field \"" + std::string(field.str()) + "\" in [[" + k +
                            "]]; expected written" + (tkey ? std::string(" and ") + tkey : std::string(" only")));
      auto written = t["written"].value<std::string>();
      if (!written || written->empty())
        throw ConfigError(where(e) + "[[" + k + "]] without written = \"...\" (the name as the unit wrote it)");
      std::optional<std::string> target = std::string();
      if (tkey) target = t[tkey].value<std::string>();
      if (tkey && (!target || target->empty()))
        throw ConfigError(where(e) + "[[" + k + "]] \"" + *written + "\" without " + tkey + " = \"...\"");
      Alias a{Alias::Kind(kind), nfc(*written), nfc(*target), e.source().begin.line};
      store.add(std::move(a));
    }
  }
  return store;
}

void AliasStore::add(Alias a) {
  a.written = nfc(a.written);
  a.target = nfc(a.target);
  auto key = fold_key(a.written);
  auto is_row = [](Alias::Kind k) { return k == Alias::Kind::Item || k == Alias::Kind::NotItem; };
  std::erase_if(entries_, [&](const Alias& e) {
    bool same = e.kind == a.kind || (is_row(e.kind) && is_row(a.kind));
    return same && fold_key(e.written) == key;
  });
  entries_.push_back(std::move(a));
}

std::string AliasStore::to_toml() const {
  std::string out = "# tonghop: cách viết đã học / what the office taught (--aliases)\n";
  for (int kind = 0; kind < kKinds; ++kind)
    for (const auto& e : entries_) {
      if (int(e.kind) != kind) continue;
      out += std::string("\n[[") + kTables[kind] + "]]\nwritten = " + toml_string(e.written) + "\n";
      if (auto tkey = target_key(kind)) out += std::string(tkey) + " = " + toml_string(e.target) + "\n";
    }
  return out;
}

void AliasStore::save(const std::string& path) const {
  std::string out = to_toml();
  namespace fs = std::filesystem;
  fs::path target = platform::path_from_utf8(path);
  fs::path tmp = target;
  tmp += ".tmp-" + std::to_string(platform::process_id());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << out;
    f.flush();
    if (!f) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + platform::utf8_of(tmp));
    }
  }
  auto replaced = platform::replace_file(platform::utf8_of(tmp), path);
  if (!replaced.ok) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw std::runtime_error("cannot replace " + path + (replaced.in_use ? " (open in another program)" : "") + ": " +
                             replaced.message);
  }
}

std::optional<std::string> AliasStore::item_for(std::string_view written) const {
  auto key = fold_key(written);
  for (const auto& e : entries_)
    if (e.kind == Alias::Kind::Item && fold_key(e.written) == key) return e.target;
  return std::nullopt;
}

bool AliasStore::is_not_item(std::string_view written) const {
  auto key = fold_key(written);
  for (const auto& e : entries_)
    if (e.kind == Alias::Kind::NotItem && fold_key(e.written) == key) return true;
  return false;
}

void AliasStore::teach(UnitRegistry& units) const {
  for (const auto& e : entries_)
    if (e.kind == Alias::Kind::Unit || e.kind == Alias::Kind::File) units.add_unit(e.target, {e.written});
}

}  // namespace tonghop
