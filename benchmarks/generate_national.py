#!/usr/bin/env python3
"""Generate an INVENTED national-scale year for the benchmarks.

    python3 benchmarks/generate_national.py OUT_DIR

writes into OUT_DIR:
  criteria.yaml  a criteria set (schema cchc/criteria@1): max 100, 8 fields, 120 leaves using every
                 rule kind (points with step, options, tiers with min and above bounds on a rate and
                 on a count, proportional with and without target, deduct, survey with answer
                 weights), two `na: exclude` leaves and one `na: full_points` leaf, one
                 weighted_mean node, a survey field, rank groups so / xa / tw, bands (the set's and
                 the communes' own), a bonus and a penalty line, a tie-break;
  units.csv      4,500 units: 700 departments (so), 3,300 communes (xa), 500 central agencies (tw),
                 a few scored but not ranked;
  evidence.csv   long form unit,criterion,value,stage: every unit x leaf at stage appraisal (an
                 empty stage cell), plus a `self` value for about 1% of them, an `appraisal2` value
                 for about 0.5%, and the bonus and penalty lines of some units.

Everything is invented (names look Vietnamese; no number is an official result). Standard library
only; a fixed seed makes the output byte-identical on every run and machine.
"""

import csv
import random
import sys
from decimal import Decimal
from pathlib import Path

SEED = 20250701

PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
    "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp",
    "Cà Mau", "An Giang",
]
DEPARTMENTS = [
    "Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế",
    "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh", "Ban Quản lý các khu công nghiệp", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Ban Quản lý dự án đầu tư xây dựng", "Trung tâm Phục vụ hành chính công", "Đài Phát thanh và Truyền hình",
    "Ban Quản lý khu kinh tế", "Sở Du lịch",
]
AGENCIES = [
    "Kho bạc Nhà nước khu vực", "Thuế tỉnh", "Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Chi cục Hải quan khu vực",
    "Ngân hàng Nhà nước chi nhánh", "Thống kê tỉnh", "Thi hành án dân sự tỉnh", "Quản lý thị trường tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh", "Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh", "Cảng vụ Hàng hải",
    "Chi cục Kiểm lâm vùng", "Bưu điện tỉnh",
]
COMMUNE_FIRST = ["Tân", "Phú", "Long", "Bình", "An", "Hòa", "Thạch", "Quảng", "Đông", "Xuân", "Mỹ", "Hưng",
                 "Thuận", "Phước", "Đức", "Vĩnh", "Nghĩa", "Cẩm", "Yên", "Đại", "Hương", "Ngọc", "Lạc", "Sơn"]
COMMUNE_SECOND = ["Lợi", "Thành", "Hưng", "Phú", "Lộc", "Sơn", "Hải", "Điền", "Trung", "Tiến", "Thịnh",
                  "Đông", "Tây", "Nam", "Bắc", "An", "Hòa", "Khánh", "Thọ", "Mỹ", "Quý", "Định", "Xuyên", "Đức"]

# (id, title, max, leaves): fields 1-7 are appraised (70 points), field 8 is the survey (30).
FIELDS = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", 10, 14),
    ("2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật", 8, 12),
    ("3", "Cải cách thủ tục hành chính", 12, 16),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", 8, 12),
    ("5", "Cải cách chế độ công vụ", 10, 14),
    ("6", "Cải cách tài chính công", 8, 12),
    ("7", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", 14, 16),  # + 4 under the weighted node
]
SURVEY_FIELD = ("8", "Điều tra xã hội học: mức độ hài lòng của người dân, tổ chức", 30)

# Leaf titles by rule kind (the id keeps them apart).
TITLES = {
    "points": "Kết quả thực hiện nhiệm vụ do Hội đồng thẩm định chấm",
    "options": "Ban hành kế hoạch, văn bản triển khai kịp thời",
    "binary": "Thực hiện đầy đủ chế độ báo cáo",
    "tiers_rate": "Tỷ lệ hồ sơ giải quyết trước và đúng hạn",
    "tiers_count": "Số sáng kiến, mô hình mới được công nhận",
    "proportional": "Tỷ lệ hoàn thành kế hoạch năm",
    "proportional_target": "Tỷ lệ dịch vụ công trực tuyến toàn trình phát sinh hồ sơ",
    "deduct": "Vi phạm thời hạn gửi báo cáo",
    "deduct_fine": "Hồ sơ trễ hạn không có văn bản xin lỗi",
}
# Fields 1-7 cycle through these kinds, leaf by leaf.
KIND_CYCLE = ["points", "options", "tiers_rate", "proportional", "deduct",
              "binary", "tiers_count", "proportional_target", "deduct_fine", "points"]
# Leaves a unit may mark "na": excluded from its maximum, or given full points.
NA_LEAVES = {"2.1.1": "exclude", "6.2.1": "exclude", "3.3.2": "full_points"}
NA_TITLES = {
    "2.1.1": "Văn bản quy phạm pháp luật được ban hành đúng quy trình (không phát sinh thì loại khỏi điểm tối đa)",
    "6.2.1": "Tỷ lệ giải ngân vốn đầu tư công (đơn vị không được giao vốn thì loại khỏi điểm tối đa)",
    "3.3.2": "Phản ánh, kiến nghị được xử lý đúng hạn (không phát sinh thì được điểm tối đa)",
}
NA_KINDS = {"2.1.1": "points", "6.2.1": "proportional", "3.3.2": "deduct"}
# The weighted_mean node under field 7: (id, title, max, weight, kind).
WEIGHTED_NODE = ("7.5", "Chỉ số chuyển đổi số (bình quân gia quyền các chỉ số thành phần)", 3)
WEIGHTED_CHILDREN = [
    ("7.5.1", "Hạ tầng số", Decimal(1), 5, "proportional"),
    ("7.5.2", "Dữ liệu số", Decimal(2), 20, "tiers_rate"),
    ("7.5.3", "Nhân lực số", Decimal(1), 10, "points"),
    ("7.5.4", "An toàn thông tin", Decimal("0.5"), 15, "binary"),
]
SURVEY_ANSWERS_ABCD = [("A", Decimal(1)), ("B", Decimal("0.6")), ("C", Decimal("0.2")), ("D", Decimal(0))]
SURVEY_ANSWERS_3 = [("tot", Decimal(1)), ("tb", Decimal("0.5")), ("kem", Decimal(0))]
SURVEY_CRITERIA = [
    ("8.1", "Tiếp cận dịch vụ", SURVEY_ANSWERS_ABCD),
    ("8.2", "Thủ tục hành chính", SURVEY_ANSWERS_ABCD),
    ("8.3", "Công chức trực tiếp giải quyết công việc", SURVEY_ANSWERS_ABCD),
    ("8.4", "Kết quả giải quyết công việc", SURVEY_ANSWERS_3),
]


def dec(x):
    """A Decimal as YAML/CSV text: no exponent, no trailing zeros."""
    s = format(x.normalize(), "f")
    return s


class Leaf:
    def __init__(self, node_id, title, max_points, kind, na=None, weight=None, answers=None):
        self.id, self.title, self.max, self.kind = node_id, title, max_points, kind
        self.na, self.weight, self.answers = na, weight, answers

    def rule_yaml(self):
        m = self.max
        half = m / 2
        if self.kind == "points":
            return "{points: {step: 0.25}}"
        if self.kind == "options":
            return "{options: {kip_thoi: %s, cham: %s, khong: 0}}" % (dec(m), dec(half))
        if self.kind == "binary":
            return "{options: {dat: %s, khong_dat: 0}}" % dec(m)
        if self.kind == "tiers_rate":
            # "trên 90%": full points; "từ 70%": half; below: nothing.
            return "{tiers: [{above: 0.9, points: %s}, {min: 70%%, points: %s}, {points: 0}]}" % (dec(m), dec(half))
        if self.kind == "tiers_count":
            return "{value: count, tiers: [{min: 3, points: %s}, {above: 0, points: %s}, {points: 0}]}" % (dec(m), dec(half))
        if self.kind == "proportional":
            return "{proportional: {}}"
        if self.kind == "proportional_target":
            return "{proportional: {target: 0.8}}"
        if self.kind == "deduct":
            return "{deduct: {per: 0.25}}"
        if self.kind == "deduct_fine":
            return "{deduct: {per: 0.1}}"
        if self.kind == "survey":
            return "{survey: {answers: {%s}}}" % ", ".join("%s: %s" % (a, dec(w)) for a, w in self.answers)
        raise ValueError(self.kind)


def split_maxima(total, count, rng):
    """`count` leaf maxima in half points that add up to `total` exactly."""
    halves = int(total * 2)
    base, extra = divmod(halves, count)
    bigger = set(rng.sample(range(count), extra))
    return [Decimal(base + (1 if i in bigger else 0)) / 2 for i in range(count)]


def build_tree(rng):
    """[(field_id, title, max, source, [(criterion_id, title, max, aggregate, [Leaf])])]."""
    tree = []
    kind_at = 0
    criterion_titles = ["Kế hoạch và triển khai", "Kiểm tra, theo dõi, đánh giá", "Kết quả thực hiện", "Đổi mới, sáng tạo"]
    for fid, ftitle, fmax, nleaves in FIELDS:
        maxima = split_maxima(Decimal(fmax) - (WEIGHTED_NODE[2] if fid == "7" else 0), nleaves, rng)
        criteria = []
        for c in range((nleaves + 3) // 4):
            cid = "%s.%d" % (fid, c + 1)
            leaves = []
            for k in range(4 * c, min(nleaves, 4 * c + 4)):
                lid = "%s.%d" % (cid, k - 4 * c + 1)
                if lid in NA_LEAVES:
                    leaves.append(Leaf(lid, NA_TITLES[lid], maxima[k], NA_KINDS[lid], na=NA_LEAVES[lid]))
                else:
                    kind = KIND_CYCLE[kind_at % len(KIND_CYCLE)]
                    kind_at += 1
                    leaves.append(Leaf(lid, TITLES[kind], maxima[k], kind))
            criteria.append((cid, "%s (lĩnh vực %s)" % (criterion_titles[c % 4], fid), sum(l.max for l in leaves), "sum", leaves))
        if fid == "7":
            wid, wtitle, wmax = WEIGHTED_NODE
            leaves = [Leaf(i, t, m, k, weight=w) for i, t, m, w, k in WEIGHTED_CHILDREN]
            criteria.append((wid, wtitle, Decimal(wmax), "weighted_mean", leaves))
        tree.append((fid, ftitle, Decimal(fmax), "appraisal", criteria))
    sid, stitle, smax = SURVEY_FIELD
    criteria = []
    for cid, ctitle, answers in SURVEY_CRITERIA:
        leaves = [Leaf("%s.%d" % (cid, k + 1), "Câu hỏi %d: %s" % (k + 1, ctitle.lower()), Decimal("1.5"), "survey", answers=answers)
                  for k in range(5)]
        criteria.append((cid, ctitle, Decimal("7.5"), "sum", leaves))
    tree.append((sid, stitle, Decimal(smax), "survey", criteria))
    return tree


def write_criteria(tree, path):
    out = [
        "# INVENTED national-scale criteria set for the cchc benchmarks (benchmarks/generate_national.py).",
        "# Not an official set: maxima, rules, bands and groups are made up to exercise every rule kind.",
        "schema: cchc/criteria@1",
        "id: quoc-gia-benchmark",
        'title: "Chỉ số CCHC toàn quốc (bộ dữ liệu thử hiệu năng)"',
        "year: 2025",
        "max: 100",
        "rounding: {places: 2, mode: half_up}",
        "aggregate: sum",
        "bands:",
        '  - {min: 90, label: "Xuất sắc"}',
        '  - {above: 80, label: "Tốt"}',
        '  - {min: 65, label: "Khá"}',
        '  - {label: "Trung bình"}',
        "groups:",
        '  so: {title: "Sở, ban, ngành"}',
        '  xa: {title: "UBND cấp xã", bands: [{min: 85, label: "Nhóm I"}, {above: 70, label: "Nhóm II"}, {label: "Nhóm III"}]}',
        '  tw: {title: "Cơ quan Trung ương đóng trên địa bàn"}',
        'ranking: {on: exact, tie_break: ["8", "1"]}',
        "adjustments:",
        '  - {id: thuong, title: "Điểm thưởng sáng kiến cải cách hành chính", kind: bonus, max: 2}',
        '  - {id: phat, title: "Điểm trừ vi phạm kỷ luật, kỷ cương hành chính", kind: penalty, max: 3}',
        "fields:",
    ]
    for fid, ftitle, fmax, source, criteria in tree:
        out += ['  - id: "%s"' % fid, '    title: "%s"' % ftitle, "    max: %s" % dec(fmax)]
        if source == "survey":
            out.append("    source: survey")
        out.append("    criteria:")
        for cid, ctitle, cmax, aggregate, leaves in criteria:
            out += ['      - id: "%s"' % cid, '        title: "%s"' % ctitle, "        max: %s" % dec(cmax)]
            if aggregate != "sum":
                out.append("        aggregate: %s" % aggregate)
            out.append("        criteria:")
            for leaf in leaves:
                extra = ""
                if leaf.weight is not None:
                    extra += ", weight: %d" % leaf.weight
                if leaf.na:
                    extra += ", na: %s" % leaf.na
                out.append('          - {id: "%s", title: "%s", max: %s%s, rule: %s}'
                           % (leaf.id, leaf.title, dec(leaf.max), extra, leaf.rule_yaml()))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def make_units(rng):
    """[(code, name, group, ranked, strength)]."""
    units = []
    for i in range(700):
        province = PROVINCES[i % len(PROVINCES)]
        units.append(("S%04d" % (i + 1), "%s %s" % (DEPARTMENTS[(i // len(PROVINCES)) % len(DEPARTMENTS)], province), "so"))
    for i in range(3300):
        province = PROVINCES[i % len(PROVINCES)]
        kind = "Phường" if i % 5 == 0 else "Xã"
        name = "%s %s %s" % (kind, COMMUNE_FIRST[rng.randrange(len(COMMUNE_FIRST))], COMMUNE_SECOND[rng.randrange(len(COMMUNE_SECOND))])
        units.append(("X%04d" % (i + 1), "%s, %s" % (name, province), "xa"))
    for i in range(500):
        province = PROVINCES[i % len(PROVINCES)]
        units.append(("T%04d" % (i + 1), "%s %s" % (AGENCIES[(i // len(PROVINCES)) % len(AGENCIES)], province), "tw"))
    out = []
    for code, name, group in units:
        ranked = rng.random() >= 0.01  # about 1% scored but not ranked (newly merged bodies)
        strength = 0.45 + 0.53 * rng.random()
        out.append((code, name, group, ranked, strength))
    return out


def clamp01(x):
    return 0.0 if x < 0 else (1.0 if x > 1 else x)


def rate_text(rng, r):
    """A rate as a clerk writes it: 0.947 or 94.7%."""
    milli = int(round(r * 1000))
    if rng.random() < 0.25:
        return dec(Decimal(milli) / 10) + "%"
    return dec(Decimal(milli) / 1000)


def value_for(rng, leaf, strength):
    """A valid evidence value for the leaf, better for stronger units."""
    s = clamp01(strength + rng.gauss(0, 0.15))
    k = leaf.kind
    if k == "points":
        quarters = int(leaf.max * 4)
        return dec(Decimal(int(s * quarters + 0.5)) / 4)
    if k == "options":
        return "kip_thoi" if s > 0.75 else ("cham" if s > 0.45 else "khong")
    if k == "binary":
        return "dat" if s > 0.5 else "khong_dat"
    if k in ("tiers_rate", "proportional", "proportional_target"):
        return rate_text(rng, clamp01(0.55 + 0.45 * s + rng.gauss(0, 0.03)))
    if k == "tiers_count":
        return str(max(0, int(s * 5 + rng.gauss(0, 1))))
    if k in ("deduct", "deduct_fine"):
        return str(max(0, int((1 - s) * 6 + rng.gauss(0, 1))))
    if k == "survey":
        if rng.random() < 0.1:
            return dec(Decimal(int(s * 1000)) / 1000)  # a share 0..1 from an older survey form
        respondents = rng.randrange(20, 61)
        weights = [s * s, 2 * s * (1 - s), (1 - s) * (1 - s) + 0.05, 0.03][: len(leaf.answers)]
        counts = [0] * len(leaf.answers)
        for answer in rng.choices(range(len(counts)), weights, k=respondents):
            counts[answer] += 1
        return ";".join("%s=%d" % (a, c) for (a, _), c in zip(leaf.answers, counts) if c > 0)
    raise ValueError(k)


def unit_evidence(rng, code, group, strength, leaves):
    """One unit's evidence rows: every leaf at appraisal, a few self and appraisal2 values, adjustments."""
    rows = []
    for leaf in leaves:
        if leaf.na and rng.random() < (0.3 if group == "tw" else 0.08):
            rows.append([code, leaf.id, "na", ""])
            continue
        value = value_for(rng, leaf, strength)
        if rng.random() < 0.01:  # the unit's self-assessment, usually kinder than the council
            rows.append([code, leaf.id, value_for(rng, leaf, min(1.0, strength + 0.2)), "self"])
        rows.append([code, leaf.id, value, ""])  # empty stage = appraisal
        if rng.random() < 0.005:  # a second appraisal after the unit explained itself
            rows.append([code, leaf.id, value_for(rng, leaf, strength), "appraisal2"])
    if rng.random() < 0.2:
        rows.append([code, "thuong", dec(Decimal(rng.randrange(1, 9)) / 4), ""])
    if rng.random() < 0.1:
        rows.append([code, "phat", dec(Decimal(rng.randrange(1, 7)) / 2), ""])
    return rows


def write_data(tree, units, rng, units_path, evidence_path):
    leaves = [leaf for _, _, _, _, criteria in tree for _, _, _, _, ls in criteria for leaf in ls]
    with units_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "group", "ranked"])
        for code, name, group, ranked, _ in units:
            w.writerow([code, name, group, "true" if ranked else "false"])
    rows = 0
    last_rows = {}  # group -> the previous unit's rows, to make a few exact twins (shared ranks)
    with evidence_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "criterion", "value", "stage"])
        for code, _, group, _, strength in units:
            if group in last_rows and rng.random() < 0.01:
                unit_rows = [[code] + r[1:] for r in last_rows[group]]
            else:
                unit_rows = unit_evidence(rng, code, group, strength, leaves)
            w.writerows(unit_rows)
            rows += len(unit_rows)
            last_rows[group] = unit_rows
    return len(leaves), rows


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    tree = build_tree(rng)
    write_criteria(tree, out / "criteria.yaml")
    units = make_units(rng)
    leaves, rows = write_data(tree, units, rng, out / "units.csv", out / "evidence.csv")
    size = (out / "evidence.csv").stat().st_size
    print("%s: %d units, %d leaves, %d evidence rows (%.1f MB)" % (out, len(units), leaves, rows, size / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
