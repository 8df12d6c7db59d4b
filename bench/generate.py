"""Synthetic data at scale for the benchmarks: many units over many years, never committed.

    python bench/generate.py OUT_DIR [--units 3321] [--years 10]

Names are realistic Vietnamese commune names; scores have ties and fill every band.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SYLLABLES = [
    "An",
    "Bình",
    "Hòa",
    "Tân",
    "Phước",
    "Thạnh",
    "Long",
    "Mỹ",
    "Phú",
    "Thuận",
    "Hiệp",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Quang",
    "Hưng",
    "Lợi",
    "Xuân",
    "Thủy",
    "Sơn",
    "Hải",
    "Hà",
    "Lâm",
    "Điền",
    "Khánh",
    "Ninh",
    "Vĩnh",
    "Quý",
    "Thịnh",
    "Lộc",
    "Đức",
    "Tiến",
    "Thành",
    "Minh",
    "Hồng",
    "Kim",
    "Ngọc",
]
KINDS = ("Xã", "Phường", "Thị trấn")
BANDS = (("Xuất sắc", "90"), ("Tốt", "80"), ("Khá", "70"), ("Trung bình", "50"), ("Yếu", "0"))


def unit_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct commune names such as "Xã Hòa Bình"."""
    names = [f"{k} {a} {b}" for k in KINDS for a in SYLLABLES for b in SYLLABLES if a != b]
    rng.shuffle(names)
    if count > len(names):
        raise SystemExit(f"at most {len(names)} units")
    return names[:count]


def generate(root: Path, units: int = 3321, years: int = 10, last_year: int = 2019) -> Path:
    """Write a data folder with one evaluation ("xa") scored for every unit every year."""
    rng = random.Random(20191)
    names = unit_names(units, rng)
    (root / "evaluations").mkdir(parents=True, exist_ok=True)
    (root / "publisher.toml").write_text(
        f'focus_agency = "{names[0]}"\nauthor = "Thu Trang"\nunit_abbreviation = "VPS"\n'
        'city = "Đà Nẵng"\n',
        "utf-8",
    )
    definition = [
        'name = "Chỉ số cải cách hành chính cấp xã"',
        'short_name = "CCHC"',
        'topic = "cải cách hành chính"',
        'group = "Khối xã, phường, thị trấn"',
        'score_label = "điểm"',
        'unit_noun = "đơn vị"',
        'tie_rule = "dense"',
    ]
    for name, minimum in BANDS:
        definition += ["", "[[bands]]", f'name = "{name}"', f'minimum = "{minimum}"']
    (root / "evaluations" / "xa.toml").write_text("\n".join(definition) + "\n", "utf-8")
    base = {n: rng.uniform(35, 99) for n in names}
    for year in range(last_year - years + 1, last_year + 1):
        folder = root / str(year)
        folder.mkdir(exist_ok=True)
        lines = ["STT;Đơn vị;Điểm"]
        for i, name in enumerate(names, start=1):
            score = min(100.0, max(0.0, base[name] + rng.uniform(-4, 4)))
            # One score in five is a whole number, so ties are common.
            text = f"{round(score)}" if rng.random() < 0.2 else f"{score:.2f}".replace(".", ",")
            lines.append(f"{i};{name};{text}")
        (folder / "xa.csv").write_text("\n".join(lines) + "\n", "utf-8")
        (folder / "article.toml").write_text('sections = ["xa"]\n', "utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, default=3321)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    print(generate(args.out, args.units, args.years))


if __name__ == "__main__":
    main()
