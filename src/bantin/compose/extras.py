"""A section's ranking table and chart, opt-in per article (`table`, `chart` in article.toml).

Built from the ranking engine's records, not from templates: every cell is a value the
ranking holds (rank, position, unit, score, band), formatted by bantin.vi as the
article's sentences format it, so the table and the prose can never disagree.
"""

from __future__ import annotations

from bantin.article import Block, RankingTable, Role, TableRow, md_escape
from bantin.compose.facts import Section
from bantin.vi import format_number

HEADER = ("Hạng", "Vị trí", "Đơn vị")
BAND_HEADER = "Xếp loại"


def wanted(setting: bool | tuple[str, ...], evaluation_id: str, base_id: str) -> bool:
    """Whether an article setting (true, or the evaluations' codes) asks for this section."""
    if isinstance(setting, bool):
        return setting
    return evaluation_id in setting or base_id in setting


def ranking_table(section: Section, focus: str) -> RankingTable:
    """Every unit the section's ranking holds, best first, the focus unit marked."""
    evaluation = section.evaluation
    rows = tuple(
        TableRow(
            rank=str(u.rank),
            position=str(u.position),
            unit=u.unit,
            score=format_number(u.score, evaluation.decimals),
            band=u.band,
            focus=u.unit == focus,
            value=u.score,
        )
        for u in section.units
    )
    label = evaluation.score_label
    header = (*HEADER, label[:1].upper() + label[1:], BAND_HEADER)
    return RankingTable(header, rows, label, evaluation.max_score)


def _title(section: Section) -> str:
    """What the table shows: "Chỉ số cải cách hành chính năm 2019 – Khối sở, ban, ngành"."""
    evaluation = section.evaluation
    return f"Kết quả xếp hạng {evaluation.name} năm {section.year} – {evaluation.group}"


def extra_blocks(
    section: Section,
    focus: str,
    table: bool,
    chart: bool,
    counters: dict[Role, int],
) -> list[Block]:
    """The section's table and chart blocks, numbered on from `counters` ("Bảng 1", "Biểu đồ 1")."""
    if not section.units or not (table or chart):
        return []
    data = ranking_table(section, focus)
    blocks: list[Block] = []
    for role, asked, word in ((Role.TABLE, table, "Bảng"), (Role.CHART, chart, "Biểu đồ")):
        if asked:
            counters[role] = counters.get(role, 0) + 1
            caption = f"{word} {counters[role]}: {md_escape(_title(section))}"
            blocks.append(Block(role, caption, table=data))
    return blocks
