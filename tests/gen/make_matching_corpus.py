#!/usr/bin/python3
"""Builds the matching corpus: every plan table of ../shared/seeds/tables, each item written
the ways unit staff write it, plus rows that are not in the plan, grouped into report files.

  /usr/bin/python3 tests/gen/make_matching_corpus.py tests/data/matching

Writes items.tsv (plan, key, kind, code, name, owner) and rows.tsv (plan, split, file, kind,
code, written, expected key or "" for a row that is no plan item). The matching test
(tests/matching/matching_corpus_test.cpp, label `matching`) maps every file's rows to its plan
and reports precision and recall per kind.

Kinds of written forms (the issue-15 list):
  exact       the plan's own name (control)
  verb        leading verbs dropped ("Chỉ đạo", "Triển khai", "Thực hiện", ...)
  core        cut to the core clause (first clause, first 4-9 words)
  initialism  a run of 2-4 of the item's own words written as capital initials ("TTHC")
  abbrev      the data list's abbreviations (templates/abbreviations.toml) put back
  synonym     reworded: synonyms, variant spellings, dropped filler words
  typo        one wrong letter or tone mark in a word of 5 letters or more
  nodiac      written without diacritics
  extra       the plan's name plus the unit's own explanation
  numbering   the unit's own numbering in front and in the STT column
  mixed       two or three of the above together
  decoy       an item of another plan or a plausible activity not in this plan, same styles

Splits: "tune" (seed 1 of An Dương, Nghi Dương, Vĩnh Thịnh) is what the matcher was tuned on;
"held-out-forms" (seed 2 of those plans) and "held-out-table" (Vĩnh Bảo, both seeds) were not
looked at while tuning.
"""
import csv
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEEDS = os.path.join(ROOT, "..", "shared", "seeds", "tables")
ABBREVIATIONS = os.path.join(ROOT, "templates", "abbreviations.toml")


def rows(name):
    with open(os.path.join(SEEDS, name), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def clean(s):
    return " ".join(s.replace("\u00a0", " ").split())


def plans():
    """plan -> list of (key, kind, code, name, owner)."""
    out = {}
    items = []
    for i, r in enumerate(rows("an-duong-indicators.tsv")):
        items.append((f"ind{i}", "indicator", r["code"], clean(r["name"]), clean(r["advisory_unit"])))
    for i, r in enumerate(rows("an-duong-tasks.tsv")):
        items.append((f"task{i}", "task", r["code"], clean(r["task"]), clean(r["lead_agency"])))
    out["an-duong"] = items
    out["nghi-duong"] = [(f"task{i}", "task", r["code"], clean(r["task"]), clean(r["lead_agency"]))
                         for i, r in enumerate(rows("nghi-duong-tasks.tsv"))]
    items = []
    for i, r in enumerate(rows("vinh-thinh-indicators.tsv")):
        items.append((f"ind{i}", "indicator", r["code"], clean(r["text"]), ""))
    for i, r in enumerate(rows("vinh-thinh-tasks.tsv")):
        items.append((f"task{i}", "task", r["code"], clean(r["content"]), clean(r["advisory_agency"])))
    out["vinh-thinh"] = items
    out["vinh-bao"] = [(f"task{i}", "task", r["code"], clean(r["content"]), clean(r["lead_agency"]))
                       for i, r in enumerate(rows("vinh-bao-tasks.tsv"))]
    return out


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def load_abbreviations():
    out = {}
    with open(ABBREVIATIONS, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^"?([a-z-]+)"?\s*=\s*"([^"]+)"', line.strip())
            if m:
                out[m.group(2).replace("-", " ").replace(",", "")] = m.group(1).upper()
    return out


LEADING_VERBS = ["chỉ đạo", "triển khai", "thực hiện", "tập trung", "đẩy mạnh", "tiếp tục", "tăng cường",
                 "phấn đấu", "thường xuyên", "đẩy nhanh", "chủ động", "quyết liệt", "tổ chức thực hiện",
                 "phân đấu", "việc", "công tác", "các", "hoàn thành"]

SYNONYMS = [("hằng năm", "hàng năm"), ("bảo đảm", "đảm bảo"), ("tỷ lệ", "tỉ lệ"), ("hóa", "hoá"),
            ("thủy", "thuỷ"), ("nhân dân", "người dân"), ("giải quyết", "xử lý"), ("tăng cường", "đẩy mạnh"),
            ("ủy ban nhân dân", "UBND"), ("hội đồng nhân dân", "HĐND"), ("kịp thời", "nhanh chóng"),
            ("trên địa bàn", "tại địa phương"), ("giai đoạn 2026 - 2030", "đến năm 2030"),
            ("giai đoạn 2026-2030", "đến 2030"), ("nâng cao", "cải thiện"), ("phát triển", "phát triển mạnh"),
            ("quản lý", "quản lí"), ("kỹ", "kĩ"), ("số", "số lượng"), ("công tác", ""), ("các", ""),
            ("thực hiện", "làm tốt"), ("xây dựng", "xây dựng, củng cố"), ("ngân sách nhà nước", "ngân sách")]

TRAILING = [" (theo kế hoạch)", " năm 2026", ", đạt kết quả tốt", " trên địa bàn", " theo chỉ đạo của cấp trên",
            " - đã triển khai đến các thôn, tổ dân phố", ": đơn vị đã ban hành kế hoạch thực hiện",
            " (phối hợp với các đơn vị liên quan)", ", đảm bảo đúng tiến độ đề ra", " và các nội dung có liên quan",
            " trong năm 2026 theo kế hoạch của UBND", " (tiếp tục thực hiện)"]

DECOY_ACTIVITIES = [
    "Tổ chức Hội khỏe Phù Đổng cấp xã", "Tổ chức lễ kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam",
    "Phòng, chống dịch bệnh gia súc, gia cầm", "Sửa chữa, cải tạo trụ sở làm việc",
    "Tổ chức Tết trồng cây đời đời nhớ ơn Bác Hồ", "Hiến máu tình nguyện", "Tiêm chủng mở rộng cho trẻ em dưới 1 tuổi",
    "Tập huấn nghiệp vụ công tác văn thư, lưu trữ", "Phòng chống đuối nước cho học sinh trong dịp hè",
    "Kiểm tra an toàn thực phẩm dịp Tết Trung thu", "Cấp phát thẻ bảo hiểm cho người cao tuổi",
    "Nạo vét kênh mương nội đồng phục vụ sản xuất vụ chiêm xuân", "Tổ chức giải bóng đá thanh niên",
    "Hội thi tìm hiểu pháp luật về an toàn giao thông", "Thăm hỏi, tặng quà gia đình chính sách dịp 27/7",
    "Điều tra, cập nhật biến động dân số giữa kỳ", "Lắp đặt camera an ninh tại các ngã ba, ngã tư",
    "Tổng vệ sinh môi trường hưởng ứng Ngày Môi trường thế giới", "Tiếp công dân định kỳ của Chủ tịch UBND",
    "Diễn tập khu vực phòng thủ", "Thu quỹ phòng, chống thiên tai", "Xét duyệt hồ sơ hỗ trợ nhà ở cho hộ khó khăn",
    "Chỉnh lý, số hóa hồ sơ địa chính", "Tổ chức ngày hội đại đoàn kết toàn dân tộc ở khu dân cư",
    "Cập nhật phần mềm quản lý cán bộ", "Khám sức khỏe định kỳ cho người lao động",
    "Kiểm định chất lượng nước giếng khoan", "Trồng cây xanh tuyến đường trục xã",
    "Đào tạo nghề cho lao động nông thôn", "Thanh tra công vụ tại bộ phận một cửa",
]

STOP = set("và của các cho với đã được tại trên theo trong đến từ là có về để một những này đó bằng hoặc như".split())


def words(s):
    return s.split()


def drop_verbs(name):
    s = name.lstrip("-+ ").strip()
    changed = True
    while changed:
        changed = False
        for v in LEADING_VERBS:
            if fold(s.lower()).startswith(fold(v) + " ") and s.lower().startswith(v):
                s = s[len(v):].lstrip(" ,:")
                changed = True
    if s == name or len(words(s)) < 2:
        return None
    return s[0].upper() + s[1:]


def core_clause(rng, name, siblings=()):
    """The first clause of a long name, cut at its punctuation, never inside a phrase."""
    if len(words(name)) < 10:
        return None
    s = drop_verbs(name) or name.lstrip("-+ ")
    first = re.split(r"[;:.]\s|, trong đó|; trong đó| theo | gắn với | nhằm | để ", s + " ")[0].strip(" ,.;")
    parts = first.split(", ")
    take = parts[0]
    for p in parts[1:]:
        if len(words(take)) >= rng.randint(4, 8):
            break
        take += ", " + p
    cut = take.strip(" ,.;")
    if len(words(cut)) < 3 or fold(cut).lower() == fold(name).lower():
        return None
    # Staff keep what tells the item apart: a cut that another item's name also starts
    # with ("Trường công lập đạt chuẩn" of "... mức độ 1" and "... mức độ 2") is not written.
    if any(fold(o).lower().lstrip("-+ ").startswith(fold(cut).lower()) and fold(o).lower() != fold(name).lower()
           for o in siblings):
        return None
    return cut


def initialism(rng, name):
    w = words(name)
    spans = []
    for n in (4, 3, 2):
        for i in range(len(w) - n + 1):
            run = w[i:i + n]
            if any(not x.isalpha() or x.lower() in STOP for x in run):
                continue
            spans.append((i, n))
    if not spans:
        return None
    i, n = rng.choice(spans)
    letters = "".join(fold(x)[0].upper() if x[0] not in "đĐ" else "Đ" for x in w[i:i + n])
    return " ".join(w[:i] + [letters] + w[i + n:])


def abbreviate(name, table):
    out = name
    for expansion, short in sorted(table.items(), key=lambda kv: -len(kv[0])):
        pat = re.compile(r"\b" + re.escape(expansion).replace(r"\ ", r"[ ,]+") + r"\b", re.IGNORECASE)
        # Compare without diacritics: the data list is folded.
        folded = fold(out).lower()
        m = pat.search(folded)
        if m:
            out = out[:m.start()] + short + out[m.end():]
    return out if out != name else None


def synonym(rng, name):
    s = name
    pairs = SYNONYMS[:]
    rng.shuffle(pairs)
    done = 0
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            if not x:
                continue
            m = re.search(r"(?<!\w)" + re.escape(x) + r"(?!\w)", s, re.IGNORECASE)
            if m:
                s = (s[:m.start()] + y + s[m.end():]).replace("  ", " ").strip()
                done += 1
                break
        if done >= 3:
            break
    return s if s != name and len(words(s)) >= 2 else None


TONES = {
    "a": "àáảãạ", "ă": "ằắẳẵặ", "â": "ầấẩẫậ", "e": "èéẻẽẹ", "ê": "ềếểễệ", "i": "ìíỉĩị",
    "o": "òóỏõọ", "ô": "ồốổỗộ", "ơ": "ờớởỡợ", "u": "ùúủũụ", "ư": "ừứửữự", "y": "ỳýỷỹỵ",
}
BASE = {}
for base, marks in TONES.items():
    BASE[base] = (base, -1)
    for k, c in enumerate(marks):
        BASE[c] = (base, k)


def typo(rng, name):
    w = words(name)
    idx = [i for i, x in enumerate(w) if len(fold(x)) >= 5 and x.isalpha()]
    if not idx:
        return None
    i = rng.choice(idx)
    x = w[i]
    ops = []
    for j, c in enumerate(x):
        if c.lower() in BASE:
            base, tone = BASE[c.lower()]
            others = [m for k, m in enumerate(TONES[base]) if k != tone]
            ops.append((j, rng.choice(others)))
    cons = {"s": "x", "x": "s", "t": "c", "c": "t", "n": "m", "m": "n", "d": "đ", "l": "n", "r": "d", "g": "q"}
    for j, c in enumerate(x):
        if c in cons:
            ops.append((j, cons[c]))
    if not ops:
        return None
    j, c = rng.choice(ops)
    w[i] = x[:j] + c + x[j + 1:]
    return " ".join(w)


def nodiac(name):
    s = fold(name)
    return s if s != name else None


def extra(rng, name):
    return name.rstrip(" .;") + rng.choice(TRAILING)


def numbering(rng, name, n):
    style = rng.choice(["{n}. ", "{n}) ", "- ", "+ ", "{r}.{n} ", "{a}) "])
    prefix = style.format(n=n, r=rng.choice(["I", "II", "III"]), a="abcdefgh"[n % 8])
    return prefix + name.lstrip("-+ "), str(n) if "{n}" in style else ""


def forms(rng, name, abbreviations, siblings=()):
    out = [("exact", name)]
    for kind, fn in (("verb", lambda: drop_verbs(name)), ("core", lambda: core_clause(rng, name, siblings)),
                     ("initialism", lambda: initialism(rng, name)),
                     ("abbrev", lambda: abbreviate(name, abbreviations)),
                     ("synonym", lambda: synonym(rng, name)), ("typo", lambda: typo(rng, name)),
                     ("nodiac", lambda: nodiac(name)), ("extra", lambda: extra(rng, name))):
        s = fn()
        if s:
            out.append((kind, s))
    steps = [lambda s: drop_verbs(s), lambda s: initialism(rng, s), lambda s: synonym(rng, s),
             lambda s: typo(rng, s), lambda s: nodiac(s), lambda s: core_clause(rng, s, siblings)]
    s = name
    for step in rng.sample(steps, rng.randint(2, 3)):
        t = step(s)
        if t:
            s = t
    if s != name:
        out.append(("mixed", s))
    return out


def content(s):
    return {x for x in re.findall(r"\w+", fold(s).lower()) if x not in {fold(y) for y in STOP} and len(x) > 1}


def is_foreign(name, plan_items):
    """A decoy must not be the same item as one of the plan's: less than 60% of the shorter one's content words shared."""
    c = content(name)
    for _, _, _, other, _ in plan_items:
        o = content(other)
        shared = len(c & o)
        if shared >= 0.6 * min(len(c), len(o)):
            return False
    return True


class TsvWriter:
    """Plain tab-separated lines: names hold quotes but never tabs or line breaks."""

    def __init__(self, f):
        self.f = f

    def writerow(self, fields):
        assert not any("\t" in x or "\n" in x for x in fields)
        self.f.write("\t".join(fields) + "\n")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "data", "matching")
    os.makedirs(out_dir, exist_ok=True)
    abbreviations = load_abbreviations()
    all_plans = plans()
    with open(os.path.join(out_dir, "items.tsv"), "w", encoding="utf-8", newline="") as f:
        w = TsvWriter(f)
        w.writerow(["plan", "key", "kind", "code", "name", "owner"])
        for plan, items in all_plans.items():
            for it in items:
                w.writerow([plan, *it])
    with open(os.path.join(out_dir, "rows.tsv"), "w", encoding="utf-8", newline="") as f:
        w = TsvWriter(f)
        w.writerow(["plan", "split", "file", "kind", "code", "written", "expected"])
        for seed in (1, 2):
            for plan, items in all_plans.items():
                split = "held-out-table" if plan == "vinh-bao" else ("tune" if seed == 1 else "held-out-forms")
                rng = random.Random(f"{plan}-{seed}")
                names = [name for _, _, _, name, _ in items]
                per_item = [forms(rng, name, abbreviations, names) for name in names]
                foreign = [name for p, its in all_plans.items() if p != plan for _, _, _, name, _ in its]
                foreign += DECOY_ACTIVITIES
                foreign = [d for d in foreign if is_foreign(d, items)]
                n_files = max(len(f) for f in per_item)
                for k in range(n_files):
                    file_rows = []
                    for (key, _, code, _, _), fs in zip(items, per_item):
                        kind, text = fs[k % len(fs)]
                        file_rows.append([kind, code, text, key])
                    for d in rng.sample(foreign, min(len(foreign), max(3, len(items) // 6))):
                        kind, text = rng.choice(forms(rng, d, abbreviations))
                        file_rows.insert(rng.randint(0, len(file_rows)), ["decoy", "", text, ""])
                    n = 0
                    for r in file_rows:
                        # Some files carry the unit's own numbering on every row.
                        if r[0] == "numbering" or (k % 4 == 3):
                            n += 1
                            text, code = numbering(rng, r[2], n)
                            r[1], r[2] = code, text
                            if r[0] != "decoy":
                                r[0] = "numbering" if r[0] == "exact" else r[0]
                        elif r[0] != "decoy" and r[0] != "exact":
                            r[1] = ""  # units seldom copy the plan's STT
                    for r in file_rows:
                        w.writerow([plan, split, f"{plan}-s{seed}-f{k}", r[0], r[1], r[2], r[3]])


if __name__ == "__main__":
    main()
