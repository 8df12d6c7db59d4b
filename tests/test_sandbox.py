"""A hostile template can read the article's data and nothing else, and cannot run unbounded.

Templates travel between offices; one may try every known way out of a Jinja sandbox.
Each escape below must end in one Vietnamese TemplateError naming the template, never
in Python's internals, a file of the machine, or a run that does not stop.
"""

from __future__ import annotations

import dataclasses
import functools
import socket
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bantin.article import md_escape
from bantin.cli import cli
from bantin.compose import article as article_module
from bantin.compose.article import compose_article
from bantin.compose.budget import MAX_DEPTH
from bantin.errors import DataError, TemplateError
from bantin.load import load_dataset
from bantin.rank import rank_all

from .conftest import SAMPLE_DATA
from .scenarios import SCENARIOS
from .test_scenarios import make_data

SECRET = "bantin-secret-outside"


@pytest.fixture
def hostile(data_copy: Path, tmp_path: Path):
    """Compose the sample article with byline.md.j2 replaced by `source`; the error it gives."""
    templates = tmp_path / "templates"
    templates.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET, "utf-8")

    def compose(source: str, seconds: int | None = None) -> TemplateError:
        if seconds is not None:
            settings = data_copy / "publisher.toml"
            settings.write_text(
                settings.read_text("utf-8") + f"template_seconds = {seconds}\n", "utf-8"
            )
        (templates / "byline.md.j2").write_text(source + "\n", "utf-8")
        dataset = load_dataset(data_copy)
        with pytest.raises(TemplateError) as excinfo:
            compose_article(dataset, 2019, templates=templates)
        return excinfo.value

    compose.templates = templates  # type: ignore[attr-defined]
    compose.outside = outside  # type: ignore[attr-defined]
    return compose


def assert_refused(error: TemplateError, templates: Path, *details: str) -> None:
    """One line naming the template, one of the expected reasons, nothing of Python's inside."""
    message = error.format_message()
    assert "\n" not in message
    assert message.startswith(f"{templates / 'byline.md.j2'}:"), message
    assert any(d in error.detail for d in details), message
    for leak in ("<class", "object at 0x", "<function", "<module", SECRET, socket.gethostname()):
        assert leak not in message


INTERNAL = "mẫu không được truy cập thuộc tính"
NO_ATTRIBUTE = "không có thuộc tính"
UNDEFINED = "không có"

ESCAPES = [
    # The issue's own: a Path in the context reached any file.
    '{{ sections[0].evaluation.source.joinpath("/etc/hostname").read_text() }}',
    "{{ sections[0].evaluation.source.parent.parent.joinpath('publisher.toml').unlink() }}",
    "{{ sections[0].evaluation.source.read_text() }}",
    "{{ article.photos[0].file.read_bytes() }}",
    "{{ headline.evaluation.source.open() }}",
    # Attribute chains to Python's internals.
    "{{ author.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__.__subclasses__() }}",
    "{{ publisher.__init__.__globals__ }}",
    "{{ publisher._asdict() }}",
    "{{ publisher._replace(author='x') }}",
    "{{ headline.focus['__class__'] }}",
    "{{ sections[0].__class__.__init__.__globals__['os'] }}",
    "{{ (1).__class__ }}",
    "{{ year.real }}",
    "{{ big_rise.bit_length() }}",
    "{{ sections[0].evaluation.max_score.as_tuple() }}",
    "{{ registry.short('x') }}",
    "{{ registry._index }}",
    "{{ registry.units.__class__ }}",
    "{{ sections[0].count }}",
    "{{ dict.__base__.__subclasses__() }}",
    "{{ dict().setdefault('a', 1) }}",
    "{{ dict(a=1).pop('a') }}",
    "{{ range.__globals__ }}",
    "{{ range(3).__class__ }}",
    "{{ range(3).start }}",
    # str.format and format_map, Jinja's classic way around the attribute check.
    "{{ '{0.__class__.__mro__}'.format(author) }}",
    "{{ '{a.__init__.__globals__}'.format_map({'a': publisher}) }}",
    "{{ author.format }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ author.center(999999999) }}",
    "{{ author.zfill(999999999) }}",
    "{{ author.join(['a', 'b']) }}",
    "{{ author.encode('utf-8') }}",
    # attr and attribute= read through the sandbox too.
    "{{ author | attr('__class__') }}",
    "{{ publisher | attr('_asdict') }}",
    "{{ sections | map(attribute='__class__') | list }}",
    "{{ [headline] | map(attribute='__class__') | first }}",
    "{{ sections | selectattr('__class__') | list }}",
    "{{ sections | map(attribute='evaluation.source.read_text') | list }}",
    # Generators and loops.
    "{{ (sections | map('string')).gi_frame }}",
    "{{ (sections | map('string')).gi_code }}",
    "{{ (sections | map('string')).gi_yieldfrom }}",
    "{{ (sections | map('string')).send }}",
    "{% for s in sections %}{{ loop.__class__ }}{% endfor %}",
    "{% for s in sections %}{{ loop._iterator }}{% endfor %}",
    "{% for s in sections %}{{ loop.cycle.__globals__ }}{% endfor %}",
    # Jinja's globals.
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler(1, 2).__class__ }}",
    "{{ cycler(1, 2).next.__globals__ }}",
    "{{ cycler(1, 2).items.append(3) }}",
    "{{ cycler.mro() }}",
    "{{ joiner().__call__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% set ns = namespace() %}{{ ns.__class__ }}",
    "{% set ns = namespace() %}{{ ns._Namespace__attrs }}",
    "{{ lipsum() }}",
    # self and imported templates.
    "{{ self._TemplateReference__context }}",
    "{{ self.__dict__ }}",
    '{% import "macros.md.j2" as m %}{{ m.__dict__ }}',
    '{% import "macros.md.j2" as m %}{{ m.rank.__globals__ }}',
    '{% import "macros.md.j2" as m %}{{ m.rank._func.__globals__ }}',
    '{% import "macros.md.j2" as m %}{{ m.rank._environment }}',
    "{% macro f() %}{% endmacro %}{{ f.__call__.__globals__ }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_an_escape_is_refused_in_one_vietnamese_line(hostile, source):
    error = hostile(source)
    assert_refused(error, hostile.templates, INTERNAL, NO_ATTRIBUTE, UNDEFINED)


def test_the_issues_template_line_reads_no_file(data_copy, tmp_path):
    """Appended to byline.md.j2, the issue's line stops the render: exit 1, nothing written."""
    templates = tmp_path / "templates"
    templates.mkdir()
    byline = (SAMPLE_DATA.parent / "templates" / "byline.md.j2").read_text("utf-8")
    line = '{{ sections[0].evaluation.source.joinpath("/etc/hostname").read_text() }}'
    (templates / "byline.md.j2").write_text(byline + line + "\n", "utf-8")
    out = tmp_path / "o"
    for command in (["render", "2019", "--out", str(out)], ["validate", "2019"]):
        result = CliRunner().invoke(
            cli,
            [*command, "--data", str(data_copy), "--templates", str(templates)],
            prog_name="bantin",
        )
        assert result.exit_code == 1
        message = 'str không có thuộc tính "joinpath"'
        if command[0] == "render":
            assert result.stderr == f"Lỗi: {templates / 'byline.md.j2'}:2: {message}\n"
        else:
            assert f"Lỗi: {templates / 'byline.md.j2'}:2: {message}\n" in result.output
    assert not out.exists()


def test_validate_runs_nothing_that_writes(data_copy, tmp_path):
    """The issue's deleting line, checked by `validate`: the settings file is still there."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text(
        "{{ sections[0].evaluation.source.parent.parent.joinpath('publisher.toml').unlink() }}\n"
        "{{ sections[0].evaluation.source.write_text('') }}\n",
        "utf-8",
    )
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    result = CliRunner().invoke(
        cli,
        ["validate", "2019", "--data", str(data_copy), "--templates", str(templates)],
        prog_name="bantin",
    )
    assert result.exit_code == 1
    assert f'Lỗi: {templates / "byline.md.j2"}:1: str không có thuộc tính "parent"' in (
        result.output
    )
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before


RUNAWAYS = [
    # bantin's own filters are guarded as Jinja's are: "0" * 10**9 decimals is never built.
    ("{{ 1 | number(10**9) }}", "số quá lớn"),
    ("{{ 1 | number(99999) }}", "số chữ số thập phân phải từ 0 đến 6, không phải 99999"),
    # Loops: the time budget (one second here) stops them, whatever they loop over.
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "giây"),
    (
        "{% set n = range(100000) | list %}"
        "{% for i in n %}{% for j in n %}{% endfor %}{% endfor %}",
        "giây",
    ),
    (
        "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s if b %}{% endfor %}{% endfor %}",
        "giây",
    ),
    (
        "{% macro f() %}{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}{% endmacro %}{{ f() }}",
        "giây",
    ),
    (
        "{% for i in range(100000) %}{{ sections | map(attribute='units') | list | length }}"
        "{% endfor %}",
        "giây",
    ),
    (
        "{% for x in range(100000) recursive %}"
        "{% if loop.depth < 3 %}{{ loop(range(100000)) }}{% endif %}{% endfor %}",
        "giây",
    ),
    (  # a template not found is no compile time given back
        "{% for i in range(100000) %}{% for j in range(100000) %}"
        '{% include ("nowhere-" ~ j) ignore missing %}{% endfor %}{% endfor %}',
        "giây",
    ),
    # Recursion: the depth limit.
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", f"quá {MAX_DEPTH} tầng"),
    (
        "{% macro f() %}{{ caller() }}{% endmacro %}"
        "{% macro g() %}{% call f() %}{{ g() }}{% endcall %}{% endmacro %}{{ g() }}",
        f"quá {MAX_DEPTH} tầng",
    ),
    ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", f"quá {MAX_DEPTH} tầng"),
    ("{% block b %}{{ self.b() }}{% endblock %}", f"quá {MAX_DEPTH} tầng"),
    ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}", "chuỗi dài quá"),
    ("{% macro f(s) %}{{ f(s ~ 'x') }}{% endmacro %}{{ f('x') }}", f"quá {MAX_DEPTH} tầng"),
    ('{% include "byline.md.j2" %}', "quá nhiều tầng"),
    ('{% import "byline.md.j2" as me %}', "quá nhiều tầng"),
    # Text, lists and numbers of any size.
    ("{{ 'x' * 1000000000 }}", "chuỗi dài quá"),
    ("{{ ['x'] * 1000000000 }}", "danh sách quá"),
    ("{{ ['x' * 100000] * 100000 }}", "chuỗi dài quá"),
    ("{{ (['x' * 100000] * 100000) | join }}", "chuỗi dài quá"),
    ("{{ range(100000) | join('x' * 100000) }}", "chuỗi dài quá"),
    ("{{ ('x' * 100000) | replace('x', 'x' * 100000) }}", "chuỗi dài quá"),
    ("{{ ('x\n' * 50000) | indent(100000) }}", "chuỗi dài quá"),
    ("{{ 'x' | center(1000000000) }}", "số quá lớn"),
    ("{{ 'x' | wordwrap(1000000000) }}", "số quá lớn"),
    ("{{ 10 ** 1000000000 }}", "số quá lớn"),
    ("{{ (10 ** 10) ** (10 ** 10) }}", "số quá lớn"),
    ("{{ 2 ** 100000 }}", "số quá lớn"),
    ("{% set n = 2 ** 5000 %}{{ n * n * n }}", "số quá lớn"),
    ("{{ '%0999999999d' % 1 }}", "chuỗi dài quá"),
    ("{{ '%*d' % (999999999, 1) }}", "chuỗi dài quá"),
    ("{{ '%.999999999f' | format(1) }}", "chuỗi dài quá"),
    ("{{ range(1000000000) | list }}", "range(...) quá 100.000 số"),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "chuỗi dài quá",
    ),
    (
        "{% set ns = namespace(s=['x']) %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "danh sách quá",
    ),
    ("{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}", "ký tự cho một bài"),
    ("{% for i in range(100000) %}" + "x" * 1000 + "{% endfor %}", "ký tự cho một bài"),
    (  # text a loop repeats inside a macro, joined only when the macro returns
        "{% macro f() %}{% for i in range(100000) %}{% for j in range(100) %}"
        + "x" * 1000
        + "{% endfor %}{% endfor %}{% endmacro %}{{ f() }}",
        "ký tự cho một bài",
    ),
]


@pytest.mark.parametrize(("source", "reason"), RUNAWAYS)
def test_a_runaway_template_stops_within_its_budget(hostile, source, reason):
    # The reason in the message says which limit stopped it (how fast is for benchmarks).
    assert_refused(hostile(source, seconds=1), hostile.templates, reason)


def test_two_nested_loops_stop_at_the_budget_set_in_publisher_toml(hostile):
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    error = hostile(source, seconds=2)
    assert error.format_message() == (
        f"{hostile.templates / 'byline.md.j2'}:1: mẫu chạy quá 2 giây (template_seconds trong "
        "publisher.toml): có vòng lặp quá lớn hoặc không dừng; sửa mẫu, hoặc tăng "
        "template_seconds nếu mẫu đúng"
    )


def test_a_recursive_macro_is_one_clear_line_on_the_command_line(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "title.md.j2").write_text(
        "{% macro f(n) %}\n{{ f(n + 1) }}\n{% endmacro %}\n{{ f(0) }}\n", "utf-8"
    )
    result = render_with(templates, data_copy, tmp_path / "o")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: {templates / 'title.md.j2'}:2: mẫu gọi lồng nhau quá {MAX_DEPTH} tầng (macro, "
        "caller() hoặc loop() gọi lại chính nó không có điểm dừng?); sửa mẫu để lời gọi dừng lại\n"
    )
    assert not (tmp_path / "o").exists()


def render_with(templates: Path, data: Path, out: Path):
    """`bantin render 2019` of `data` into `out` with the templates of `templates`."""
    args = ["render", "2019", "--data", str(data), "--out", str(out), "--templates", str(templates)]
    return CliRunner().invoke(cli, args, prog_name="bantin")


def test_a_loop_over_time_is_one_clear_line_on_the_command_line(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "lead.md.j2").write_text(
        "{{ focus }}\n{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n"
        "{% endfor %}\n",
        "utf-8",
    )
    (data_copy / "publisher.toml").write_text(
        (data_copy / "publisher.toml").read_text("utf-8") + "template_seconds = 1\n", "utf-8"
    )
    result = render_with(templates, data_copy, tmp_path / "o")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Lỗi: {templates / 'lead.md.j2'}:3: mẫu chạy quá 1 giây (template_seconds trong "
        "publisher.toml): có vòng lặp quá lớn hoặc không dừng; sửa mẫu, hoặc tăng "
        "template_seconds nếu mẫu đúng\n"
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("value", ["0", "601", '"5"'])
def test_template_seconds_is_a_bounded_integer(data_copy, value):
    from bantin.errors import DataError

    settings = data_copy / "publisher.toml"
    settings.write_text(settings.read_text("utf-8") + f"template_seconds = {value}\n", "utf-8")
    with pytest.raises(DataError) as excinfo:
        load_dataset(data_copy)
    assert "template_seconds" in excinfo.value.detail


def test_what_templates_may_do_still_works(data_copy, tmp_path):
    """The sandbox closes doors, not the language: loops, macros, namespaces, filters."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "byline.md.j2").write_text(
        '{% import "macros.md.j2" as m %}{% set ns = namespace(n=0) %}'
        "{% for s in sections %}{% set ns.n = ns.n + s.size %}{% endfor %}"
        "{{ ns.n }} {{ author | upper }} {{ author.split() | length }} "
        "{{ '%s-%02d' % ('a', 3) }} {{ range(3) | list | join(',') }} "
        "{{ sections | map(attribute='evaluation.short_name') | join('/') }} "
        "{{ m.rank(2, 2, 21) }} {{ {'a': 1}.items() | list | length }} "
        "{% for u in sections[0].units[:2] %}{{ loop.index }}{{ loop.last }}{% endfor %} "
        "{{ publisher.template_seconds }} {{ sections[0].evaluation.tie_rule }}\n",
        "utf-8",
    )
    article = compose_article(load_dataset(data_copy), 2019, templates=templates)
    assert article.blocks[-1].text == (
        "53 THU TRANG 2 a-03 0,1,2 CCHC/VTLT Nhì 1 1False2True 5 dense"
    )


def symlink(link: Path, target: Path) -> None:
    """A symbolic link, or the test skipped where the OS lets no one make one (Windows)."""
    try:
        link.symlink_to(target)
    except OSError as e:
        pytest.skip(f"no symbolic links here: {e}")


def test_a_template_linked_from_outside_the_template_folder_is_refused(hostile, tmp_path):
    templates = hostile.templates
    symlink(templates / "evil.md.j2", hostile.outside)
    error = hostile('{% include "evil.md.j2" %}')
    assert error.format_message() == (
        f'{templates / "evil.md.j2"}: mẫu "evil.md.j2" là liên kết tới tệp ngoài thư mục mẫu '
        f"({hostile.outside}); chép tệp mẫu vào thư mục templates/ thay cho liên kết"
    )
    (templates / "byline.md.j2").unlink()
    symlink(templates / "byline.md.j2", hostile.outside)
    with pytest.raises(TemplateError) as excinfo:
        compose_article(load_dataset(SAMPLE_DATA), 2019, templates=templates)
    assert excinfo.value.format_message().startswith(
        f'{templates / "byline.md.j2"}: mẫu "byline.md.j2" là liên kết tới tệp ngoài thư mục mẫu'
    )
    assert SECRET not in excinfo.value.format_message()


def test_an_import_linked_outside_is_one_line_on_the_command_line(data_copy, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    outside = tmp_path / "macros.md.j2"
    outside.write_text("{% macro rank(a, b, c) %}{{ a }}{% endmacro %}\n", "utf-8")
    symlink(templates / "macros.md.j2", outside)
    out = tmp_path / "o"
    for command in ("render", "validate"):
        result = CliRunner().invoke(
            cli,
            [command, "2019", "--data", str(data_copy), "--templates", str(templates)]
            + (["--out", str(out)] if command == "render" else []),
            prog_name="bantin",
        )
        assert result.exit_code == 1
        line = (
            f'Lỗi: {templates / "macros.md.j2"}: mẫu "macros.md.j2" là liên kết tới tệp ngoài '
            f"thư mục mẫu ({outside}); chép tệp mẫu vào thư mục templates/ thay cho liên kết\n"
        )
        if command == "render":
            assert result.stderr == line
        else:  # validate lists it among what it found
            assert line in result.output
            assert result.output.endswith("Năm 2019: 1 lỗi, 1 cảnh báo.\n")
    assert not out.exists()


def test_a_link_inside_the_template_folder_is_followed(data_copy, tmp_path):
    templates = tmp_path / "templates"
    (templates / "shared").mkdir(parents=True)
    (templates / "shared" / "by.md.j2").write_text("{{ author }} ({{ publisher.city }})\n")
    symlink(templates / "byline.md.j2", templates / "shared" / "by.md.j2")
    article = compose_article(load_dataset(data_copy), 2019, templates=templates)
    assert article.blocks[-1].text == "Thu Trang (Đà Nẵng)"


# --- the context holds plain data only ---------------------------------------------------

PLAIN = {str, int, bool, Decimal, type(None)}


def is_record(kind: type) -> bool:
    if dataclasses.is_dataclass(kind):
        return kind.__dataclass_params__.frozen  # type: ignore[attr-defined,no-any-return]
    return issubclass(kind, tuple) and hasattr(kind, "_fields")


@functools.cache
def record_attributes(kind: type) -> tuple[str, ...]:
    """Everything a template can read on a record: its fields and public properties."""
    if dataclasses.is_dataclass(kind):
        names = [f.name for f in dataclasses.fields(kind)]
    else:
        names = list(kind._fields)  # type: ignore[attr-defined]
    for klass in kind.__mro__:
        names += [
            n
            for n, v in vars(klass).items()
            if isinstance(v, (property, functools.cached_property)) and not n.startswith("_")
        ]
    return tuple(dict.fromkeys(names))


def not_plain(value: Any, where: str, seen: dict[int, Any]) -> list[str]:
    """Where in a value something other than plain data sits (`seen` keeps what was walked)."""
    kind = type(value)
    if kind in PLAIN:
        return []
    if id(value) in seen:
        return []
    seen[id(value)] = value  # kept alive: a property's result must not lend its id to another
    if kind in (tuple, list):
        return [p for i, v in enumerate(value) for p in not_plain(v, f"{where}[{i}]", seen)]
    if kind is dict:
        found = [f"{where}: key {k!r}" for k in value if type(k) is not str]
        return found + [p for k, v in value.items() for p in not_plain(v, f"{where}.{k}", seen)]
    if is_record(kind):
        return [
            p
            for name in record_attributes(kind)
            for p in not_plain(getattr(value, name), f"{where}.{name}", seen)
        ]
    return [f"{where}: {kind.__module__}.{kind.__qualname__}"]


def every_context(data: Path) -> list[tuple[str, dict[str, Any]]]:
    """The context of every template of every article the data can give: all years, all units."""
    from bantin.compose.sandbox import environment

    dataset = load_dataset(data)
    rankings = rank_all(dataset)
    env = environment(None)
    contexts: list[tuple[str, dict[str, Any]]] = []
    original = article_module.render_template

    def record(env: Any, name: str, context: dict[str, Any]) -> str:
        contexts.append((name, context))
        return original(env, name, context)

    article_module.render_template = record  # type: ignore[assignment]
    try:
        for year in sorted({y for (_, y) in dataset.scores}):
            units = {
                u.unit
                for by_year in rankings.values()
                if year in by_year
                for u in by_year[year].units
            }
            for unit in sorted(units):
                try:
                    compose_article(dataset, year, unit, rankings=rankings, env=env)
                except DataError as e:  # a unit only in evaluations the article leaves out
                    assert "không tìm thấy đơn vị" in e.format_message(), e
    finally:
        article_module.render_template = original  # type: ignore[assignment]
    return contexts


def with_every_kind_of_value(data: Path) -> Path:
    """The sample with a photo file and an official band column: every field has a value."""
    from PIL import Image

    Image.new("RGB", (40, 30), (200, 30, 30)).save(data / "2019" / "images" / "anh-1.jpg")
    settings = data / "2019" / "article.toml"
    settings.write_text(
        settings.read_text("utf-8").replace(
            '# file = "images/anh-1.jpg"', 'file = "images/anh-1.jpg"'
        ),
        "utf-8",
    )
    return data


def test_every_template_context_of_the_sample_holds_plain_data_only(data_copy):
    (data_copy / "2019" / "images").mkdir(exist_ok=True)
    contexts = every_context(with_every_kind_of_value(data_copy))
    assert len(contexts) > 300
    assert {name for name, _ in contexts} >= {
        "title.md.j2",
        "lead.md.j2",
        "evaluation.md.j2",
        "caption.md.j2",
        "closing.md.j2",
        "byline.md.j2",
    }
    seen: dict[int, Any] = {}
    found = [p for name, context in contexts for p in not_plain(context, name, seen)]
    assert found == []
    photo = next(c["article"] for _, c in contexts if c["year"] == 2019).photos[0]
    # A path reaches templates as text, escaped like every data text (paths hold _ and \\).
    assert photo.file == md_escape(str(data_copy / "2019" / "images" / "anh-1.jpg"))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_template_context_of_a_scenario_holds_plain_data_only(name, tmp_path):
    contexts = every_context(make_data(tmp_path, SCENARIOS[name]))
    assert contexts
    seen: dict[int, Any] = {}
    assert [p for template, c in contexts for p in not_plain(c, template, seen)] == []


def test_the_walk_finds_a_path_an_enum_and_an_object(tmp_path):
    from bantin.model import TieRule

    record = SAMPLE_DATA  # a Path
    assert not_plain({"a": (1, [record])}, "x", {}) == ["x.a[1][0]: pathlib.PosixPath"] or (
        not_plain({"a": (1, [record])}, "x", {}) == ["x.a[1][0]: pathlib.WindowsPath"]
    )
    assert not_plain(TieRule.DENSE, "t", {}) == ["t: bantin.model.TieRule"]
    assert not_plain(object(), "o", {}) == ["o: builtins.object"]
