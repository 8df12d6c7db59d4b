"""Truth audit: every claim of every article of every audit data set (and the sample),
checked by tests/audit_claims.py, a checker written from the data files alone."""

from __future__ import annotations

import pytest

from bantin.compose.article import compose_article
from bantin.export.markdown import render_markdown
from bantin.load import load_dataset

from .audit_claims import Checker, Data
from .audit_data import BUILDERS, build
from .conftest import SAMPLE_DATA


@pytest.mark.parametrize("name", [*sorted(BUILDERS), "sample"])
def test_every_claim_of_every_unit_article_is_proven(name, tmp_path):
    if name == "sample":
        root, year = SAMPLE_DATA, 2019
    else:
        root, year = tmp_path / name, build(name, tmp_path / name)
    dataset = load_dataset(root)
    data = Data(root)
    units = sorted({u for by in data.tables.values() for u in by.get(year, {})})
    false, unread, claims = [], [], 0
    for unit in units:
        text = render_markdown(compose_article(dataset, year, unit))
        checker = Checker(data, year, unit, text)
        checker.run()
        claims += checker.claims
        false += [f"{unit}: {p}" for p in checker.problems]
        unread += [f"{unit}: {u}" for u in checker.unverified]
    assert false == []
    assert unread == []
    # A unit outside the leaders gets its own result and the top band in brief, not every
    # band's count: some fifteen claims an article at least.
    assert claims >= 15 * len(units)
