"""Zip-level helpers for DOCX packages: custom properties and the content fingerprint.

Kept apart from python-docx so that `bantin check` and the safe-write logic can
read a draft's properties quickly.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
FINGERPRINT = "BantinFingerprint"

_NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id every custom property carries, fixed by the OOXML specification.
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties_xml(properties: dict[str, str]) -> bytes:
    """The /docProps/custom.xml part holding text properties, in the given order."""
    root = ElementTree.Element(f"{{{_NS_CUSTOM}}}Properties")
    for pid, (name, value) in enumerate(properties.items(), start=2):
        prop = ElementTree.SubElement(
            root, f"{{{_NS_CUSTOM}}}property", {"fmtid": _FMTID, "pid": str(pid), "name": name}
        )
        ElementTree.SubElement(prop, f"{{{_NS_VT}}}lpwstr").text = value
    ElementTree.register_namespace("", _NS_CUSTOM)
    ElementTree.register_namespace("vt", _NS_VT)
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def read_custom_properties(data: bytes) -> dict[str, str]:
    """The text custom properties of a DOCX; empty when it has none or is not a DOCX."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if CUSTOM_PART not in package.namelist():
                return {}
            root = ElementTree.fromstring(package.read(CUSTOM_PART))
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError):
        return {}
    properties = {}
    for prop in root.findall(f"{{{_NS_CUSTOM}}}property"):
        value = next(iter(prop), None)
        if value is not None and prop.get("name"):
            properties[str(prop.get("name"))] = value.text or ""
    return properties


def content_fingerprint(data: bytes) -> str | None:
    """A hash of every part of the package but the custom properties (which hold it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return fingerprint_members({n: package.read(n) for n in package.namelist()})
    except (zipfile.BadZipFile, OSError, KeyError):
        return None


def fingerprint_members(members: dict[str, bytes]) -> str:
    """The content fingerprint of a package given as member name -> bytes."""
    return fingerprint_digests({n: hashlib.sha256(d).digest() for n, d in members.items()})


def fingerprint_digests(digests: dict[str, bytes]) -> str:
    """The content fingerprint from each member's sha256 digest (custom properties left out)."""
    digest = hashlib.sha256()
    for name in sorted(digests):
        if name == CUSTOM_PART:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(digests[name])
    return digest.hexdigest()


@dataclass(frozen=True)
class ZipMember:
    """One member of a package, compressed once and reusable in any number of packages."""

    name: str
    sha256: bytes
    crc: int
    size: int
    compressed: bytes

    @classmethod
    def deflate(cls, name: str, data: bytes, level: int = 1) -> ZipMember:
        """Compress `data` (raw deflate, as zip stores it) and note its checksums."""
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        compressed = packer.compress(data) + packer.flush()
        return cls(name, hashlib.sha256(data).digest(), zlib.crc32(data), len(data), compressed)


# Every member is dated 1980-01-01 00:00 (the zip epoch), so equal content gives equal bytes.
_DOS_TIME, _DOS_DATE = 0, (1 << 5) | 1
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


def zip_members(members: list[ZipMember]) -> bytes:
    """A zip archive of already-compressed members, in the order given.

    The same layout zipfile writes for deflated members, without compressing again
    what an earlier package already compressed (styles, theme, fonts table...).
    """
    if len(members) >= 0xFFFF:
        raise ValueError("too many members for a zip without zip64")
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if member.name.isascii() else 0x800  # bit 11: the name is UTF-8
        # Shared by both headers: version 2.0, flags, deflate, date, checksum and sizes.
        common = (20, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, member.crc)
        sizes = (len(member.compressed), member.size, len(name))
        header = _LOCAL.pack(0x04034B50, *common, *sizes, 0)
        # Central record: made by 2.0, no extra field, comment, disk, or attributes.
        central.append(_CENTRAL.pack(0x02014B50, 20, *common, *sizes, 0, 0, 0, 0, 0, offset))
        central.append(name)
        chunks += (header, name, member.compressed)
        offset += len(header) + len(name) + len(member.compressed)
        if offset >= 0xFFFFFFFF:
            raise ValueError("package too large for a zip without zip64")
    directory = b"".join(central)
    end = _END.pack(0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0)
    return b"".join(chunks) + directory + end


def is_sealed_and_unchanged(data: bytes) -> bool:
    """Whether a DOCX still has exactly the content bantin sealed into it."""
    stored = read_custom_properties(data).get(FINGERPRINT)
    return bool(stored) and stored == content_fingerprint(data)
