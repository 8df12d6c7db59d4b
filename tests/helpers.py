"""Readers the tests use to look at outputs the way their clients do."""

from __future__ import annotations

import io
import os
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from bantin.export.pdf import find_soffice

CREATED = datetime(2020, 1, 15, 8, 0, 0)

# Every fact of ../shared/reference/README.md for 2019, as the article words it.
FACTS_2019 = (
    # CCHC
    "Chỉ số cải cách hành chính (CCHC) năm 2019",
    "Khối sở, ban, ngành thành phố có 03/21 cơ quan xếp loại Rất tốt",
    "11/21 cơ quan xếp loại Tốt",
    "07/21 cơ quan xếp loại Khá",
    "không có cơ quan xếp loại Trung bình và Yếu",
    "Trong nhóm 03 cơ quan xếp loại Rất tốt",
    "Sở Thông tin và Truyền thông đồng xếp hạng Nhất cùng Sở Nội vụ với điểm quy đổi 99,84",
    "so với năm 2018 (94,82 điểm)",
    "Sở Giao thông vận tải xếp hạng Nhì với điểm quy đổi 90,65",
    "2 năm liên tiếp 2018-2019, Sở giữ vị trí dẫn đầu",
    "Ảnh 1: Ông Lê Trung Chinh - Phó Chủ tịch UBND TP trao tặng Bằng khen cho 10 tập thể "
    "có thành tích xuất sắc trong công tác CCHC năm 2019.",
    # VTLT
    "công tác văn thư lưu trữ (VTLT) năm 2019",
    "10/32 cơ quan xếp loại Xuất sắc",
    "03/32 cơ quan xếp loại Tốt",
    "05/32 cơ quan xếp loại Khá",
    "03/32 cơ quan xếp loại Trung bình",
    "11/32 cơ quan xếp loại Chưa đạt",
    "Trong nhóm 10 cơ quan xếp loại Xuất sắc",
    "Sở Khoa học và Công nghệ cùng Sở Tài chính đồng xếp hạng Nhất với 98 điểm",
    "Sở Văn hóa và Thể thao xếp hạng Nhì với 97 điểm",
    "Sở Nội vụ xếp hạng Ba với 96,8 điểm",
    "Sở Nông nghiệp và Phát triển nông thôn xếp hạng Tư với 96,5 điểm",
    "Sở xếp hạng Năm với 96,3 điểm, thuộc nhóm Xuất sắc",
    "tăng 6 điểm so với năm 2018 (90,3 điểm)",
    "Ảnh 2: Ông Lê Trung Chinh - Phó Chủ tịch UBND TP trao tặng Bằng khen cho 10 tập thể "
    "có thành tích xuất sắc trong công tác VTLT năm 2019.",
    # Closing and byline
    "nâng cao chất lượng công tác cải cách hành chính và văn thư lưu trữ",
    "Thu Trang, VPS",
)

# The published article's slips, which bantin must not copy.
SLIPS = ("xếp hạng xếp hạng", "Nông thông", "Giao thông và Vận tải", "tăng 06 điểm")


def markdown_paragraphs(text: str) -> list[tuple[str, str]]:
    """(block type, plain text) for each block a CommonMark parser finds."""
    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[tuple[str, str]] = []
    kind = ""
    for token in tokens:
        if token.type.endswith("_open") and token.level == 0:
            kind = token.tag
        if token.type == "inline":
            words = []
            for child in token.children or []:
                if child.type == "image":
                    words.append(f"<image {child.attrs['src']}>")
                elif child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            blocks.append((kind, "".join(words)))
    return blocks


def docx_dump(data: bytes) -> str:
    """One `style<TAB>text` line per paragraph, as the golden DOCX files record."""
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = []
    for paragraph in document.paragraphs:
        pictures = len(paragraph._p.findall(".//{*}drawing"))
        text = paragraph.text + (" <picture>" * pictures)
        lines.append(f"{paragraph.style.name}\t{text}")
    return "\n".join(lines) + "\n"


def docx_text(data: bytes) -> str:
    """All paragraph text of a DOCX, one paragraph a line."""
    return "\n".join(line.split("\t", 1)[1] for line in docx_dump(data).splitlines())


def ooxml_problems(data: bytes) -> list[str]:
    """What is wrong with a DOCX package: content types, relationships, well-formed XML."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    problems: list[str] = []
    package = zipfile.ZipFile(io.BytesIO(data))
    names = set(package.namelist())
    if package.testzip() is not None:
        problems.append("zip CRC error")
    types = ElementTree.fromstring(package.read("[Content_Types].xml"))
    ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    defaults = {d.get("Extension").lower() for d in types.iter(f"{ns}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{ns}Override")}
    for name in names:
        if name.endswith("/"):
            continue
        if name == "[Content_Types].xml":
            continue
        if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"no content type for {name}")
        if name.endswith((".xml", ".rels")):
            try:
                ElementTree.fromstring(package.read(name))
            except ElementTree.ParseError as e:
                problems.append(f"{name}: {e}")
    for override in overrides:
        if override not in names:
            problems.append(f"content type for missing part {override}")
    for rels in (n for n in names if n.endswith(".rels")):
        base = posixpath.dirname(posixpath.dirname(rels))
        for rel in ElementTree.fromstring(package.read(rels)):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            if path not in names:
                problems.append(f"{rels}: relationship to missing part {target}")
    return problems


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed letters, tones as combining marks."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
            out += (base + "".join(m for m in marks if m in tones)).encode("cp1258")
    return out


def needs(reason: str, *found: object) -> pytest.MarkDecorator:
    """Skip where a tool the test drives is missing, but never in CI: .ci/run installs it,
    and a broken install must fail there rather than pass as skipped."""
    return pytest.mark.skipif(not all(found) and not os.environ.get("CI"), reason=reason)


# Found as bantin finds it for `render --format pdf` (PATH, then its Windows folder).
SOFFICE = find_soffice()


def libreoffice_convert(document: Path, to: str, outdir: Path, profile: Path) -> Path:
    """Convert `document` with headless LibreOffice (`to`: "pdf", "odt", "docx:MS Word 2007
    XML") into `outdir`, and give the file it wrote: soffice exits 0 even when it cannot
    load a file, so the output must exist."""
    assert SOFFICE, "soffice not found: install libreoffice-writer-nogui"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    written = outdir / f"{document.stem}.{to.split(':')[0]}"
    assert written.is_file(), f"LibreOffice did not convert {document.name} to {to}"
    return written
