// The mapping memory of a plan: what the office taught tonghop once, so that one correction
// stays made. An additive TOML file given with --aliases (plan, check, consolidate):
//
//   # Ghi nhớ cách viết của các đơn vị / what the units write
//   [[item]]                        # a written item name -> the plan's item (code or name)
//   written = "Rà soát, đơn giản hóa TTHC"
//   plan = "1.4"
//   [[unit]]                        # a unit's spelling -> the unit's name
//   written = "P.VHXH"
//   unit = "Phòng Văn hóa - Xã hội"
//   [[file]]                        # an abbreviation in file names -> the unit's name
//   written = "TCKT"
//   unit = "Phòng Tài chính - Kế hoạch"
//   [[not-item]]                    # a row that is no plan item (a subtotal, a remark)
//   written = "Cộng các chỉ tiêu xã hội"
//
// Written names are compared folded (case, diacritics, spacing). The same store is meant to
// be appended by the upload page: load, add, save (atomically, the old file kept on failure).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tonghop {

class UnitRegistry;

struct Alias {
  enum class Kind { Item, Unit, File, NotItem } kind = Kind::Item;
  std::string written;  // as the unit wrote it
  std::string target;   // item: the plan's code or name; unit, file: the unit's name; not-item: ""
  std::size_t line = 0; // where it was read (0: added in this run)
};

class AliasStore {
 public:
  // Throws ConfigError "path:line: what" for a file that cannot be used.
  static AliasStore load(const std::string& path);

  const std::vector<Alias>& entries() const { return entries_; }
  // Adds a correction; one with the same kind and written name (folded) is replaced, and an
  // item and a not-item entry for the same name replace each other (the later decision wins).
  void add(Alias a);
  // Writes every entry to `path` through a temporary file renamed over it; throws
  // std::runtime_error naming the path when it cannot.
  void save(const std::string& path) const;
  // The file's text, as save writes it.
  std::string to_toml() const;

  // The plan item (code or name) a written name was taught to be, if any.
  std::optional<std::string> item_for(std::string_view written) const;
  // Whether the office said a row written so is no plan item.
  bool is_not_item(std::string_view written) const;
  // Unit spellings and file-name abbreviations into a registry: each resolves to its unit.
  void teach(UnitRegistry& units) const;

 private:
  std::vector<Alias> entries_;
};

}  // namespace tonghop
