#include "io/workbook_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <climits>
#include <cstdint>
#include <cstring>
#include <exception>
#include <unordered_map>

#include <orcus/orcus_xlsx.hpp>
#include <zlib.h>
#include <orcus/exception.hpp>
#include <orcus/spreadsheet/import_interface.hpp>

#include "i18n/format.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace ss = orcus::spreadsheet;
namespace iface = orcus::spreadsheet::iface;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

bool looks_like_zip(std::string_view bytes) noexcept { return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\3\4", 4); }

bool looks_like_ole(std::string_view bytes) noexcept {
  return bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

bool named_as_workbook(std::string_view path) noexcept {
  auto ends = [&](std::string_view tail) {
    if (path.size() < tail.size()) return false;
    for (std::size_t i = 0; i < tail.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(path[path.size() - tail.size() + i])) != tail[i]) return false;
    return true;
  };
  return ends(".xlsx") || ends(".xlsm") || ends(".xls");
}

std::string shortest_decimal(double value, bool percent) {
  char buffer[512];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  std::string text = error == std::errc() ? std::string(buffer, end) : std::string("0");
  if (text == "-0") text = "0";
  if (!percent) return text;
  // × 100 in the text: the point moves two places right.
  std::string sign;
  if (!text.empty() && text[0] == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  const std::size_t point = text.find('.');
  std::string whole = point == std::string::npos ? text : text.substr(0, point);
  std::string fraction = point == std::string::npos ? std::string() : text.substr(point + 1);
  fraction.resize(std::max<std::size_t>(fraction.size(), 2), '0');
  whole += fraction.substr(0, 2);
  fraction.erase(0, 2);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return sign + whole + (fraction.empty() ? "" : "." + fraction) + "%";
}

namespace {

std::uint32_t le32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) | static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}
std::uint16_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}

std::string mib(std::size_t bytes) {
  if (bytes < (std::size_t{1} << 20)) return std::to_string((bytes + 1023) >> 10) + " KiB";
  return std::to_string((bytes + (std::size_t{1} << 20) - 1) >> 20) + " MiB";
}

Diagnostic file_problem(const std::string& file, const char* code, std::string message) {
  Diagnostic d{SourceLocation{file, 0, 0, {}}, Severity::error, {}, std::move(message)};
  d.set_code(code);
  return d;
}

// A text longer than a cell holds is kept as a mark with its size: refused where used.
std::string keep_cell_text(std::string_view s) {
  if (s.size() <= max_cell_characters * 4) return std::string(s);
  return std::string("\x01too-long:") + std::to_string(s.size());
}

void put16(std::string& out, std::size_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::size_t v) {
  put16(out, v & 0xFFFF);
  put16(out, (v >> 16) & 0xFFFF);
}

// Where the archive's parts are listed, as check_archive found them.
struct Archive {
  std::size_t directory_at = 0, entries = 0;
  std::size_t rels_entry = std::string_view::npos;  // the central record of xl/_rels/workbook.xml.rels
  std::vector<std::size_t> sheet_entries;           // the central records of xl/worksheets/*.xml
};

// A part's bytes, inflated; none when it cannot be (then liborcus reports the damage).
std::optional<std::string> inflate_part(std::string_view b, std::size_t central) {
  const std::uint16_t method = le16(b, central + 10);
  const std::size_t packed = le32(b, central + 20), unpacked = le32(b, central + 24);
  const std::size_t local = le32(b, central + 42);
  if (local + 30 > b.size() || b.compare(local, 4, std::string_view("PK\3\4", 4)) != 0) return std::nullopt;
  const std::size_t data = local + 30 + le16(b, local + 26) + le16(b, local + 28);
  if (data > b.size() || packed > b.size() - data) return std::nullopt;
  if (method == 0) {
    if (packed != unpacked) return std::nullopt;
    return std::string(b.substr(data, packed));
  }
  if (method != 8) return std::nullopt;
  std::string out(unpacked, '\0');  // unpacked is within the limits check_archive kept
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b.data() + data));
  z.avail_in = static_cast<uInt>(packed);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int status = inflate(&z, Z_FINISH);
  const uLong total = z.total_out;
  inflateEnd(&z);
  if (status != Z_STREAM_END || total != unpacked) return std::nullopt;
  return out;
}

// The archive with some parts replaced: the new parts are stored after the last part, with a
// new central directory that lists them in place of the old ones (zip readers go by the
// central directory; the old bytes stay, unread).
std::string with_parts_replaced(std::string_view b, const Archive& a, const std::vector<std::pair<std::size_t, std::string>>& parts) {
  std::string out(b.substr(0, a.directory_at));
  std::vector<std::pair<std::size_t, std::size_t>> placed;  // central record -> new local header
  std::vector<uLong> crcs;
  for (const auto& [central, content] : parts) {
    const std::string_view name = b.substr(central + 46, le16(b, central + 28));
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
    placed.emplace_back(central, out.size());
    crcs.push_back(crc);
    out += std::string_view("PK\3\4", 4);
    put16(out, 20);  // version needed
    put16(out, 0);   // flags
    put16(out, 0);   // stored
    put32(out, 0);   // time, date
    put32(out, crc);
    put32(out, content.size());
    put32(out, content.size());
    put16(out, name.size());
    put16(out, 0);
    out += name;
    out += content;
  }
  const std::size_t directory = out.size();
  std::size_t p = a.directory_at;
  for (std::size_t i = 0; i < a.entries; ++i) {
    const std::size_t size = 46 + le16(b, p + 28) + le16(b, p + 30) + le16(b, p + 32);
    std::size_t k = 0;
    while (k < placed.size() && placed[k].first != p) ++k;
    if (k == placed.size()) {
      out += b.substr(p, size);
    } else {
      const std::string_view name = b.substr(p + 46, le16(b, p + 28));
      out += std::string_view("PK\1\2", 4);
      put16(out, 20);
      put16(out, 20);
      put16(out, 0);
      put16(out, 0);
      put32(out, 0);
      put32(out, crcs[k]);
      put32(out, parts[k].second.size());
      put32(out, parts[k].second.size());
      put16(out, name.size());
      put16(out, 0);  // extra
      put16(out, 0);  // comment
      put16(out, 0);  // disk
      put16(out, 0);  // internal attributes
      put32(out, 0);  // external attributes
      put32(out, placed[k].second);
      out += name;
    }
    p += size;
  }
  const std::size_t directory_size = out.size() - directory;
  out += std::string_view("PK\5\6", 4);
  put16(out, 0);
  put16(out, 0);
  put16(out, a.entries);
  put16(out, a.entries);
  put32(out, directory_size);
  put32(out, directory);
  put16(out, 0);
  return out;
}

// XML text with its five entities and character references resolved.
std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    const std::string_view e = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (e == "lt") cp = '<';
    else if (e == "gt") cp = '>';
    else if (e == "amp") cp = '&';
    else if (e == "quot") cp = '"';
    else if (e == "apos") cp = '\'';
    else if (e.size() > 1 && e[0] == '#') {
      const bool hex = e[1] == 'x' || e[1] == 'X';
      const std::string_view digits = e.substr(hex ? 2 : 1);
      if (std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10).ptr != digits.data() + digits.size()) cp = 0;
    }
    if (cp == 0 || cp > 0x10FFFF) {
      out += s[i];
      continue;
    }
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    i = semi;
  }
  return out;
}

// Inline strings are numbered from here, beyond any shared string's index.
constexpr std::uint32_t inline_string_base = 0x40000000;

// liborcus 0.17 reads no inline string (<c t="inlineStr"><is><t>…</t></is></c>, as openpyxl
// and other generators write text): each becomes a shared-string cell whose index points,
// past inline_string_base, into `inline_strings`, which the sheet reader resolves. False when
// the sheet holds none.
bool inline_strings_to_indexes(std::string& xml, std::vector<std::string>& inline_strings) {
  if (xml.find("inlineStr") == std::string::npos) return false;
  std::string out;
  out.reserve(xml.size());
  std::size_t pos = 0;
  bool changed = false;
  while (true) {
    const std::size_t c = xml.find("<c ", pos);
    if (c == std::string::npos) break;
    const std::size_t open_end = xml.find('>', c);
    if (open_end == std::string::npos) break;
    const std::string_view open(xml.data() + c, open_end - c);
    const std::size_t type = open.find("t=\"inlineStr\"");
    if (type == std::string_view::npos || open.back() == '/') {
      out.append(xml, pos, open_end + 1 - pos);
      pos = open_end + 1;
      continue;
    }
    const std::size_t close = xml.find("</c>", open_end);
    if (close == std::string::npos) break;
    const std::string_view body(xml.data() + open_end + 1, close - open_end - 1);
    // The text: every <t> of the string, outside phonetic runs (<rPh>).
    std::string text;
    for (std::size_t t = 0; (t = body.find("<t", t)) != std::string_view::npos;) {
      const char after = t + 2 < body.size() ? body[t + 2] : '\0';
      if (after != '>' && after != ' ') {
        t += 2;
        continue;
      }
      const std::size_t phonetic = body.rfind("<rPh", t);
      const std::size_t phonetic_end = phonetic == std::string_view::npos ? std::string_view::npos : body.find("</rPh>", phonetic);
      const std::size_t start = body.find('>', t);
      const std::size_t end = body.find("</t>", t);
      if (start == std::string_view::npos || end == std::string_view::npos || end < start) break;
      if (phonetic == std::string_view::npos || (phonetic_end != std::string_view::npos && phonetic_end < t))
        text += xml_text(body.substr(start + 1, end - start - 1));
      t = end + 4;
    }
    out.append(xml, pos, c - pos);
    out.append(open.substr(0, type));
    out += "t=\"s\"";
    out.append(open.substr(type + 13));
    out += "><v>" + std::to_string(inline_string_base + inline_strings.size()) + "</v></c>";
    inline_strings.push_back(keep_cell_text(text));
    pos = close + 4;
    changed = true;
  }
  out.append(xml, pos, std::string::npos);
  xml = std::move(out);
  return changed;
}

// The archive as liborcus 0.17 can read it, when it cannot as it is: absolute relationship
// targets ("/xl/worksheets/sheet1.xml", as openpyxl writes them, which liborcus resolves to
// a wrong part) made relative to xl/ as Excel writes them, and inline strings numbered.
// Empty when nothing needs rewriting.
std::string readable_by_orcus(std::string_view b, const Archive& a, std::vector<std::string>& inline_strings) {
  std::vector<std::pair<std::size_t, std::string>> parts;
  if (a.rels_entry != std::string_view::npos) {
    std::optional<std::string> xml = inflate_part(b, a.rels_entry);
    const std::string absolute = "Target=\"/xl/";
    if (xml && xml->find(absolute) != std::string::npos) {
      for (std::size_t p = 0; (p = xml->find(absolute, p)) != std::string::npos;) xml->replace(p, absolute.size(), "Target=\"");
      parts.emplace_back(a.rels_entry, std::move(*xml));
    }
  }
  for (const std::size_t sheet : a.sheet_entries) {
    std::optional<std::string> xml = inflate_part(b, sheet);
    if (xml && inline_strings_to_indexes(*xml, inline_strings)) parts.emplace_back(sheet, std::move(*xml));
  }
  return parts.empty() ? std::string() : with_parts_replaced(b, a, parts);
}

// The zip's central directory, read before anything is inflated: every part's sizes as the
// archive declares them, the workbook part present, nothing encrypted, and the limits kept.
// False (and reported) when the workbook must not be unpacked.
bool check_archive(std::string_view b, const std::string& file, std::vector<Diagnostic>& problems, Archive& archive) {
  auto damaged = [&](const std::string& why) {
    problems.push_back(file_problem(file, "workbook-damaged", trf("not a readable Excel workbook: {reason}", "reason"_a = why)));
    return false;
  };
  constexpr std::size_t eocd_size = 22;
  if (b.size() < eocd_size) return damaged(tr("the zip archive is cut short"));
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = b.size() > eocd_size + 65535 ? b.size() - eocd_size - 65535 : 0;
  for (std::size_t at = b.size() - eocd_size + 1; at-- > lowest;)
    if (b.compare(at, 4, std::string_view("PK\5\6", 4)) == 0) {
      eocd = at;
      break;
    }
  if (eocd == std::string_view::npos) return damaged(tr("the zip archive has no central directory (the file is cut short?)"));
  const std::size_t entries = le16(b, eocd + 10);
  const std::size_t directory_size = le32(b, eocd + 12);
  const std::size_t directory_at = le32(b, eocd + 16);
  if (entries == 0xFFFF || directory_size == 0xFFFFFFFF || directory_at == 0xFFFFFFFF) {
    problems.push_back(file_problem(file, "workbook-too-large",
                                    trf("the workbook is a ZIP64 archive (over 4 GiB or 65535 parts): more than cchc reads ({size} unpacked)",
                                        "size"_a = mib(max_workbook_bytes))));
    return false;
  }
  if (directory_at > eocd || directory_size > eocd - directory_at) return damaged(tr("its zip central directory points outside the file"));
  if (entries > max_workbook_parts) {
    problems.push_back(file_problem(file, "workbook-too-large",
                                    trf("the workbook has {count} parts: more than the {most} cchc reads", "count"_a = entries,
                                        "most"_a = max_workbook_parts)));
    return false;
  }
  std::size_t total = 0;
  bool has_workbook = false;
  bool is_ods = false;
  std::size_t at = directory_at;
  for (std::size_t i = 0; i < entries; ++i) {
    if (at + 46 > eocd || b.compare(at, 4, std::string_view("PK\1\2", 4)) != 0) return damaged(tr("its zip central directory is damaged"));
    const std::uint16_t flags = le16(b, at + 8);
    const std::size_t packed = le32(b, at + 20);
    const std::size_t unpacked = le32(b, at + 24);
    const std::size_t name_size = le16(b, at + 28);
    const std::size_t skip = 46 + name_size + le16(b, at + 30) + le16(b, at + 32);
    if (at + skip > eocd) return damaged(tr("its zip central directory is damaged"));
    const std::string_view name = b.substr(at + 46, name_size);
    if ((flags & 1u) != 0) {
      problems.push_back(file_problem(file, "workbook-encrypted",
                                      tr("the workbook's zip parts are encrypted: save it without a password as .xlsx")));
      return false;
    }
    if (name == "xl/workbook.xml") has_workbook = true;
    if (name == "xl/_rels/workbook.xml.rels") archive.rels_entry = at;
    if (name.size() > 18 && name.substr(0, 14) == "xl/worksheets/" && name.substr(name.size() - 4) == ".xml" &&
        name.find('/', 14) == std::string_view::npos)
      archive.sheet_entries.push_back(at);
    if (name == "mimetype" || name == "content.xml") is_ods = true;
    if (unpacked > max_workbook_part_bytes || (unpacked > (std::size_t{1} << 20) && unpacked / std::max<std::size_t>(packed, 1) > max_workbook_ratio)) {
      problems.push_back(file_problem(
          file, "workbook-too-large",
          trf("the workbook's part '{part}' unpacks to {unpacked} from {packed}: more than cchc reads ({most} a part, at most {ratio} "
              "times its packed size; a zip bomb, or a sheet of millions of empty rows?)",
              "part"_a = name, "unpacked"_a = mib(unpacked), "packed"_a = mib(packed), "most"_a = mib(max_workbook_part_bytes),
              "ratio"_a = max_workbook_ratio)));
      return false;
    }
    // liborcus reads a part by its local header: it must agree with the central directory
    // (or, with a data descriptor, say nothing), and its data must lie within the file.
    const std::size_t local = le32(b, at + 42);
    if (local > directory_at || directory_at - local < 30 || b.compare(local, 4, std::string_view("PK\3\4", 4)) != 0)
      return damaged(trf("the zip part '{part}' has no local header where its directory entry points", "part"_a = name));
    const std::size_t local_packed = le32(b, local + 18), local_unpacked = le32(b, local + 22);
    const bool descriptor = (le16(b, local + 6) & 8u) != 0;
    if (!((local_packed == packed && local_unpacked == unpacked) || (descriptor && local_packed == 0 && local_unpacked == 0)) ||
        le16(b, local + 8) != le16(b, at + 10))
      return damaged(trf("the zip part '{part}' has a local header that disagrees with its directory entry", "part"_a = name));
    const std::size_t data = local + 30 + le16(b, local + 26) + le16(b, local + 28);
    if (data > directory_at || packed > directory_at - data)
      return damaged(trf("the zip part '{part}' runs past the end of the archive's data", "part"_a = name));
    total += unpacked;
    if (total > max_workbook_bytes) {
      problems.push_back(file_problem(file, "workbook-too-large",
                                      trf("the workbook unpacks to more than {size}: more than cchc reads", "size"_a = mib(max_workbook_bytes))));
      return false;
    }
    at += skip;
  }
  archive.directory_at = directory_at;
  archive.entries = entries;
  if (!has_workbook) {
    problems.push_back(file_problem(file, "not-a-workbook",
                                    is_ods ? tr("a zip archive that is not an Excel workbook (an OpenDocument .ods?): save it as .xlsx")
                                           : tr("a zip archive that is not an Excel workbook (it has no xl/workbook.xml): save it as .xlsx")));
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// What liborcus hands over, kept for the one sheet read.
struct Cell {
  // shared_text: `number` holds the index of a shared string (liborcus may read the sheet
  // before the strings).
  enum class Kind : std::uint8_t { number, text, shared_text, date, formula_without_value };
  std::uint32_t row;  // 0-based
  std::uint16_t col;
  Kind kind;
  double number = 0;
  std::string text;
};

constexpr std::uint64_t key_of(std::uint32_t row, std::uint32_t col) { return static_cast<std::uint64_t>(row) << 16 | col; }

struct Collected {
  std::vector<std::string> sheet_names;
  std::string wanted;
  int chosen = -1;  // the index of the sheet read
  std::vector<Cell> cells;
  std::vector<std::string> strings;         // the shared strings
  std::vector<std::string> inline_strings;  // from inline_string_base on
  std::unordered_map<std::uint64_t, std::size_t> xf_of;  // a cell's style, for its number format
  std::vector<std::size_t> xf_number_format;            // cell style -> number format id
  std::unordered_map<std::size_t, std::string> format_codes;
  bool too_many_cells = false;
  void add(Cell c) {
    if (cells.size() >= max_workbook_cells) {
      too_many_cells = true;
      return;
    }
    cells.push_back(std::move(c));
  }
};

class SharedStrings final : public iface::import_shared_strings {
 public:
  explicit SharedStrings(std::vector<std::string>& strings) : strings_(strings) {}
  size_t append(std::string_view s) override {
    strings_.emplace_back(keep(s));
    return strings_.size() - 1;
  }
  size_t add(std::string_view s) override { return append(s); }
  void set_segment_font(size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void append_segment(std::string_view s) override {
    if (segments_.size() <= max_cell_characters * 4) segments_ += s;
  }
  size_t commit_segments() override {
    const size_t index = append(segments_);
    segments_.clear();
    return index;
  }

  static std::string keep(std::string_view s) { return keep_cell_text(s); }

 private:
  std::vector<std::string>& strings_;
  std::string segments_;
};

class Styles final : public iface::import_styles {
 public:
  explicit Styles(Collected& c) : c_(c) {}
  void set_font_count(size_t) override {}
  void set_font_bold(bool) override {}
  void set_font_italic(bool) override {}
  void set_font_name(std::string_view) override {}
  void set_font_size(double) override {}
  void set_font_underline(ss::underline_t) override {}
  void set_font_underline_width(ss::underline_width_t) override {}
  void set_font_underline_mode(ss::underline_mode_t) override {}
  void set_font_underline_type(ss::underline_type_t) override {}
  void set_font_underline_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_strikethrough_style(ss::strikethrough_style_t) override {}
  void set_strikethrough_type(ss::strikethrough_type_t) override {}
  void set_strikethrough_width(ss::strikethrough_width_t) override {}
  void set_strikethrough_text(ss::strikethrough_text_t) override {}
  size_t commit_font() override { return fonts_++; }
  void set_fill_count(size_t) override {}
  void set_fill_pattern_type(ss::fill_pattern_t) override {}
  void set_fill_fg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_fill_bg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  size_t commit_fill() override { return fills_++; }
  void set_border_count(size_t) override {}
  void set_border_style(ss::border_direction_t, ss::border_style_t) override {}
  void set_border_color(ss::border_direction_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
  void set_border_width(ss::border_direction_t, double, orcus::length_unit_t) override {}
  size_t commit_border() override { return borders_++; }
  void set_cell_hidden(bool) override {}
  void set_cell_locked(bool) override {}
  void set_cell_print_content(bool) override {}
  void set_cell_formula_hidden(bool) override {}
  size_t commit_cell_protection() override { return protections_++; }
  void set_number_format_count(size_t) override {}
  void set_number_format_identifier(size_t id) override { format_id_ = id; }
  void set_number_format_code(std::string_view s) override { format_code_ = std::string(s.substr(0, 1024)); }
  size_t commit_number_format() override {
    c_.format_codes[format_id_] = format_code_;
    format_code_.clear();
    return formats_++;
  }
  void set_cell_xf_count(size_t) override {}
  void set_cell_style_xf_count(size_t) override {}
  void set_dxf_count(size_t) override {}
  void set_xf_font(size_t) override {}
  void set_xf_fill(size_t) override {}
  void set_xf_border(size_t) override {}
  void set_xf_protection(size_t) override {}
  void set_xf_number_format(size_t index) override { xf_format_ = index; }
  void set_xf_style_xf(size_t) override {}
  void set_xf_apply_alignment(bool) override {}
  void set_xf_horizontal_alignment(ss::hor_alignment_t) override {}
  void set_xf_vertical_alignment(ss::ver_alignment_t) override {}
  size_t commit_cell_xf() override {
    c_.xf_number_format.push_back(xf_format_);
    xf_format_ = 0;
    return c_.xf_number_format.size() - 1;
  }
  size_t commit_cell_style_xf() override {
    xf_format_ = 0;
    return style_xfs_++;
  }
  size_t commit_dxf() override {
    xf_format_ = 0;
    return dxfs_++;
  }
  void set_cell_style_count(size_t) override {}
  void set_cell_style_name(std::string_view) override {}
  void set_cell_style_xf(size_t) override {}
  void set_cell_style_builtin(size_t) override {}
  void set_cell_style_parent_name(std::string_view) override {}
  size_t commit_cell_style() override { return cell_styles_++; }

 private:
  Collected& c_;
  std::size_t format_id_ = 0, xf_format_ = 0;
  std::string format_code_;
  std::size_t fonts_ = 0, fills_ = 0, borders_ = 0, protections_ = 0, formats_ = 0, style_xfs_ = 0, dxfs_ = 0, cell_styles_ = 0;
};

class Sheet;

// A formula cell: its cached result is the value; none is an error.
class Formula final : public iface::import_formula {
 public:
  explicit Formula(Collected& c) : c_(c) {}
  void set_position(ss::row_t row, ss::col_t col) override {
    cell_ = Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::formula_without_value, 0, {}};
  }
  void set_formula(ss::formula_grammar_t, std::string_view) override {}
  void set_shared_formula_index(size_t) override {}
  void set_result_string(std::string_view value) override {
    cell_.kind = Cell::Kind::text;
    cell_.text = SharedStrings::keep(value);
  }
  void set_result_value(double value) override {
    // liborcus gives NaN for a formula saved without its value (<f> and no <v>).
    cell_.kind = std::isnan(value) ? Cell::Kind::formula_without_value : Cell::Kind::number;
    cell_.number = value;
  }
  void set_result_bool(bool value) override {
    cell_.kind = Cell::Kind::text;
    cell_.text = value ? "true" : "false";
  }
  void set_result_empty() override { cell_.kind = Cell::Kind::formula_without_value; }
  void commit() override {
    if (active) c_.add(std::move(cell_));
  }
  bool active = false;

 private:
  Collected& c_;
  Cell cell_{};
};

class ArrayFormula final : public iface::import_array_formula {
 public:
  explicit ArrayFormula(Collected& c) : c_(c) {}
  void set_range(const ss::range_t&) override {}
  void set_formula(ss::formula_grammar_t, std::string_view) override {}
  void set_result_string(ss::row_t row, ss::col_t col, std::string_view value) override {
    if (active) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::text, 0, SharedStrings::keep(value)});
  }
  void set_result_value(ss::row_t row, ss::col_t col, double value) override {
    if (active) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::number, value, {}});
  }
  void set_result_bool(ss::row_t row, ss::col_t col, bool value) override {
    if (active) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::text, 0, value ? "true" : "false"});
  }
  void set_result_empty(ss::row_t row, ss::col_t col) override {
    if (active) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::formula_without_value, 0, {}});
  }
  void commit() override {}
  bool active = false;

 private:
  Collected& c_;
};

// A sheet: the chosen one keeps its cells; the others are read past.
class Sheet final : public iface::import_sheet {
 public:
  Sheet(Collected& c, bool keep) : c_(c), keep_(keep), formula_(c), array_(c) {
    formula_.active = keep;
    array_.active = keep;
  }
  iface::import_formula* get_formula() override { return &formula_; }
  iface::import_array_formula* get_array_formula() override { return &array_; }
  void set_auto(ss::row_t row, ss::col_t col, std::string_view s) override { text(row, col, SharedStrings::keep(s)); }
  void set_string(ss::row_t row, ss::col_t col, ss::string_id_t index) override {
    if (keep_) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::shared_text, static_cast<double>(index), {}});
  }
  void set_value(ss::row_t row, ss::col_t col, double value) override {
    if (keep_) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::number, value, {}});
  }
  void set_bool(ss::row_t row, ss::col_t col, bool value) override { text(row, col, value ? "true" : "false"); }
  void set_date_time(ss::row_t row, ss::col_t col, int, int, int, int, int, double) override {
    if (keep_) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::date, 0, {}});
  }
  void set_format(ss::row_t row, ss::col_t col, size_t xf) override {
    if (keep_ && xf != 0 && c_.xf_of.size() < max_workbook_cells) c_.xf_of[key_of(static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(col))] = xf;
  }
  void set_format(ss::row_t, ss::col_t, ss::row_t, ss::col_t, size_t) override {}
  void fill_down_cells(ss::row_t, ss::col_t, ss::row_t) override {}
  ss::range_size_t get_sheet_size() const override { return ss::range_size_t{1048576, 16384}; }

 private:
  void text(ss::row_t row, ss::col_t col, std::string value) {
    if (keep_) c_.add(Cell{static_cast<std::uint32_t>(row), static_cast<std::uint16_t>(col), Cell::Kind::text, 0, std::move(value)});
  }
  Collected& c_;
  bool keep_;
  Formula formula_;
  ArrayFormula array_;
};

// "C14" and "A1:D20" as liborcus asks them resolved (a sheet's dimension, merged cells).
class References final : public iface::import_reference_resolver {
 public:
  ss::src_address_t resolve_address(std::string_view a) override {
    ss::src_address_t out{0, 0, 0};
    std::size_t i = 0;
    if (!a.empty() && a[0] == '$') ++i;
    long col = 0, row = 0;
    for (; i < a.size() && std::isalpha(static_cast<unsigned char>(a[i])) && col < 20000; ++i)
      col = col * 26 + (std::toupper(static_cast<unsigned char>(a[i])) - 'A' + 1);
    if (i < a.size() && a[i] == '$') ++i;
    for (; i < a.size() && std::isdigit(static_cast<unsigned char>(a[i])) && row < 2000000; ++i) row = row * 10 + (a[i] - '0');
    if (col == 0 || row == 0 || i != a.size()) throw orcus::invalid_arg_error("not a cell address");
    out.row = static_cast<ss::row_t>(row - 1);
    out.column = static_cast<ss::col_t>(col - 1);
    return out;
  }
  ss::src_range_t resolve_range(std::string_view r) override {
    const std::size_t colon = r.find(':');
    const ss::src_address_t first = resolve_address(r.substr(0, colon));
    return {first, colon == std::string_view::npos ? first : resolve_address(r.substr(colon + 1))};
  }
};

class Factory final : public iface::import_factory {
 public:
  explicit Factory(Collected& c) : c_(c), shared_(c.strings), styles_(c) {}
  iface::import_reference_resolver* get_reference_resolver(ss::formula_ref_context_t) override { return &references_; }
  iface::import_shared_strings* get_shared_strings() override { return &shared_; }
  iface::import_styles* get_styles() override { return &styles_; }
  iface::import_sheet* append_sheet(ss::sheet_t index, std::string_view name) override {
    c_.sheet_names.emplace_back(name);
    const bool keep = c_.chosen < 0 && (c_.wanted.empty() ? index == 0 : normalized(name) == normalized(c_.wanted));
    if (keep) c_.chosen = static_cast<int>(c_.sheet_names.size() - 1);
    sheets_.push_back(std::make_unique<Sheet>(c_, keep));
    return sheets_.back().get();
  }
  iface::import_sheet* get_sheet(std::string_view name) override {
    for (std::size_t i = 0; i < c_.sheet_names.size(); ++i)
      if (c_.sheet_names[i] == name) return sheets_[i].get();
    return nullptr;
  }
  iface::import_sheet* get_sheet(ss::sheet_t index) override {
    return index >= 0 && static_cast<std::size_t>(index) < sheets_.size() ? sheets_[static_cast<std::size_t>(index)].get() : nullptr;
  }
  void finalize() override {}

  static std::string normalized(std::string_view name) {
    std::string s(name);
    if (!is_ascii(s)) normalize_nfc(s);
    return s;
  }

 private:
  Collected& c_;
  References references_;
  SharedStrings shared_;
  Styles styles_;
  std::vector<std::unique_ptr<Sheet>> sheets_;
};

// Number formats: the built-in percent ones (9 "0%", 10 "0.00%") and any code with '%'
// outside quotes; dates: the built-in date and time ones, and codes with d, m, y, h or s
// outside quotes and [brackets].
struct FormatKind {
  bool percent = false;
  bool date = false;
};
FormatKind kind_of_format(std::size_t id, const std::string* code) {
  FormatKind k;
  if (id == 9 || id == 10) k.percent = true;
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) k.date = true;
  if (!code) return k;
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code->size(); ++i) {
    const char c = (*code)[i];
    if (c == '"') quoted = !quoted;
    const bool literal = quoted || c == '"' || (bracket && c != ']');  // quoted text, [colour] or [$-locale]
    if (literal) continue;
    if (c == '\\' || c == '_' || c == '*') ++i;  // the next character is shown as it is
    else if (c == '[') bracket = true;
    else if (c == ']') bracket = false;
    else if (c == '%') k.percent = true;
    else if (std::strchr("dmyhsDMYHS", c) != nullptr) k.date = true;
  }
  if (*code == "General" || *code == "general") k.date = false;
  return k;
}

}  // namespace

std::optional<SheetTable> read_workbook_sheet(std::string_view bytes, const std::string& file, const std::string& wanted,
                                              std::vector<Diagnostic>& problems) {
  Archive archive;
  if (!check_archive(bytes, file, problems, archive)) return std::nullopt;
  // Every part must inflate to its declared size and checksum before liborcus sees it:
  // liborcus 0.17's XML parser reads past the end of some damaged parts (found by the fuzzer).
  for (std::size_t i = 0, at = archive.directory_at; i < archive.entries; ++i) {
    const std::optional<std::string> part = inflate_part(bytes, at);
    const std::string_view name = bytes.substr(at + 46, le16(bytes, at + 28));
    if (!part || crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(part->data()), static_cast<uInt>(part->size())) != le32(bytes, at + 16)) {
      problems.push_back(file_problem(file, "workbook-damaged",
                                      trf("not a readable Excel workbook: the zip part '{part}' is damaged (it does not unpack to what its checksum says)",
                                          "part"_a = name)));
      return std::nullopt;
    }
    at += 46 + le16(bytes, at + 28) + le16(bytes, at + 30) + le16(bytes, at + 32);
  }
  Collected c;
  const std::string rewritten = readable_by_orcus(bytes, archive, c.inline_strings);
  c.wanted = wanted;
  try {
    Factory factory(c);
    orcus::orcus_xlsx reader(&factory);
    reader.read_stream(rewritten.empty() ? bytes : std::string_view(rewritten));
  } catch (const std::exception& e) {
    problems.push_back(file_problem(file, "workbook-damaged", trf("not a readable Excel workbook: {reason}", "reason"_a = e.what())));
    return std::nullopt;
  }
  if (c.chosen < 0) {
    if (c.sheet_names.empty()) {
      problems.push_back(file_problem(file, "workbook-damaged", tr("the workbook has no sheet")));
      return std::nullopt;
    }
    std::string names;
    for (std::size_t i = 0; i < c.sheet_names.size() && i < 20; ++i) names += (i ? ", " : "") + quote_value(c.sheet_names[i]);
    problems.push_back(file_problem(file, "unknown-sheet",
                                    trf("the workbook has no sheet {sheet}; its sheets are {names}", "sheet"_a = quote_value(wanted), "names"_a = names)));
    return std::nullopt;
  }
  const std::string sheet = c.sheet_names[static_cast<std::size_t>(c.chosen)];
  auto at = [&](std::uint32_t row, std::uint32_t col) { return SourceLocation{file, row + 1, col + 1, sheet}; };
  if (c.too_many_cells) {
    Diagnostic d{SourceLocation{file, 0, 0, sheet}, Severity::error, {},
                 trf("the sheet has more than {count} cells: more than cchc reads from a workbook", "count"_a = max_workbook_cells)};
    problems.push_back(d.set_code("workbook-too-large"));
    return std::nullopt;
  }
  // The later of two values for one cell wins (a formula's result after its cell's value).
  std::stable_sort(c.cells.begin(), c.cells.end(), [](const Cell& a, const Cell& b) { return key_of(a.row, a.col) < key_of(b.row, b.col); });
  std::vector<Cell> cells;
  cells.reserve(c.cells.size());
  for (Cell& cell : c.cells) {
    if (!cells.empty() && cells.back().row == cell.row && cells.back().col == cell.col) cells.back() = std::move(cell);
    else cells.push_back(std::move(cell));
  }
  std::vector<std::string> fields;  // per cell, its text
  fields.reserve(cells.size());
  std::uint32_t columns = 0, rows = 0;
  const std::size_t problems_before = problems.size();
  for (const Cell& cell : cells) {
    std::string text;
    auto refuse = [&](const char* code, std::string message) {
      if (problems.size() - problems_before < 100) {
        Diagnostic d{at(cell.row, cell.col), Severity::error, {}, std::move(message)};
        problems.push_back(d.set_code(code));
      }
    };
    FormatKind format;
    if (cell.kind == Cell::Kind::number) {
      const auto xf = c.xf_of.find(key_of(cell.row, cell.col));
      if (xf != c.xf_of.end() && xf->second < c.xf_number_format.size()) {
        const std::size_t id = c.xf_number_format[xf->second];
        const auto code = c.format_codes.find(id);
        format = kind_of_format(id, code == c.format_codes.end() ? nullptr : &code->second);
      }
    }
    switch (cell.kind) {
      case Cell::Kind::number:
        if (format.date && !format.percent)
          refuse("workbook-date-cell",
                 tr("the cell holds a date (Excel may have turned what was typed, such as 1.1, into one): format the cell as "
                    "text and type the value again"));
        else text = shortest_decimal(cell.number, format.percent);
        break;
      case Cell::Kind::date:
        refuse("workbook-date-cell", tr("the cell holds a date: format the cell as text and type the value again"));
        break;
      case Cell::Kind::formula_without_value:
        refuse("workbook-formula-without-value",
               tr("the cell holds a formula without a computed value: open the workbook in Excel or LibreOffice and save it, "
                  "or type the value"));
        break;
      case Cell::Kind::text:
        text = cell.text;
        break;
      case Cell::Kind::shared_text: {
        const auto index = static_cast<std::size_t>(cell.number);
        if (index >= inline_string_base && index - inline_string_base < c.inline_strings.size()) text = c.inline_strings[index - inline_string_base];
        else if (index < c.strings.size()) text = c.strings[index];
        break;
      }
    }
    if (!text.empty() && text[0] == '\x01') {
      refuse("workbook-cell-too-long", trf("the cell holds {bytes} bytes of text: more than a cell holds ({most} characters)",
                                           "bytes"_a = text.substr(10), "most"_a = max_cell_characters));
      text.clear();
    }
    if (!text.empty()) {
      columns = std::max<std::uint32_t>(columns, cell.col + 1u);
      rows = std::max<std::uint32_t>(rows, cell.row + 1u);
    }
    fields.push_back(std::move(text));
  }
  if (problems.size() > problems_before) return std::nullopt;
  // Rows above the header are read past: the header is the first row, among the first 50,
  // whose first cell with text says "unit" or "code" (a template's or an official sheet's
  // title, criterion titles and maxima sit above it); without one, the first row with text.
  std::uint32_t header_row = 0;
  {
    std::uint32_t seen_row = UINT32_MAX;
    for (std::size_t i = 0; i < cells.size() && cells[i].row < 50; ++i) {
      if (fields[i].empty() || cells[i].row == seen_row) continue;
      seen_row = cells[i].row;
      std::string first = fields[i];
      for (char& ch : first) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const std::size_t b = first.find_first_not_of(' '), e = first.find_last_not_of(' ');
      first = b == std::string::npos ? std::string() : first.substr(b, e - b + 1);
      if (first == "unit" || first == "code") {
        header_row = cells[i].row;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < cells.size() && cells[i].row < header_row; ++i) fields[i].clear();
  // A record per row from row 1, a field per column from A: every field quoted.
  SheetTable out;
  out.sheet = sheet;
  std::size_t next = 0;
  for (std::uint32_t row = 0; row < rows; ++row) {
    std::uint32_t col = 0;
    bool any = false;
    while (next < cells.size() && cells[next].row == row) {
      if (!fields[next].empty()) {
        if (!any) {
          for (; col < cells[next].col; ++col) out.csv += col ? ",\"\"" : "\"\"";
        }
        for (; col < cells[next].col; ++col) out.csv += ",\"\"";
        if (col > 0) out.csv += ',';
        out.csv += '"';
        for (const char ch : fields[next]) {
          if (ch == '"') out.csv += '"';
          out.csv += ch;
        }
        out.csv += '"';
        ++col;
        any = true;
      }
      ++next;
    }
    if (any)
      for (; col < columns; ++col) out.csv += ",\"\"";
    out.csv += '\n';
  }
  return out;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
