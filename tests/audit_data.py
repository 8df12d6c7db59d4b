"""Data folders shaped like real announcements of other provinces, for the truth audit.

Each builder writes a complete data folder (publisher.toml, units.toml, evaluations,
score files per year, article.toml) under a folder it is given. The scores are invented;
the shapes (blocks of departments and districts, a district renamed and two merged, units
new in a year, two-decimal ties, three-way ties at the top, a tiny block, official bands
that disagree with the thresholds) are those of published provincial results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

Row = tuple[str, ...]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _csv(path: Path, header: Sequence[str], rows: Sequence[Row]) -> None:
    lines = [";".join(header)] + [";".join((str(i), *r)) for i, r in enumerate(rows, start=1)]
    _write(path, "\n".join(lines) + "\n")


def _publisher(root: Path, focus: str, city: str, padding: int = 2) -> None:
    _write(
        root / "publisher.toml",
        f'focus_agency = "{focus}"\nauthor = "Minh Anh"\nunit_abbreviation = "VP"\n'
        f'city = "{city}"\ncount_padding = {padding}\n',
    )


def _evaluation(root: Path, code: str, head: str, bands: Sequence[tuple[str, str, bool]]) -> None:
    text = head.strip() + "\n"
    for name, minimum, assumed in bands:
        text += f'\n[[bands]]\nname = "{name}"\nminimum = "{minimum}"\n'
        if assumed:
            text += "assumed = true\n"
    _write(root / "evaluations" / f"{code}.toml", text)


def _units(root: Path, units: Sequence[tuple[str, Sequence[str]]]) -> None:
    text = ""
    for name, aliases in units:
        text += f'[[units]]\nname = "{name}"\n'
        if aliases:
            text += "aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]\n"
        text += "\n"
    _write(root / "units.toml", text)


DEPARTMENTS = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Ngoại vụ",
    "Thanh tra tỉnh",
    "Văn phòng UBND tỉnh",
    "Ban Quản lý Khu kinh tế",
]
DISTRICTS_QN = [
    "Thành phố Hạ Long",
    "Thành phố Móng Cái",
    "Thành phố Cẩm Phả",
    "Thành phố Uông Bí",
    "Thị xã Đông Triều",
    "Thị xã Quảng Yên",
    "Huyện Vân Đồn",
    "Huyện Hải Hà",
    "Huyện Đầm Hà",
    "Huyện Tiên Yên",
    "Huyện Bình Liêu",
    "Huyện Ba Chẽ",
    "Huyện Cô Tô",
]
CENTRAL = ["Cục Thuế tỉnh", "Cục Hải quan tỉnh"]


def ddci(root: Path) -> None:
    """DDCI of a province: departments, districts and a block of two central agencies,
    ties at several places (competition ranking), two-decimal scores, published bands."""
    _publisher(root, "Sở Tư pháp", "Quảng Ninh")
    _evaluation(
        root,
        "ddci",
        """
name = "Bộ chỉ số đánh giá năng lực cạnh tranh cấp sở, ban, ngành và địa phương"
short_name = "DDCI"
topic = "nâng cao năng lực cạnh tranh"
group = "Khối sở, ban, ngành và địa phương"
score_label = "điểm"
unit_noun = "đơn vị"
tie_rule = "competition"
decimals = 2
min_named_ranks = 3
max_named_ranks = 5
compare_bands = true
""",
        [
            ("Rất tốt", "85", False),
            ("Tốt", "75", False),
            ("Khá", "65", False),
            ("Trung bình", "0", False),
        ],
    )
    dep22 = [
        "86.10",
        "84.20",
        "84.20",
        "83.00",
        "82.50",
        "82.50",
        "82.50",
        "80.00",
        "79.75",
        "79.10",
        "78.00",
        "77.40",
        "76.00",
        "75.50",
        "74.00",
        "73.25",
        "71.00",
        "70.00",
        "68.50",
        "66.00",
    ]
    dep23 = [
        "87.25",
        "87.25",
        "85.10",
        "85.10",
        "84.00",
        "83.50",
        "83.50",
        "83.50",
        "81.00",
        "80.40",
        "79.00",
        "79.00",
        "77.70",
        "76.10",
        "75.00",
        "74.90",
        "72.00",
        "71.30",
        "69.40",
        "64.80",
    ]
    dis22 = [
        "88.00",
        "86.00",
        "85.00",
        "85.00",
        "83.10",
        "81.00",
        "80.50",
        "80.50",
        "78.00",
        "76.00",
        "74.00",
        "72.00",
        "70.00",
    ]
    dis23 = [
        "89.30",
        "89.30",
        "89.30",
        "86.00",
        "84.00",
        "82.20",
        "81.00",
        "81.00",
        "79.50",
        "77.00",
        "75.10",
        "73.00",
        "66.40",
    ]
    order23 = [1, 0, 3, 2, 5, 4, 6, 7, 9, 8, 10, 11, 12, 14, 13, 15, 16, 17, 19, 18]
    for year, dep, dis, cen, order in (
        (2022, dep22, dis22, ["81.00", "79.00"], list(range(20))),
        (2023, dep23, dis23, ["80.00", "80.00"], order23),
    ):
        rows: list[Row] = []
        for i, score in enumerate(dep):
            rows.append((DEPARTMENTS[order[i]], score, "Khối sở, ban, ngành"))
        for name, score in zip(DISTRICTS_QN, dis, strict=True):
            rows.append((name, score, "Khối địa phương"))
        for name, score in zip(CENTRAL, cen, strict=True):
            rows.append((name, score, "Khối cơ quan Trung ương"))
        _csv(root / str(year) / "ddci.csv", ("STT", "Tên đơn vị", "Điểm", "Khối"), rows)
    _write(
        root / "2023" / "article.toml",
        'event = "Hội nghị công bố DDCI tỉnh Quảng Ninh năm 2023"\nsections = ["ddci"]\n'
        'blocks = "all"\n',
    )


BRVT_2023 = [
    "Thành phố Vũng Tàu",
    "Thành phố Bà Rịa",
    "Thị xã Phú Mỹ",
    "Huyện Long Điền",
    "Huyện Đất Đỏ",
    "Huyện Xuyên Mộc",
    "Huyện Châu Đức",
    "Huyện Côn Đảo",
]


def cchc_district(root: Path) -> None:
    """CCHC of districts over three years: Phú Mỹ renamed (units.toml alias), Long Điền and
    Đất Đỏ merged into Long Đất in the last year, explicit official bands."""
    _publisher(root, "Thành phố Phú Mỹ", "Bà Rịa - Vũng Tàu")
    _units(
        root,
        [
            ("Thành phố Vũng Tàu", ()),
            ("Thành phố Bà Rịa", ()),
            ("Thành phố Phú Mỹ", ("Thị xã Phú Mỹ", "UBND thị xã Phú Mỹ")),
            ("Huyện Long Điền", ()),
            ("Huyện Đất Đỏ", ()),
            ("Huyện Long Đất", ()),
            ("Huyện Xuyên Mộc", ()),
            ("Huyện Châu Đức", ()),
            ("Huyện Côn Đảo", ()),
        ],
    )
    _evaluation(
        root,
        "cchc",
        """
name = "Chỉ số cải cách hành chính"
short_name = "Chỉ số CCHC"
topic = "cải cách hành chính"
group = "Khối UBND cấp huyện"
score_label = "điểm"
unit_noun = "đơn vị"
tie_rule = "dense"
min_named_ranks = 2
max_named_ranks = 5
compare_bands = true
first_year = 2023
""",
        [
            ("Xuất sắc", "90", False),
            ("Tốt", "80", False),
            ("Khá", "70", False),
            ("Trung bình", "50", False),
            ("Yếu", "0", False),
        ],
    )
    years: dict[int, list[Row]] = {
        2023: [
            ("Thành phố Vũng Tàu", "88,4", "Tốt"),
            ("Thành phố Bà Rịa", "86,1", "Tốt"),
            ("Thị xã Phú Mỹ", "90,2", "Xuất sắc"),
            ("Huyện Long Điền", "79,5", "Khá"),
            ("Huyện Đất Đỏ", "92,3", "Xuất sắc"),
            ("Huyện Xuyên Mộc", "81,0", "Tốt"),
            ("Huyện Châu Đức", "84,7", "Tốt"),
            ("Huyện Côn Đảo", "75,2", "Khá"),
        ],
        2024: [
            ("Thành phố Vũng Tàu", "89,9", "Tốt"),
            ("Thành phố Bà Rịa", "87,0", "Tốt"),
            ("UBND thị xã Phú Mỹ", "93,5", "Xuất sắc"),
            ("Huyện Long Điền", "80,5", "Tốt"),
            ("Huyện Đất Đỏ", "91,0", "Xuất sắc"),
            ("Huyện Xuyên Mộc", "82,3", "Tốt"),
            ("Huyện Châu Đức", "85,6", "Tốt"),
            ("Huyện Côn Đảo", "76,8", "Khá"),
        ],
        2025: [
            ("Thành phố Vũng Tàu", "91,2", "Xuất sắc"),
            ("Thành phố Bà Rịa", "88,0", "Tốt"),
            ("Thành phố Phú Mỹ", "94,1", "Xuất sắc"),
            ("Huyện Long Đất", "85,5", "Tốt"),
            ("Huyện Xuyên Mộc", "83,9", "Tốt"),
            ("Huyện Châu Đức", "88,0", "Tốt"),
            ("Huyện Côn Đảo", "77,0", "Khá"),
        ],
    }
    for year, rows in years.items():
        _csv(root / str(year) / "cchc.csv", ("STT", "Đơn vị", "Điểm", "Xếp loại"), rows)
    _write(root / "2025" / "article.toml", 'sections = ["cchc"]\n')


VTLT_UNITS = [
    *DEPARTMENTS[:15],
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh",
    "Trường Cao đẳng Y tế",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Quỹ Đầu tư phát triển tỉnh",
    "Trung tâm Xúc tiến đầu tư",
    "Ban Quản lý các khu công nghiệp",
]


def vtlt_new_units(root: Path) -> None:
    """VTLT with seven units evaluated for the first time this year; last year's bands by
    assumed thresholds (no band column), this year's official."""
    _publisher(root, "Sở Giáo dục và Đào tạo", "Quảng Trị", padding=0)
    _evaluation(
        root,
        "vtlt",
        """
name = "công tác văn thư, lưu trữ"
short_name = "VTLT"
topic = "văn thư, lưu trữ"
group = "Khối sở, ban, ngành và đơn vị sự nghiệp thuộc UBND tỉnh"
score_label = "điểm"
unit_noun = "cơ quan, đơn vị"
tie_rule = "dense"
compare_bands = true
""",
        [
            ("Xuất sắc", "90", True),
            ("Tốt", "80", True),
            ("Khá", "65", True),
            ("Trung bình", "50", True),
            ("Yếu", "0", True),
        ],
    )
    prev = [
        "92",
        "85,5",
        "88",
        "79",
        "91",
        "70",
        "66",
        "84",
        "82,5",
        "77",
        "60",
        "58",
        "89",
        "93",
        "86",
    ]
    _csv(
        root / "2022" / "vtlt.csv",
        ("STT", "Tên cơ quan, đơn vị", "Tổng điểm"),
        [(u, s) for u, s in zip(DEPARTMENTS[:15], prev, strict=True)],
    )
    now = [
        ("94", "Xuất sắc"),
        ("87", "Tốt"),
        ("90,5", "Xuất sắc"),
        ("81", "Tốt"),
        ("88", "Tốt"),
        ("72", "Khá"),
        ("69,5", "Khá"),
        ("85", "Tốt"),
        ("84", "Tốt"),
        ("80", "Tốt"),
        ("63", "Trung bình"),
        ("55", "Trung bình"),
        ("91", "Xuất sắc"),
        ("95", "Xuất sắc"),
        ("92,5", "Xuất sắc"),
        ("96", "Xuất sắc"),
        ("78", "Khá"),
        ("45", "Yếu"),
        ("90,5", "Xuất sắc"),
        ("68", "Khá"),
        ("83", "Tốt"),
        ("74", "Khá"),
    ]
    _csv(
        root / "2023" / "vtlt.csv",
        ("STT", "Tên cơ quan, đơn vị", "Tổng điểm", "Xếp loại"),
        [(u, s, b) for u, (s, b) in zip(VTLT_UNITS, now, strict=True)],
    )


def ict_two_decimals(root: Path) -> None:
    """ICT index: the top unit tied with two others, ties that differ only in the second
    decimal, '85,5' equal to '85,50', competition ranking, two decimals printed."""
    _publisher(root, "Sở Công Thương", "Thừa Thiên Huế")
    _evaluation(
        root,
        "ict",
        """
name = "Chỉ số ứng dụng công nghệ thông tin"
short_name = "ICT Index"
topic = "ứng dụng công nghệ thông tin"
group = "Khối sở, ban, ngành"
score_label = "điểm"
unit_noun = "cơ quan"
tie_rule = "competition"
decimals = 2
min_named_ranks = 3
max_named_ranks = 6
compare_bands = true
""",
        [
            ("Xuất sắc", "90", False),
            ("Tốt", "80", False),
            ("Khá", "70", False),
            ("Trung bình", "0", False),
        ],
    )
    prev = [
        "91,20",
        "90,15",
        "90,14",
        "88",
        "85,47",
        "85,46",
        "85,5",
        "85,50",
        "83,33",
        "80",
        "79,99",
        "77,1",
        "72",
        "69,95",
        "60",
    ]
    now = [
        "93,75",
        "93,75",
        "93,75",
        "90,01",
        "90,00",
        "85,47",
        "85,46",
        "85,5",
        "85,50",
        "82",
        "80",
        "79,99",
        "70,00",
        "69,99",
        "61,25",
    ]
    order = [4, 0, 13, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14]
    _csv(
        root / "2022" / "ict.csv",
        ("STT", "Đơn vị", "Điểm"),
        [(DEPARTMENTS[i], s) for i, s in enumerate(prev)],
    )
    _csv(
        root / "2023" / "ict.csv",
        ("STT", "Đơn vị", "Điểm"),
        [(DEPARTMENTS[order[i]], s) for i, s in enumerate(now)],
    )


def par_fall(root: Path, tie: bool = False) -> None:
    """PAR index with six bands given by an explicit column: a unit falls from the top band
    to Trung bình, the top scorer is officially one band lower than its score (a penalty).
    With `tie`, the top scorer ties the only unit of the top band instead: a tie for first
    place across two bands."""
    _publisher(root, "Sở Xây dựng", "Nghệ An")
    _evaluation(
        root,
        "par",
        """
name = "Chỉ số cải cách hành chính"
short_name = "PAR Index"
topic = "cải cách hành chính"
group = "Khối sở, ban, ngành cấp tỉnh"
score_label = "điểm"
unit_noun = "cơ quan"
tie_rule = "dense"
band_column = "Xếp loại chính thức"
compare_bands = true
""",
        [
            ("Xuất sắc", "90", True),
            ("Tốt", "80", True),
            ("Khá", "70", True),
            ("Trung bình khá", "60", True),
            ("Trung bình", "50", True),
            ("Yếu", "0", True),
        ],
    )
    head = ("STT", "Tên cơ quan", "Điểm đạt", "Xếp loại chính thức")
    y22 = [
        ("Sở Xây dựng", "91,5", "Xuất sắc"),
        ("Sở Nội vụ", "90,2", "Xuất sắc"),
        ("Sở Tư pháp", "88,0", "Tốt"),
        ("Sở Tài chính", "84,5", "Tốt"),
        ("Sở Y tế", "79,0", "Khá"),
        ("Sở Du lịch", "71,0", "Khá"),
        ("Sở Ngoại vụ", "65,5", "Trung bình khá"),
        ("Thanh tra tỉnh", "55,0", "Trung bình"),
    ]
    y23 = [
        ("Sở Xây dựng", "56,5", "Trung bình"),
        ("Sở Nội vụ", "89,0", "Tốt"),
        ("Sở Tư pháp", "91,0" if tie else "93,0", "Tốt"),
        ("Sở Tài chính", "91,0", "Xuất sắc"),
        ("Sở Y tế", "80,5", "Tốt"),
        ("Sở Du lịch", "74,0", "Khá"),
        ("Sở Ngoại vụ", "62,0", "Trung bình khá"),
        ("Thanh tra tỉnh", "48,0", "Yếu"),
    ]
    _csv(root / "2022" / "par.csv", head, y22)
    _csv(root / "2023" / "par.csv", head, y23)


def commune_letters(root: Path) -> None:
    """CCHC of communes (cấp xã) of a district: 'Xã Tân Thành' and 'Xã Tân Thạnh' are two
    communes spelled with the same letters; one of them was not evaluated last year."""
    _publisher(root, "Xã Tân Thạnh", "Long An")
    _evaluation(
        root,
        "cchc",
        """
name = "Chỉ số cải cách hành chính"
short_name = "CCHC"
topic = "cải cách hành chính"
group = "Khối UBND cấp xã"
score_label = "điểm"
unit_noun = "xã, thị trấn"
tie_rule = "dense"
compare_bands = false
""",
        [
            ("Tốt", "80", False),
            ("Khá", "70", False),
            ("Trung bình", "50", False),
            ("Yếu", "0", False),
        ],
    )
    y22 = [
        ("Thị trấn Tân Thạnh", "86"),
        ("Xã Tân Thành", "91"),
        ("Xã Nhơn Hòa", "84"),
        ("Xã Tân Hòa", "80,5"),
        ("Xã Hậu Thạnh Đông", "77"),
        ("Xã Bắc Hòa", "72"),
    ]
    y23 = [
        ("Thị trấn Tân Thạnh", "87"),
        ("Xã Tân Thạnh", "78"),
        ("Xã Nhơn Hòa", "85"),
        ("Xã Tân Hòa", "82"),
        ("Xã Hậu Thạnh Đông", "79"),
        ("Xã Bắc Hòa", "74"),
        ("Xã Nhơn Ninh", "70,5"),
    ]
    _csv(root / "2022" / "cchc.csv", ("STT", "Đơn vị", "Điểm"), y22)
    _csv(root / "2023" / "cchc.csv", ("STT", "Đơn vị", "Điểm"), y23)


BUILDERS: dict[str, tuple[Callable[[Path], None], int]] = {
    "ddci": (ddci, 2023),
    "cchc-district": (cchc_district, 2025),
    "vtlt-new-units": (vtlt_new_units, 2023),
    "ict-two-decimals": (ict_two_decimals, 2023),
    "par-fall": (par_fall, 2023),
    "par-tie": (lambda root: par_fall(root, tie=True), 2023),
    "commune-letters": (commune_letters, 2023),
}


def build(name: str, root: Path) -> int:
    """Write data folder `name` under `root`; the year its articles are about."""
    builder, year = BUILDERS[name]
    builder(root)
    return year
