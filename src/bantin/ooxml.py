"""Zip-level helpers for DOCX packages: custom properties and the content fingerprint.

Kept apart from python-docx so that `bantin check` and the safe-write logic can
read a draft's properties quickly.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
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
    digest = hashlib.sha256()
    for name in sorted(members):
        if name == CUSTOM_PART:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(members[name]).digest())
    return digest.hexdigest()


def is_sealed_and_unchanged(data: bytes) -> bool:
    """Whether a DOCX still has exactly the content bantin sealed into it."""
    stored = read_custom_properties(data).get(FINGERPRINT)
    return bool(stored) and stored == content_fingerprint(data)
