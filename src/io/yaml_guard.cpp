// The raw-text guard: size, encoding, tabs, nesting depth and document count of a
// criteria file, before yaml-cpp parses it. See yaml_guard.hpp.
//
// The depth pass is a small copy of yaml-cpp 0.7's scanner (scanner.cpp, scantoken.cpp,
// scanscalar.cpp, simplekey.cpp, exp.h) that keeps only what decides nesting: where a token
// starts (so that a quote inside a plain scalar is an ordinary character, and a quote at a
// token start hides brackets until its end), the flow stack, and the stack of block
// indentations with its simple-key bookkeeping. It needs no recursion and no allocation per
// character.
#include "io/yaml_guard.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "cchc/io/load.hpp"
#include "i18n/format.hpp"
#include "model/utf8.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {
namespace {

struct Problem {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // 1-based byte column
  std::string code;
  std::string message;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool in(char c, std::string_view set) { return c != '\0' && set.find(c) != std::string_view::npos; }

class DepthScanner {
 public:
  DepthScanner(std::string_view text, std::size_t limit) : t_(text), limit_(limit) {}
  std::size_t deepest() const { return deepest_; }

  // The first problem (tab, depth, second document, empty), or nothing. Stops without a
  // problem where yaml-cpp's scanner would throw: it never reads further.
  std::optional<Problem> run();

 private:
  enum class IndentType : std::uint8_t { none, seq, map };
  enum class Status : std::uint8_t { valid, unknown, invalid };
  struct Indent {
    long column;
    IndentType type;
    Status status;
    std::uint64_t serial;
  };
  struct SimpleKey {
    std::size_t pos;
    std::uint32_t line;
    std::size_t flow_level;
    std::uint64_t indent_serial;  // 0: none pushed
  };
  struct Flow {
    char open;
    int compact;  // maps yaml-cpp's parser opens inside this flow item (see push_compact)
  };
  enum class Scan : std::uint8_t { ok, threw };

  char at(std::size_t p) const { return p < t_.size() ? t_[p] : '\0'; }
  bool eof(std::size_t p) const { return p >= t_.size(); }
  // yaml-cpp 0.7 breaks lines at "\n" and "\r\n" only: a lone CR is an ordinary character.
  bool brk(std::size_t p) const { return at(p) == '\n' || (at(p) == '\r' && at(p + 1) == '\n'); }
  bool blank_break_or_eof(std::size_t p) const { return eof(p) || is_blank(t_[p]) || brk(p); }
  long column() const { return static_cast<long>(pos_ - line_start_); }
  bool block() const { return flows_.empty(); }
  void eat(std::size_t n) {
    for (std::size_t i = 0; i < n && pos_ < t_.size(); ++i) {
      if (t_[pos_] == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      }
      ++pos_;
    }
  }
  std::size_t break_length(std::size_t p) const { return at(p) == '\r' ? 2 : at(p) == '\n' ? 1 : 0; }
  bool doc_marker(char c) const {  // "---" or "..." then a blank, a break or the end
    return column() == 0 && at(pos_) == c && at(pos_ + 1) == c && at(pos_ + 2) == c && blank_break_or_eof(pos_ + 3);
  }
  bool block_entry() const { return at(pos_) == '-' && blank_break_or_eof(pos_ + 1); }

  std::size_t depth() const {
    std::size_t compact = 0;
    for (const Flow& f : flows_) compact += static_cast<std::size_t>(f.compact);
    return (indents_.size() - 1) + flows_.size() + compact;
  }
  void check_depth() {
    const std::size_t d = depth();
    deepest_ = std::max(deepest_, d);
    if (problem_ || d <= limit_) return;
    problem_ = Problem{line_, static_cast<std::uint32_t>(column() + 1), "nesting-too-deep",
                       trf("nesting is too deep (more than {depth} levels)", fmt::arg("depth", max_criteria_depth))};
  }

  // --- yaml-cpp's indentation stack
  std::uint64_t push_indent(long col, IndentType type, Status status) {
    if (!block()) return 0;
    const Indent& top = indents_.back();
    if (col < top.column) return 0;
    if (col == top.column && !(type == IndentType::seq && top.type == IndentType::map)) return 0;
    indents_.push_back(Indent{col, type, status, ++serial_});
    check_depth();
    return serial_;
  }
  void pop_indent() {
    const Indent top = indents_.back();
    indents_.pop_back();
    if (top.status != Status::valid) invalidate_simple_key();
  }
  void pop_indent_to_here() {
    if (!block()) return;
    const long col = column();
    while (indents_.size() > 1) {
      const Indent& top = indents_.back();
      if (top.column < col) break;
      if (top.column == col && !(top.type == IndentType::seq && !block_entry())) break;
      pop_indent();
    }
    while (indents_.size() > 1 && indents_.back().status == Status::invalid) pop_indent();
  }
  void pop_all_indents() {
    if (!block()) return;
    while (indents_.size() > 1) pop_indent();
  }
  void set_status(std::uint64_t serial, Status s) {
    if (serial == 0) return;
    for (auto it = indents_.rbegin(); it != indents_.rend(); ++it)
      if (it->serial == serial) {
        it->status = s;
        return;
      }
  }

  // --- yaml-cpp's simple keys (a scalar or collection that may turn out to be a map key)
  void insert_potential_simple_key() {
    if (!simple_key_allowed_) return;
    if (!keys_.empty() && keys_.back().flow_level == flows_.size()) return;
    SimpleKey k{pos_, line_, flows_.size(), 0};
    if (block()) k.indent_serial = push_indent(column(), IndentType::map, Status::unknown);
    keys_.push_back(k);
    // In a flow sequence the key, once verified by a ':' (or left pending at the end of the
    // text, when yaml-cpp hands its parser the keys it could not verify), opens a compact
    // map around everything since it: count that map from here on.
    if (!block() && flows_.back().open == '[') push_compact();
  }
  void invalidate_simple_key() {
    if (keys_.empty() || keys_.back().flow_level != flows_.size()) return;
    set_status(keys_.back().indent_serial, Status::invalid);
    keys_.pop_back();
  }
  bool verify_simple_key() {
    if (keys_.empty() || keys_.back().flow_level != flows_.size()) return false;
    const SimpleKey k = keys_.back();
    keys_.pop_back();
    const bool valid = line_ == k.line && pos_ - k.pos <= 1024;
    set_status(k.indent_serial, valid ? Status::valid : Status::invalid);
    return valid;
  }
  void pop_all_simple_keys() { keys_.clear(); }
  // A map yaml-cpp's parser opens inside a flow item without a bracket: a `key: value` or
  // `? key` in a flow sequence (a compact map), or a ':' with no key before it (a "value
  // node by itself"). It lasts until the item ends at ',' or at the closing bracket.
  void push_compact() {
    ++flows_.back().compact;
    check_depth();
  }

  // --- tokens
  bool scan_to_next_token();
  bool tab_in_indentation();
  Scan scan_scalar(char kind, long indent, bool detect_indent, bool* leading_spaces);
  int end_match(char kind) const;
  Scan scan_tag();
  Scan scan_block_scalar();

  std::string_view t_;
  std::size_t limit_;
  std::size_t deepest_ = 0;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;
  std::vector<Indent> indents_{Indent{-1, IndentType::none, Status::valid, 0}};
  std::vector<Flow> flows_;
  std::vector<SimpleKey> keys_;
  std::uint64_t serial_ = 0;
  bool simple_key_allowed_ = true;
  bool can_be_json_flow_ = false;
  bool content_seen_ = false;  // a token other than a directive or a document marker
  bool any_token_ = false;     // any token: a file of a lone "---" is a document of nothing
  std::uint32_t document_end_line_ = 0;
  std::optional<Problem> problem_;
};

// cchc's own rule (yaml-cpp reads some of these): a tab among the spaces that indent a line
// of block content. Called at the start of each line where a token may start.
bool DepthScanner::tab_in_indentation() {
  if (!block()) return false;
  std::size_t p = pos_;
  std::size_t first_tab = std::string_view::npos;
  while (is_blank(at(p))) {
    if (at(p) == '\t' && first_tab == std::string_view::npos) first_tab = p;
    ++p;
  }
  if (first_tab == std::string_view::npos || eof(p) || brk(p) || at(p) == '#') return false;
  problem_ = Problem{line_, static_cast<std::uint32_t>(first_tab - line_start_ + 1), "tab-in-indentation",
                     tr("tab character in indentation; YAML indents with spaces only")};
  return true;
}

// Skips blanks, comments and line breaks, as yaml-cpp's ScanToNextToken does.
bool DepthScanner::scan_to_next_token() {
  if (pos_ == 0 && tab_in_indentation()) return false;
  while (true) {
    while (is_blank(at(pos_))) {
      if (block() && at(pos_) == '\t') simple_key_allowed_ = false;
      eat(1);
    }
    if (at(pos_) == '#')
      while (!eof(pos_) && !brk(pos_)) eat(1);
    if (!brk(pos_)) return true;
    eat(break_length(pos_));
    invalidate_simple_key();
    if (block()) simple_key_allowed_ = true;
    if (tab_in_indentation()) return false;
  }
}

// Where a scalar of `kind` ends at pos_ (the length of the terminator, 0 at the end of the
// text for block scalars), or -1: yaml-cpp's ScanScalarEnd, ScanScalarEndInFlow,
// SingleQuoteEnd, DoubleQuoteEnd and Empty.
int DepthScanner::end_match(char kind) const {
  const char c = at(pos_);
  switch (kind) {
    case 'p':  // plain, block context
    case 'f':  // plain, flow context
      if (c == ':' && (blank_break_or_eof(pos_ + 1) || (kind == 'f' && in(at(pos_ + 1), ",]}")))) return 1;
      if (kind == 'f' && in(c, ",?[]{}")) return 1;
      if ((is_blank(c) || brk(pos_)) && at(pos_ + (c == '\r' ? 2 : 1)) == '#') return 2;
      return -1;
    case '\'':
      return c == '\'' && at(pos_ + 1) != '\'' ? 1 : -1;
    case '"':
      return c == '"' ? 1 : -1;
    default:  // block scalar
      return eof(pos_) ? 0 : -1;
  }
}

// yaml-cpp's ScanScalar, keeping only where the scalar ends.
DepthScanner::Scan DepthScanner::scan_scalar(char kind, long indent, bool detect_indent, bool* leading_spaces) {
  const bool quoted = kind == '\'' || kind == '"';
  const bool plain = kind == 'p' || kind == 'f';
  const char escape = kind == '\'' ? '\'' : kind == '"' ? '\\' : '\0';
  const bool eat_leading_whitespace = plain || quoted;
  bool found_non_empty_line = false;
  if (leading_spaces != nullptr) *leading_spaces = false;
  while (!eof(pos_)) {
    // Phase 1: to the end of the line.
    while (end_match(kind) < 0 && !brk(pos_)) {
      if (eof(pos_)) break;
      if (column() == 0 && (doc_marker('-') || doc_marker('.'))) {
        if (plain) break;
        if (quoted) return Scan::threw;
      }
      found_non_empty_line = true;
      if (escape == '\\' && at(pos_) == '\\' && brk(pos_ + 1)) {
        eat(1);
        break;
      }
      if (escape != '\0' && at(pos_) == escape) {
        eat(2);  // '' in single quotes; a backslash and the character it escapes
        continue;
      }
      eat(1);
    }
    if (eof(pos_)) {
      if (quoted) return Scan::threw;
      break;
    }
    if (plain && column() == 0 && (doc_marker('-') || doc_marker('.'))) break;
    if (const int n = end_match(kind); n >= 0) {
      if (quoted) eat(static_cast<std::size_t>(n));
      break;
    }
    // Phase 2: the line break.
    eat(break_length(pos_));
    // Phase 3: the indentation of the next line.
    while (at(pos_) == ' ' && (column() < indent || (detect_indent && !found_non_empty_line)) && end_match(kind) < 0) eat(1);
    if (detect_indent && !found_non_empty_line) indent = std::max(indent, column());
    while (is_blank(at(pos_))) {
      if (at(pos_) == '\t' && column() < indent && !quoted) return Scan::threw;
      if (!eat_leading_whitespace || end_match(kind) >= 0) break;
      eat(1);
    }
    const bool empty_line = brk(pos_);
    if (!empty_line && column() < indent) {
      if (leading_spaces != nullptr) *leading_spaces = true;
      break;
    }
  }
  return Scan::ok;
}

// yaml-cpp's ScanTag with ScanVerbatimTag, ScanTagHandle and ScanTagSuffix.
DepthScanner::Scan DepthScanner::scan_tag() {
  auto uri_or_tag = [&](bool uri) -> std::size_t {
    const char c = at(pos_);
    if (is_word(c) || in(c, uri ? "#;/?:@&=+$,_.!~*'()[]" : "#;/?:@&=+$_.~*'()")) return 1;
    if (c == '%' && is_hex(at(pos_ + 1)) && is_hex(at(pos_ + 2))) return 3;
    return 0;
  };
  eat(1);  // '!'
  if (at(pos_) == '<') {
    eat(1);
    while (!eof(pos_)) {
      if (at(pos_) == '>') {
        eat(1);
        return Scan::ok;
      }
      const std::size_t n = uri_or_tag(true);
      if (n == 0) break;
      eat(n);
    }
    return Scan::threw;
  }
  bool can_be_handle = true;
  while (!eof(pos_)) {
    if (at(pos_) == '!') {
      if (!can_be_handle) return Scan::threw;
      break;
    }
    std::size_t n = 0;
    if (can_be_handle) {
      n = is_word(at(pos_)) ? 1 : 0;
      if (n == 0) can_be_handle = false;
    }
    if (!can_be_handle) n = uri_or_tag(false);
    if (n == 0) break;
    eat(n);
  }
  if (can_be_handle && at(pos_) == '!') {
    eat(1);
    std::size_t length = 0;
    while (!eof(pos_)) {
      const std::size_t n = uri_or_tag(false);
      if (n == 0) break;
      eat(n);
      length += n;
    }
    if (length == 0) return Scan::threw;
  }
  return Scan::ok;
}

// yaml-cpp's ScanBlockScalar: the indicator line, then the indented lines.
DepthScanner::Scan DepthScanner::scan_block_scalar() {
  long indent = 1;
  bool detect = true;
  eat(1);  // '|' or '>'
  for (int i = 0; i < 2 && (in(at(pos_), "+-") || (at(pos_) >= '0' && at(pos_) <= '9')); ++i) {
    const char c = at(pos_);
    if (i == 1 && in(c, "+-") == in(at(pos_ - 1), "+-")) break;  // "+-" or "12" is not a chomp indicator
    if (c == '0') return Scan::threw;
    if (c >= '1' && c <= '9') {
      indent = c - '0';
      detect = false;
    }
    eat(1);
  }
  while (is_blank(at(pos_))) eat(1);
  if (at(pos_) == '#')
    while (!eof(pos_) && !brk(pos_)) eat(1);
  if (!eof(pos_) && !brk(pos_)) return Scan::threw;
  if (indents_.back().column >= 0) indent += indents_.back().column;
  return scan_scalar('b', indent, detect, nullptr);
}

std::optional<Problem> DepthScanner::run() {
  while (!problem_) {
    if (!scan_to_next_token()) break;
    pop_indent_to_here();
    if (eof(pos_)) break;
    const char c = at(pos_);
    const long col = column();
    any_token_ = true;
    if (col == 0 && c == '%') {  // a directive
      pop_all_indents();
      pop_all_simple_keys();
      simple_key_allowed_ = can_be_json_flow_ = false;
      while (!eof(pos_) && !brk(pos_)) eat(1);
      continue;
    }
    if (doc_marker('-')) {
      if (content_seen_)
        return Problem{line_, 1, "multiple-documents",
                       tr("a second YAML document starts here ('---'); a criteria file holds one set: remove this line, "
                          "or put the second document in a file of its own")};
      pop_all_indents();
      pop_all_simple_keys();
      simple_key_allowed_ = can_be_json_flow_ = false;
      eat(3);
      continue;
    }
    if (doc_marker('.')) {
      if (document_end_line_ == 0 && content_seen_) document_end_line_ = line_;
      pop_all_indents();
      pop_all_simple_keys();
      simple_key_allowed_ = can_be_json_flow_ = false;
      eat(3);
      continue;
    }
    if (document_end_line_ != 0)
      return Problem{document_end_line_, 1, "multiple-documents",
                     tr("the document ends here ('...') but the file goes on with a second document; a criteria file holds "
                        "one set: remove this line, or put the rest in a file of its own")};
    content_seen_ = true;

    if (c == '[' || c == '{') {
      insert_potential_simple_key();
      simple_key_allowed_ = true;
      can_be_json_flow_ = false;
      flows_.push_back(Flow{c, 0});
      check_depth();
      eat(1);
      continue;
    }
    if (c == ']' || c == '}') {
      if (block()) return problem_;  // yaml-cpp: "illegal flow end"
      if (flows_.back().open == '{')
        (void)verify_simple_key();
      else
        invalidate_simple_key();
      simple_key_allowed_ = false;
      can_be_json_flow_ = true;
      if ((c == ']') != (flows_.back().open == '[')) return problem_;  // mismatched: yaml-cpp throws
      flows_.pop_back();
      eat(1);
      continue;
    }
    if (c == ',') {
      if (!block()) {
        if (flows_.back().open == '{')
          (void)verify_simple_key();
        else
          invalidate_simple_key();
        flows_.back().compact = 0;
      }
      simple_key_allowed_ = true;
      can_be_json_flow_ = false;
      eat(1);
      continue;
    }
    if (block_entry()) {
      if (!block() || !simple_key_allowed_) return problem_;  // yaml-cpp: "illegal block entry"
      push_indent(col, IndentType::seq, Status::valid);
      simple_key_allowed_ = true;
      can_be_json_flow_ = false;
      eat(1);
      continue;
    }
    if (c == '?' && (is_blank(at(pos_ + 1)) || brk(pos_ + 1))) {
      if (block()) {
        if (!simple_key_allowed_) return problem_;
        push_indent(col, IndentType::map, Status::valid);
      } else if (flows_.back().open == '[') {
        push_compact();
      }
      simple_key_allowed_ = block();
      eat(1);
      continue;
    }
    const bool value = c == ':' && (block() ? blank_break_or_eof(pos_ + 1)
                                            : (is_blank(at(pos_ + 1)) || brk(pos_ + 1) ||
                                               in(at(pos_ + 1), ",]}") || can_be_json_flow_));
    if (value) {
      const bool simple = verify_simple_key();
      can_be_json_flow_ = false;
      if (simple) {
        simple_key_allowed_ = false;
      } else {
        if (block()) {
          if (!simple_key_allowed_) return problem_;  // yaml-cpp: "illegal map value"
          // Where no indentation is pushed, the ':' may start a node: the parser reads a map.
          if (push_indent(col, IndentType::map, Status::valid) == 0) {
            indents_.push_back(Indent{col, IndentType::map, Status::valid, ++serial_});
            check_depth();
          }
        } else {
          push_compact();
        }
        simple_key_allowed_ = block();
      }
      eat(1);
      continue;
    }
    if (c == '&' || c == '*') {
      insert_potential_simple_key();
      simple_key_allowed_ = can_be_json_flow_ = false;
      eat(1);
      std::size_t length = 0;
      while (!eof(pos_) && !in(at(pos_), "[]{},") && !is_blank(at(pos_)) && !brk(pos_)) {
        eat(1);
        ++length;
      }
      if (length == 0) return problem_;
      if (!eof(pos_) && !in(at(pos_), "?:,]}%@`") && !is_blank(at(pos_)) && !brk(pos_)) return problem_;
      continue;
    }
    if (c == '!') {
      insert_potential_simple_key();
      simple_key_allowed_ = can_be_json_flow_ = false;
      if (scan_tag() == Scan::threw) return problem_;
      continue;
    }
    if (block() && (c == '|' || c == '>')) {
      if (scan_block_scalar() == Scan::threw) return problem_;
      simple_key_allowed_ = true;
      can_be_json_flow_ = false;
      continue;
    }
    if (c == '\'' || c == '"') {
      insert_potential_simple_key();
      eat(1);  // the opening quote
      if (scan_scalar(c, 0, false, nullptr) == Scan::threw) return problem_;
      simple_key_allowed_ = false;
      can_be_json_flow_ = true;
      continue;
    }
    // A plain scalar may not start with an indicator, nor with '-', '?' or ':' before a
    // blank (in flow context '?' is an indicator).
    const bool indicator_start = in(c, block() ? ",[]{}#&*!|>'\"%@`" : "?,[]{}#&*!|>'\"%@`") ||
                                 (in(c, block() ? "-?:" : "-:") &&
                                  (eof(pos_ + 1) || is_blank(at(pos_ + 1)) || (block() && brk(pos_ + 1))));
    if (indicator_start) return problem_;  // yaml-cpp: "unknown token"
    const long indent = block() ? indents_.back().column + 1 : 0;  // before the key's own indentation
    insert_potential_simple_key();
    bool leading_spaces = false;
    if (scan_scalar(block() ? 'p' : 'f', indent, false, &leading_spaces) == Scan::threw) return problem_;
    simple_key_allowed_ = leading_spaces;
    can_be_json_flow_ = false;
  }
  if (!problem_ && !any_token_)
    return Problem{0, 0, "empty-file", tr("the file is empty: expected a criteria set (schema: cchc/criteria@1)")};
  return problem_;
}

}  // namespace

void check_yaml_text(std::string_view text, const std::string& file, std::vector<Diagnostic>& out) {
  auto report = [&](std::uint32_t line, std::uint32_t col, std::string code, std::string msg) {
    out.push_back(Diagnostic{SourceLocation{file, line, col}, Severity::error, {}, std::move(msg)}.set_code(std::move(code)));
  };
  if (text.size() > max_criteria_bytes) {
    report(0, 0, "file-too-large",
           trf("the file is too large ({size} bytes; the limit is {limit})", fmt::arg("size", text.size()),
               fmt::arg("limit", max_criteria_bytes)));
    return;
  }
  const TextProblem p = check_text(text);
  if (p.line != 0) {
    report(p.line, p.column, p.message.rfind("NUL", 0) == 0 ? "nul-byte" : "invalid-utf8", tr(p.message.c_str()));
    return;
  }
  if (const auto problem = DepthScanner(text, static_cast<std::size_t>(max_criteria_depth)).run()) report(problem->line, problem->column, problem->code, problem->message);
}

std::size_t yaml_depth_estimate(std::string_view text) {
  DepthScanner scanner(text, static_cast<std::size_t>(-1));
  const auto problem = scanner.run();
  return problem && problem->code != "empty-file" ? static_cast<std::size_t>(-1) : scanner.deepest();
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
