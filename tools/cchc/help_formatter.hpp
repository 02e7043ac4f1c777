// The help's option lines padded by characters, not bytes: CLI11 pads with std::setw, which
// counts bytes, so a Vietnamese label ("BẮT BUỘC") would push the description out of its
// column.
#ifndef CCHC_TOOL_HELP_FORMATTER_HPP
#define CCHC_TOOL_HELP_FORMATTER_HPP

#include <CLI/CLI.hpp>

#include <string>

namespace cchc_tool {

class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    const std::string left = "  " + make_option_name(opt, is_positional) + make_option_opts(opt);
    const std::string description = make_option_desc(opt);
    const std::size_t column = get_column_width();
    std::size_t width = 0;  // characters: every byte that does not continue a UTF-8 sequence
    for (const char c : left) width += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    std::string out = left;
    if (!description.empty()) {
      out += width >= column ? "\n" + std::string(column, ' ') : std::string(column - width, ' ');
      for (const char c : description) {
        out += c;
        if (c == '\n') out += std::string(column, ' ');
      }
    }
    return out + "\n";
  }
};

}  // namespace cchc_tool

#endif
