"""Small data sets, one per situation an article must handle (see test_scenarios.py).

Scores are invented for the tests; names are real agency names so the prose reads
as it would in a real article.
"""

from __future__ import annotations

NAMES = [
    "Sở Thông tin và Truyền thông",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa và Thể thao",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Du lịch",
    "Sở Ngoại vụ",
    "Sở Giáo dục và Đào tạo",
    "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Kế hoạch và Đầu tư",
    "Thanh tra thành phố",
    "Văn phòng UBND thành phố",
    "Sở Lao động - Thương binh và Xã hội",
    "Ban Quản lý An toàn thực phẩm",
    "Sở Nông nghiệp và Phát triển nông thôn",
]
FOCUS = NAMES[0]

FIVE_BANDS = [("Rất tốt", "90"), ("Tốt", "80"), ("Khá", "70"), ("Trung bình", "50"), ("Yếu", "0")]
SIX_BANDS = [
    ("Xuất sắc", "90"),
    ("Tốt", "80"),
    ("Khá", "70"),
    ("Trung bình khá", "60"),
    ("Trung bình", "50"),
    ("Chưa đạt", "0"),
]


def field(scores: list[str], start: int = 0) -> dict[str, str]:
    """Scores for the first len(scores) names, in order."""
    return {NAMES[start + i]: s for i, s in enumerate(scores)}


BASE_2018 = field(["88,5", "91,2", "86", "84,75", "79,5", "77", "74,25", "72", "69,5", "55"])
BASE_2019 = field(["89,5", "92,4", "87", "85,25", "80,5", "78", "75,5", "71", "68", "52"])

SCENARIOS: dict[str, dict[str, object]] = {
    # "Lần đầu tiên" needs the year the evaluation began and every year since.
    "sole-first-for-the-first-time": {
        "years": {2018: BASE_2018, 2019: {**BASE_2019, FOCUS: "95,5"}},
        "first_year": 2018,
    },
    "first-but-the-data-starts-late": {
        "years": {2018: BASE_2018, 2019: {**BASE_2019, FOCUS: "95,5"}},
        "first_year": 2016,
    },
    "first-again-after-a-year-missing-from-the-data": {
        "years": {
            2016: {**BASE_2018, FOCUS: "89"},
            2017: {**BASE_2018, FOCUS: "97"},
            2019: {**BASE_2019, FOCUS: "96"},
        },
        "first_year": 2016,
    },
    "tied-first-with-one": {
        "years": {2018: BASE_2018, 2019: {**BASE_2019, FOCUS: "92,4"}},
    },
    "tied-first-three-ways": {
        "years": {2019: {**BASE_2019, FOCUS: "92,4", NAMES[2]: "92,4"}},
    },
    "others-tied-names-with-va": {
        "years": {2019: {**BASE_2019, NAMES[4]: "95", NAMES[5]: "95", NAMES[3]: "95"}},
    },
    "top-band-not-first-rank-up": {
        "years": {
            2018: {**BASE_2018, FOCUS: "84"},
            2019: {**BASE_2019, FOCUS: "90,5", NAMES[2]: "93", NAMES[3]: "91"},
        },
    },
    "middle-band-falls-a-band": {
        "years": {2018: {**BASE_2018, FOCUS: "81"}, 2019: {**BASE_2019, FOCUS: "76,5"}},
    },
    "lowest-band": {
        "years": {2018: {**BASE_2018, FOCUS: "60"}, 2019: {**BASE_2019, FOCUS: "45"}},
    },
    "absent-this-year-mentioned": {
        "years": {2018: BASE_2018, 2019: {k: v for k, v in BASE_2019.items() if k != FOCUS}},
        "extra_section": True,
    },
    "never-in-the-second-evaluation": {
        "years": {2018: BASE_2018, 2019: BASE_2019},
        "extra_section": True,
        "never_in_extra": True,
    },
    "absent-this-year-omitted": {
        "years": {2018: BASE_2018, 2019: {k: v for k, v in BASE_2019.items() if k != FOCUS}},
        "extra_section": True,
        "absent": "omit",
    },
    "score-and-rank-unchanged": {
        "years": {2018: {**BASE_2019, FOCUS: "89,5"}, 2019: BASE_2019},
    },
    "no-previous-year": {"years": {2019: BASE_2019}},
    "first-three-years-running": {
        "years": {
            2017: {**BASE_2018, FOCUS: "97"},
            2018: {**BASE_2018, FOCUS: "96"},
            2019: {**BASE_2019, FOCUS: "98,25"},
        },
    },
    "back-to-first-after-a-gap": {
        "years": {
            2017: {**BASE_2018, FOCUS: "97"},
            2018: {**BASE_2018, FOCUS: "89"},
            2019: {**BASE_2019, FOCUS: "96"},
        },
    },
    "top-band-three-years-not-first": {
        "years": {
            2017: {**BASE_2018, FOCUS: "90,5", NAMES[1]: "95"},
            2018: {**BASE_2018, FOCUS: "91", NAMES[1]: "95"},
            2019: {**BASE_2019, FOCUS: "90,75"},
        },
    },
    "band-counts-against-last-year": {
        "years": {2018: BASE_2018, 2019: {**BASE_2019, NAMES[5]: "90", NAMES[6]: "91"}},
        "compare_bands": True,
    },
    "rank-beyond-ten": {
        "years": {
            2018: {**field([str(99 - i) for i in range(20)], 0), FOCUS: "70"},
            2019: {**field([str(99 - i) for i in range(20)], 0), FOCUS: "81,5"},
        },
    },
    # Dense ranks compress below a tie: the last of 20 is "19th" by rank, 20/20 by place,
    # and its place has not moved since a year without the tie.
    "last-place-below-a-tie": {
        "years": {
            2018: {**field([str(99 - i) for i in range(20)], 0), FOCUS: "60"},
            2019: {**field([str(99 - i) for i in range(20)], 0), NAMES[2]: "98", FOCUS: "60"},
        },
    },
    # The same place (5 units ahead, 6th) both years, though the dense rank word moved from
    # Sáu to Năm under a new tie above: neither a rise nor "giữ vững" can be said.
    "tie-above-keeps-the-place": {
        "years": {
            2018: {**field([str(99 - i) for i in range(20)], 0), FOCUS: "93,5"},
            2019: {**field([str(99 - i) for i in range(20)], 0), NAMES[2]: "98", FOCUS: "93,5"},
        },
    },
    "band-up-rank-down": {
        "years": {
            2018: {**BASE_2018, FOCUS: "79", NAMES[9]: "78"},
            2019: {**BASE_2019, FOCUS: "80,25", NAMES[9]: "86,5", NAMES[8]: "84"},
        },
    },
    "big-rise-makes-the-headline": {
        "years": {2018: {**BASE_2018, FOCUS: "71"}, 2019: {**BASE_2019, FOCUS: "86,5"}},
    },
    "six-bands-competition-two-decimals": {
        "years": {
            2018: field(["88", "91,5", "86", "84", "79", "68", "61", "55", "40", "30"]),
            2019: field(["91", "93", "93", "85", "68", "79", "66", "58", "52", "41"]),
        },
        "bands": SIX_BANDS,
        "tie_rule": "competition",
        "decimals": 2,
        "score_label": "điểm",
    },
    # A weak band with a better score than last year: the headline says what improved.
    "weak-band-score-up": {
        "years": {2018: {**BASE_2018, FOCUS: "45"}, 2019: {**BASE_2019, FOCUS: "51,5"}},
    },
    # A fall of several places and a band: said plainly, in sentences with subjects.
    "big-fall": {
        "years": {2018: {**BASE_2018, FOCUS: "90,5"}, 2019: {**BASE_2019, FOCUS: "72,5"}},
    },
    # The only unit of the top band: "là cơ quan duy nhất xếp loại Rất tốt".
    "sole-unit-of-the-top-band": {
        "years": {2018: BASE_2018, 2019: {**BASE_2019, FOCUS: "94", NAMES[1]: "89"}},
    },
    # A group of departments and public service units counts "cơ quan, đơn vị".
    "mixed-group": {
        "years": {2018: BASE_2018, 2019: {**BASE_2019, NAMES[5]: "90", NAMES[6]: "91"}},
        "group": "Khối sở, ban, ngành, đơn vị sự nghiệp trực thuộc UBND thành phố",
        "unit_noun": "cơ quan, đơn vị",
        "compare_bands": True,
    },
    # A competitiveness index whose topic is an aim: never "công tác nâng cao...".
    "competitiveness-index": {
        "years": {2018: {**BASE_2018, FOCUS: "80"}, 2019: {**BASE_2019, FOCUS: "84"}},
        "name": "Chỉ số năng lực cạnh tranh cấp sở, ban, ngành và địa phương",
        "short_name": "DDCI",
        "topic": "nâng cao năng lực cạnh tranh",
        "score_label": "điểm",
        "audience": ["doanh nghiệp", "nhà đầu tư"],
    },
    # Far down a long table, in only one of two evaluations' top halves.
    "far-down-a-long-table": {
        "years": {
            2018: {**field([str(99 - i) for i in range(20)], 0), FOCUS: "78"},
            2019: {**field([str(99 - i) for i in range(20)], 0), FOCUS: "79,5"},
        },
        "extra_section": True,
    },
}
