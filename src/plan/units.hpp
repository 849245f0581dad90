// The units of a plan (cơ quan, đơn vị) resolved to one canonical name each, from a data
// file of aliases (templates/units.toml) that IT staff extend.
//
//   auto reg = UnitRegistry::load("templates/units.toml");
//   reg.resolve("Phòng VH- XH").name   // "Phòng Văn hóa - Xã hội"
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"

namespace tonghop {

class UnitRegistry {
 public:
  enum class Match {
    Known,    // the folded name (or an alias) is a known unit
    Closest,  // not known, but close to one known unit: probably a typo
    Generic,  // "Các cơ quan, đơn vị liên quan": not a unit that must report
    Unknown,  // resolves to nothing
  };
  struct Resolution {
    Match match = Match::Unknown;
    std::string name;  // canonical name (Known, Closest); the name as written otherwise
    double score = 0;  // similarity for Closest
  };

  // Throws ConfigError naming the file and line.
  static UnitRegistry load(const std::string& path);
  // The file shipped with tonghop: $TONGHOP_TEMPLATES/units.toml or the source tree's.
  static UnitRegistry load_default();

  void add_unit(const std::string& name, const std::vector<std::string>& aliases = {});
  Resolution resolve(std::string_view name) const;
  // The known unit whose name stands in a longer text as whole words ("BÁO CÁO ... CỦA
  // CÔNG AN PHƯỜNG", "BC_KT-HT-DT_2026"): the longest such name, or "".
  std::string find_in(std::string_view text) const;
  // The unit a file's name abbreviates, as staff write them ("BC_TCKT_2026", "VPDU bao
  // cao", "mttq-xa", "BC-QLDA"): the names find_in finds, an abbreviation of the data file
  // expanded, or the initials of a run of at least three words of one unit's own name
  // ("Văn phòng Đảng ủy" -> VPDU, "Ban Quản lý dự án" -> QLDA); "" when none or several.
  std::string find_in_file_name(std::string_view stem) const;
  // The comparison key: folded, abbreviations expanded, locality word dropped.
  std::string key(std::string_view name) const;

 private:
  std::map<std::string, std::string> abbreviations_;
  std::vector<std::string> localities_;
  std::vector<std::string> generic_prefixes_;
  std::map<std::string, std::string> by_key_;  // key -> canonical name
  // Per key of by_key_ (the same order): the key as find_in looks for it, the same
  // without "phòng", and the canonical name.
  struct Needles {
    std::string whole, bare, name;
  };
  std::map<std::string, Needles> needles_;
};

// A cell of coordinating agencies split on ";" and line breaks (commas occur inside
// names: "Phòng Kinh tế, Hạ tầng và Đô thị").
std::vector<std::string> split_agencies(std::string_view cell);

}  // namespace tonghop
