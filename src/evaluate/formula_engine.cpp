#include "evaluate/formula_engine.hpp"

#include <ixion/address.hpp>
#include <ixion/cell.hpp>
#include <ixion/config.hpp>
#include <ixion/formula.hpp>
#include <ixion/formula_function_opcode.hpp>
#include <ixion/formula_name_resolver.hpp>
#include <ixion/formula_result.hpp>
#include <ixion/formula_tokens.hpp>
#include <ixion/model_context.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "core/cell.hpp"

namespace tonghop {
namespace {

// libixion 0.17 (Debian 12) throws not_implemented_error for most functions and computes
// some of the others unlike Excel (AVERAGE counts empty cells, MAX of a range fails, LEN
// counts bytes). These are the ones checked against Excel's results in the tests.
bool supported(ixion::formula_function_t f) {
  using ixion::formula_function_t;
  switch (f) {
    case formula_function_t::func_sum:
    case formula_function_t::func_average:
    case formula_function_t::func_if:
    case formula_function_t::func_max:
    case formula_function_t::func_min:
    case formula_function_t::func_int:
    case formula_function_t::func_concatenate:
      return true;
    default:
      return false;
  }
}

enum class Rounding { None, Round, Up, Down };

// Excel rounds the decimal figure it shows (15 significant digits), so 2.675 rounds to
// 2.68 although the double is 2.67499999...
double round_like_excel(double v, int digits, Rounding mode) {
  double scale = std::pow(10.0, digits);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v * scale);
  double scaled = std::strtod(buf, nullptr);
  double r = mode == Rounding::Up     ? std::ceil(std::fabs(scaled))
             : mode == Rounding::Down ? std::floor(std::fabs(scaled))
                                      : std::floor(std::fabs(scaled) + 0.5);
  r = std::copysign(r, scaled) / scale;
  std::snprintf(buf, sizeof buf, "%.15g", r);
  return std::strtod(buf, nullptr);
}

Text function_reason(std::string_view name) {
  std::string n(name);
  return Text("hàm " + n + " chưa tính được", "the function " + n + " cannot be computed");
}

struct Formula {
  ixion::formula_tokens_store_ptr_t tokens;
  Rounding rounding = Rounding::None;
  int digits = 0;
  bool averages = false;  // uses AVERAGE: its ranges must hold numbers only
  std::optional<Text> unknown;  // not evaluated, and why
  // The cells it reads, resolved at its position.
  std::vector<ixion::abs_range_t> refs;
  // Single cells it computes with (+ - * / ^): ixion 0.17 takes text there as 0 where
  // Excel gives #VALUE!.
  std::vector<ixion::abs_address_t> arithmetic_refs;
};

// libixion 0.17 groups chains of * and / (and ^) from the right: it computes H8/I8*100
// as H8/(I8*100). The formula is given back to it with every binary operation in
// brackets, grouped from the left as Excel does; the engine still does the computing.
class LeftGrouping {
 public:
  LeftGrouping(ixion::formula_tokens_t& in, ixion::formula_tokens_t brackets) : in_(in) {
    for (auto& t : brackets) {
      if (t->get_opcode() == ixion::fopcode_t::fop_open) opens_.push_back(std::move(t));
      else if (t->get_opcode() == ixion::fopcode_t::fop_close) closes_.push_back(std::move(t));
    }
  }

  // False when the tokens are not a well-formed expression (the caller leaves it alone).
  bool run(ixion::formula_tokens_t& out) {
    if (!expression(0, in_.size(), out)) return false;
    return true;
  }

 private:
  using op = ixion::fopcode_t;
  struct Node {
    std::size_t begin = 0, end = 0;  // an operand: tokens [begin, end)
    std::size_t op = 0;              // a binary operation: the operator's index
    int left = -1, right = -1;
  };

  static int precedence(op o) {
    switch (o) {
      case op::fop_exponent: return 4;
      case op::fop_multiply: case op::fop_divide: return 3;
      case op::fop_plus: case op::fop_minus: return 2;
      case op::fop_concat: return 1;
      case op::fop_equal: case op::fop_not_equal: case op::fop_less: case op::fop_greater:
      case op::fop_less_equal: case op::fop_greater_equal: return 0;
      default: return -1;
    }
  }

  op code(std::size_t i) const { return in_[i]->get_opcode(); }

  // The index after the bracket group opening at i, or npos.
  std::size_t group_end(std::size_t i, std::size_t end) const {
    int depth = 0;
    for (std::size_t k = i; k < end; ++k) {
      if (code(k) == op::fop_open) ++depth;
      else if (code(k) == op::fop_close && --depth == 0) return k + 1;
    }
    return std::string::npos;
  }

  // One operand starting at i: unary signs, then a value, reference, name, string,
  // function call or bracket group.
  std::size_t operand_end(std::size_t i, std::size_t end) const {
    while (i < end && (code(i) == op::fop_minus || code(i) == op::fop_plus)) ++i;
    if (i >= end) return std::string::npos;
    switch (code(i)) {
      case op::fop_function:
        if (i + 1 >= end || code(i + 1) != op::fop_open) return std::string::npos;
        return group_end(i + 1, end);
      case op::fop_open: return group_end(i, end);
      case op::fop_single_ref: case op::fop_range_ref: case op::fop_table_ref: case op::fop_named_expression:
      case op::fop_string: case op::fop_value:
        return i + 1;
      default: return std::string::npos;
    }
  }

  bool take_bracket(std::vector<std::unique_ptr<ixion::formula_token>>& pool, ixion::formula_tokens_t& out) {
    if (pool.empty()) return false;
    out.push_back(std::move(pool.back()));
    pool.pop_back();
    return true;
  }

  // An operand's tokens, the insides of its brackets grouped too.
  bool emit_operand(std::size_t b, std::size_t e, ixion::formula_tokens_t& out) {
    while (code(b) == op::fop_minus || code(b) == op::fop_plus) out.push_back(std::move(in_[b++]));
    if (code(b) == op::fop_function) out.push_back(std::move(in_[b++]));
    if (code(b) != op::fop_open) {
      out.push_back(std::move(in_[b]));
      return true;
    }
    // ( arg ; arg ; ... ): each argument is an expression.
    out.push_back(std::move(in_[b]));
    std::size_t start = b + 1, close = e - 1;
    int depth = 0;
    for (std::size_t k = start; k < close; ++k) {
      if (code(k) == op::fop_open) ++depth;
      else if (code(k) == op::fop_close) --depth;
      else if (code(k) == op::fop_sep && depth == 0) {
        if (k > start && !expression(start, k, out)) return false;
        out.push_back(std::move(in_[k]));
        start = k + 1;
      }
    }
    if (close > start && !expression(start, close, out)) return false;
    out.push_back(std::move(in_[close]));
    return true;
  }

  bool emit(const std::vector<Node>& nodes, int n, bool outer, ixion::formula_tokens_t& out) {
    const Node& node = nodes[std::size_t(n)];
    if (node.left < 0) return emit_operand(node.begin, node.end, out);
    if (!outer && !take_bracket(opens_, out)) return false;
    if (!emit(nodes, node.left, false, out)) return false;
    out.push_back(std::move(in_[node.op]));
    if (!emit(nodes, node.right, false, out)) return false;
    return outer || take_bracket(closes_, out);
  }

  bool expression(std::size_t b, std::size_t e, ixion::formula_tokens_t& out) {
    std::vector<Node> nodes;
    std::vector<int> operands;
    std::vector<std::size_t> ops;
    std::size_t i = b;
    while (true) {
      std::size_t end = operand_end(i, e);
      if (end == std::string::npos || end > e) return false;
      operands.push_back(int(nodes.size()));
      nodes.push_back(Node{i, end, 0, -1, -1});
      if (end == e) break;
      if (precedence(code(end)) < 0) return false;
      ops.push_back(end);
      i = end + 1;
    }
    // Precedence climbing, every operator grouping from the left.
    std::size_t next = 0;
    auto climb = [&](auto& self, int left, int min_prec) -> int {
      while (next < ops.size() && precedence(code(ops[next])) >= min_prec) {
        std::size_t o = ops[next];
        int prec = precedence(code(o));
        int right = operands[++next];
        while (next < ops.size() && precedence(code(ops[next])) > prec) right = self(self, right, prec + 1);
        nodes.push_back(Node{0, 0, o, left, right});
        left = int(nodes.size()) - 1;
      }
      return left;
    };
    int root = climb(climb, operands[0], 0);
    return emit(nodes, root, true, out);
  }

  ixion::formula_tokens_t& in_;
  std::vector<std::unique_ptr<ixion::formula_token>> opens_, closes_;
};

}  // namespace

struct FormulaEngine::Impl {
  FormulaSyntax syntax;
  ixion::model_context cx{ixion::rc_size_t(kMaxRows, kMaxCols)};
  std::unique_ptr<ixion::formula_name_resolver> resolver;
  std::map<CellAddress, Formula> formulas;
  bool calculated = false;

  explicit Impl(FormulaSyntax s) : syntax(s) {
    if (s == FormulaSyntax::OpenFormula) {
      ixion::config cfg = cx.get_config();
      cfg.sep_function_arg = ';';
      cx.set_config(cfg);
    }
    resolver = ixion::formula_name_resolver::get(
        s == FormulaSyntax::OpenFormula ? ixion::formula_name_resolver_t::odff : ixion::formula_name_resolver_t::excel_a1,
        &cx);
  }

  static ixion::abs_address_t pos(CellAddress a) {
    return ixion::abs_address_t(ixion::sheet_t(a.sheet), ixion::row_t(a.row), ixion::col_t(a.col));
  }

  void clear(CellAddress at) {
    formulas.erase(at);
    calculated = false;
  }

  // The token list as ixion parsed it, checked against what is supported; an outer ROUND
  // is taken off and applied to the result.
  void prepare(Formula& f, ixion::formula_tokens_t& tokens) {
    using ixion::fopcode_t;
    for (const auto& t : tokens) {
      switch (t->get_opcode()) {
        case fopcode_t::fop_function: {
          auto fn = ixion::formula_function_t(t->get_uint32());
          if (fn == ixion::formula_function_t::func_average) f.averages = true;
          if (!supported(fn)) {
            bool outer = &t == &tokens.front() && (fn == ixion::formula_function_t::func_round ||
                                                   fn == ixion::formula_function_t::func_roundup ||
                                                   fn == ixion::formula_function_t::func_rounddown);
            if (!outer) {
              f.unknown = function_reason(ixion::get_formula_function_name(fn));
              return;
            }
          }
          break;
        }
        case fopcode_t::fop_named_expression:
          f.unknown = Text("tên \"" + t->get_name() + "\" chưa tính được", "the name \"" + t->get_name() + "\" cannot be computed");
          return;
        case fopcode_t::fop_table_ref:
          f.unknown = Text("tham chiếu bảng chưa tính được", "table references cannot be computed");
          return;
        case fopcode_t::fop_error:
        case fopcode_t::fop_unknown:
          f.unknown = Text("công thức không đọc được", "the formula cannot be parsed");
          return;
        default: break;
      }
    }
    if (!tokens.empty() && tokens.front()->get_opcode() == fopcode_t::fop_function &&
        !supported(ixion::formula_function_t(tokens.front()->get_uint32())))
      unwrap_rounding(f, tokens);
  }

  // ROUND(x; n) around the whole formula: x is computed by the engine, the rounding here.
  void unwrap_rounding(Formula& f, ixion::formula_tokens_t& tokens) {
    using ixion::fopcode_t;
    auto fn = ixion::formula_function_t(tokens.front()->get_uint32());
    auto name = ixion::get_formula_function_name(fn);
    std::size_t n = tokens.size();
    // ROUND ( inner... , [-] digits )
    if (n < 6 || tokens[1]->get_opcode() != fopcode_t::fop_open || tokens[n - 1]->get_opcode() != fopcode_t::fop_close) {
      f.unknown = function_reason(name);
      return;
    }
    std::size_t depth = 0, sep = 0;
    for (std::size_t i = 2; i + 1 < n; ++i) {
      auto op = tokens[i]->get_opcode();
      if (op == fopcode_t::fop_open) ++depth;
      else if (op == fopcode_t::fop_close) {
        if (depth == 0) {  // ROUND(...) followed by more: not the whole formula
          f.unknown = function_reason(name);
          return;
        }
        --depth;
      } else if (op == fopcode_t::fop_sep && depth == 0) {
        if (sep) {
          f.unknown = function_reason(name);
          return;
        }
        sep = i;
      }
    }
    bool negative = sep && sep + 4 == n && tokens[sep + 1]->get_opcode() == fopcode_t::fop_minus;
    std::size_t value_at = negative ? sep + 2 : sep + 1;
    if (!sep || sep == 2 || value_at + 2 != n || tokens[value_at]->get_opcode() != fopcode_t::fop_value) {
      f.unknown = function_reason(name);
      return;
    }
    double d = tokens[value_at]->get_value();
    if (d != std::floor(d) || std::fabs(d) > 15) {
      f.unknown = function_reason(name);
      return;
    }
    f.digits = int(negative ? -d : d);
    f.rounding = fn == ixion::formula_function_t::func_round     ? Rounding::Round
                 : fn == ixion::formula_function_t::func_roundup ? Rounding::Up
                                                                 : Rounding::Down;
    tokens.erase(tokens.begin() + std::ptrdiff_t(sep), tokens.end());
    tokens.erase(tokens.begin(), tokens.begin() + 2);
  }

  void group_from_left(Formula& f, ixion::formula_tokens_t& tokens, CellAddress at) {
    std::size_t binary = 0;
    for (const auto& t : tokens) binary += t->get_opcode() != ixion::fopcode_t::fop_open && t->get_opcode() != ixion::fopcode_t::fop_close;
    std::string brackets(binary, '(');
    brackets += '1';
    brackets.append(binary, ')');
    ixion::formula_tokens_t out;
    bool ok = false;
    try {
      LeftGrouping g(tokens, ixion::parse_formula_string(cx, pos(at), *resolver, brackets));
      ok = g.run(out);
    } catch (const std::exception&) {
      ok = false;
    }
    if (!ok) {
      f.unknown = Text("công thức không đọc được", "the formula cannot be parsed");
      return;
    }
    tokens = std::move(out);
  }

  void collect_refs(Formula& f, CellAddress at) {
    auto origin = pos(at);
    const auto& tokens = f.tokens->get();
    auto arithmetic = [&](std::size_t i) {
      if (i >= tokens.size()) return false;
      auto op = tokens[i]->get_opcode();
      return op == ixion::fopcode_t::fop_plus || op == ixion::fopcode_t::fop_minus || op == ixion::fopcode_t::fop_multiply ||
             op == ixion::fopcode_t::fop_divide || op == ixion::fopcode_t::fop_exponent;
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const auto& t = tokens[i];
      auto op = t->get_opcode();
      if (op == ixion::fopcode_t::fop_single_ref) {
        auto a = t->get_single_ref().to_abs(origin);
        f.refs.emplace_back(a);
        if ((i > 0 && arithmetic(i - 1)) || arithmetic(i + 1)) f.arithmetic_refs.push_back(a);
      } else if (op == ixion::fopcode_t::fop_range_ref) {
        f.refs.push_back(t->get_range_ref().to_abs(origin));
      }
    }
  }

  bool covers(const ixion::abs_range_t& r, CellAddress a) const {
    if (ixion::sheet_t(a.sheet) < r.first.sheet || ixion::sheet_t(a.sheet) > r.last.sheet) return false;
    bool rows = r.all_rows() || (ixion::row_t(a.row) >= r.first.row && ixion::row_t(a.row) <= r.last.row);
    bool cols = r.all_columns() || (ixion::col_t(a.col) >= r.first.column && ixion::col_t(a.col) <= r.last.column);
    return rows && cols;
  }

  // A formula that reads a cell whose value is unknown (or rounded after the engine ran)
  // is not evaluated: its engine result would be computed from the wrong figure.
  void spread_unknown() {
    std::vector<CellAddress> held;  // not evaluated by the engine as they are
    for (const auto& [a, f] : formulas)
      if (f.unknown || f.rounding != Rounding::None) held.push_back(a);
    for (bool changed = true; changed;) {
      changed = false;
      for (auto& [a, f] : formulas) {
        if (f.unknown) continue;
        const CellAddress self = a;  // clang 14 (scripts/fuzz) cannot capture a structured binding
        for (const auto& r : f.refs) {
          auto hit = std::find_if(held.begin(), held.end(), [&](CellAddress h) { return h != self && covers(r, h); });
          if (hit == held.end()) continue;
          const Formula& source = formulas.at(*hit);
          std::string ref = cell_ref(hit->row, hit->col);
          f.unknown = source.unknown
                          ? Text("phụ thuộc ô " + ref + " chưa tính được", "depends on " + ref + ", which cannot be computed")
                          : Text("phụ thuộc ô " + ref + " có hàm làm tròn", "depends on " + ref + ", which is rounded");
          if (f.rounding == Rounding::None) held.push_back(a);
          changed = true;
          break;
        }
      }
    }
  }

  // Text where a number is computed: Excel's #VALUE!, ixion's silent 0. `after`: the
  // engine has run, so formulas giving text are known too.
  bool check_text_operands(bool after) {
    bool found = false;
    for (auto& [a, f] : formulas) {
      if (f.unknown) continue;
      for (const auto& r : f.arithmetic_refs) {
        bool text = false;
        if (!after) {
          text = cx.get_celltype(r) == ixion::celltype_t::string;
        } else if (auto it = formulas.find(CellAddress{std::uint32_t(r.sheet), std::uint32_t(r.row), std::uint32_t(r.column)});
                   it != formulas.end() && !it->second.unknown) {
          const auto* fc = cx.get_formula_cell(r);
          text = fc && fc->get_result_cache(ixion::formula_result_wait_policy_t::throw_exception).get_type() ==
                           ixion::formula_result::result_type::string;
        }
        if (!text) continue;
        std::string ref = cell_ref(std::uint32_t(r.row), std::uint32_t(r.column));
        f.unknown = Text("ô " + ref + " chứa chữ nhưng được dùng để tính (#VALUE!)", "cell " + ref + " holds text but is computed with (#VALUE!)");
        found = true;
        break;
      }
    }
    return found;
  }

  // ixion 0.17's AVERAGE divides by the size of the range, empty and text cells included.
  void check_averages() {
    for (auto& [a, f] : formulas) {
      if (!f.averages || f.unknown) continue;
      for (const auto& r : f.refs) {
        auto range = r;
        if (range.all_rows() || range.all_columns()) {
          f.unknown = Text("hàm AVERAGE trên cả cột chưa tính được", "AVERAGE over whole columns cannot be computed");
          break;
        }
        std::uint64_t size = std::uint64_t(range.last.row - range.first.row + 1) *
                             std::uint64_t(range.last.column - range.first.column + 1);
        bool numbers = size <= 100000;
        for (auto s = range.first.sheet; numbers && s <= range.last.sheet; ++s)
          for (auto row = range.first.row; numbers && row <= range.last.row; ++row)
            for (auto col = range.first.column; numbers && col <= range.last.column; ++col) {
              ixion::abs_address_t p(s, row, col);
              auto type = cx.get_celltype(p);
              numbers = type == ixion::celltype_t::numeric || type == ixion::celltype_t::formula;
            }
        if (!numbers) {
          f.unknown = Text("hàm AVERAGE trên vùng có ô trống hoặc chữ chưa tính được",
                           "AVERAGE over a range with empty or text cells cannot be computed");
          break;
        }
      }
    }
  }
};

FormulaEngine::FormulaEngine(FormulaSyntax syntax) : impl_(std::make_unique<Impl>(syntax)) {}
FormulaEngine::~FormulaEngine() = default;

std::uint32_t FormulaEngine::add_sheet(const std::string& name) {
  return std::uint32_t(impl_->cx.append_sheet(name));
}

void FormulaEngine::set_number(CellAddress at, double value) {
  impl_->clear(at);
  impl_->cx.set_numeric_cell(Impl::pos(at), value);
}

void FormulaEngine::set_text(CellAddress at, std::string_view text) {
  impl_->clear(at);
  impl_->cx.set_string_cell(Impl::pos(at), text);
}

void FormulaEngine::set_boolean(CellAddress at, bool value) {
  impl_->clear(at);
  impl_->cx.set_boolean_cell(Impl::pos(at), value);
}

void FormulaEngine::set_formula(CellAddress at, std::string_view formula) {
  impl_->clear(at);
  Formula f;
  while (!formula.empty() && (formula.front() == '=' || formula.front() == ' ')) formula.remove_prefix(1);
  ixion::formula_tokens_t tokens;
  try {
    tokens = ixion::parse_formula_string(impl_->cx, Impl::pos(at), *impl_->resolver, formula);
  } catch (const std::exception&) {
    f.unknown = Text("công thức không đọc được (hoặc trỏ tới tệp khác)", "the formula cannot be parsed (or refers to another file)");
  }
  if (!f.unknown && tokens.empty()) f.unknown = Text("công thức trống", "the formula is empty");
  if (!f.unknown) impl_->prepare(f, tokens);
  if (!f.unknown) impl_->group_from_left(f, tokens, at);
  if (!f.unknown) {
    f.tokens = ixion::formula_tokens_store::create();
    f.tokens->get() = std::move(tokens);
    impl_->collect_refs(f, at);
  }
  impl_->formulas[at] = std::move(f);
}

void FormulaEngine::set_shared_formula(CellAddress at, CellAddress origin) {
  impl_->clear(at);
  Formula f;
  auto it = impl_->formulas.find(origin);
  if (it == impl_->formulas.end()) {
    f.unknown = Text("công thức dùng chung thiếu ô gốc", "the shared formula's first cell is missing");
  } else {
    // Tokens hold references relative to their cell: the same tokens at another cell are
    // the formula moved there.
    f.tokens = it->second.tokens;
    f.rounding = it->second.rounding;
    f.digits = it->second.digits;
    f.averages = it->second.averages;
    f.unknown = it->second.unknown;
    if (!f.unknown) impl_->collect_refs(f, at);
  }
  impl_->formulas[at] = std::move(f);
}

void FormulaEngine::set_unknown(CellAddress at, Text reason) {
  impl_->clear(at);
  Formula f;
  f.unknown = std::move(reason);
  impl_->formulas[at] = std::move(f);
}

void FormulaEngine::calculate() {
  auto& im = *impl_;
  for (auto& [a, f] : im.formulas) {
    if (f.unknown) continue;
    im.cx.set_formula_cell(Impl::pos(a), f.tokens);
  }
  im.check_averages();
  im.check_text_operands(false);
  im.spread_unknown();
  ixion::abs_range_set_t dirty;
  for (auto& [a, f] : im.formulas) {
    auto p = Impl::pos(a);
    if (f.unknown) {
      // Held as empty: nothing reads it (spread_unknown), and it must not be computed.
      if (im.cx.get_celltype(p) == ixion::celltype_t::formula) im.cx.empty_cell(p);
      continue;
    }
    ixion::register_formula_cell(im.cx, p);
    dirty.insert(ixion::abs_range_t(p));
  }
  auto sorted = ixion::query_and_sort_dirty_cells(im.cx, ixion::abs_range_set_t(), &dirty);
  // One cell at a time so that a function the engine lacks fails that cell only.
  for (const auto& range : sorted)
    for (auto row = range.first.row; row <= range.last.row; ++row)
      for (auto col = range.first.column; col <= range.last.column; ++col) {
        ixion::abs_address_t p(range.first.sheet, row, col);
        auto* fc = im.cx.get_formula_cell(p);
        if (!fc) continue;
        try {
          fc->check_circular(im.cx, p);
          fc->interpret(im.cx, p);
        } catch (const std::exception& e) {
          fc->set_result_cache(ixion::formula_result(ixion::formula_error_t::general_error));
          auto& f = im.formulas[CellAddress{std::uint32_t(p.sheet), std::uint32_t(p.row), std::uint32_t(p.column)}];
          f.unknown = Text(std::string("bộ tính công thức báo lỗi: ") + e.what(), std::string("the formula engine failed: ") + e.what());
        }
      }
  try {
    if (im.check_text_operands(true)) im.spread_unknown();
  } catch (const std::exception&) {
  }
  im.calculated = true;
}

FormulaResult FormulaEngine::result(CellAddress at) const {
  FormulaResult out;
  auto it = impl_->formulas.find(at);
  if (it == impl_->formulas.end()) {
    out.reason = Text("ô không có công thức", "the cell holds no formula");
    return out;
  }
  const Formula& f = it->second;
  if (f.unknown) {
    out.reason = *f.unknown;
    return out;
  }
  if (!impl_->calculated) {
    out.reason = Text("chưa tính", "not calculated yet");
    return out;
  }
  const auto* fc = impl_->cx.get_formula_cell(Impl::pos(at));
  if (!fc) {
    out.reason = Text("ô không có công thức", "the cell holds no formula");
    return out;
  }
  try {
    auto r = fc->get_result_cache(ixion::formula_result_wait_policy_t::throw_exception);
    switch (r.get_type()) {
      case ixion::formula_result::result_type::value:
        out.kind = FormulaResult::Kind::Number;
        out.number = r.get_value();
        if (!std::isfinite(out.number)) {
          out.kind = FormulaResult::Kind::NotEvaluated;
          out.reason = Text("kết quả không phải một số hữu hạn", "the result is not a finite number");
        } else if (f.rounding != Rounding::None) {
          out.number = round_like_excel(out.number, f.digits, f.rounding);
        }
        break;
      case ixion::formula_result::result_type::string:
        if (f.rounding != Rounding::None) {
          out.reason = Text("hàm làm tròn nhận chữ thay vì số", "a rounding function was given text");
          break;
        }
        out.kind = FormulaResult::Kind::Text;
        out.text = r.get_string();
        break;
      case ixion::formula_result::result_type::error:
        if (r.get_error() == ixion::formula_error_t::division_by_zero)
          out.reason = Text("công thức chia cho 0 (#DIV/0!)", "the formula divides by zero (#DIV/0!)");
        else
          out.reason = Text("bộ tính công thức không tính được (" + std::string(ixion::get_formula_error_name(r.get_error())) + ")",
                            "the formula engine could not compute it (" + std::string(ixion::get_formula_error_name(r.get_error())) + ")");
        break;
      case ixion::formula_result::result_type::matrix:
        out.reason = Text("công thức mảng chưa tính được", "array formulas cannot be computed");
        break;
    }
  } catch (const std::exception& e) {
    out.kind = FormulaResult::Kind::NotEvaluated;
    out.reason = Text(std::string("bộ tính công thức báo lỗi: ") + e.what(), std::string("the formula engine failed: ") + e.what());
  }
  return out;
}

}  // namespace tonghop
