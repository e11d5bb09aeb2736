"""REFI-QDA project exchange (.qdpx): a zip of project.qde (XML) and the plain-text sources.

Selections are character positions into each source's text, which is exactly the text the
coder's offsets point into, so codes land on the same words in ATLAS.ti, NVivo or MAXQDA.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from jtbd_kit import __version__
from jtbd_kit.atomic import atomic_path
from jtbd_kit.exports.rows import code_names, coded_interviews, xml_safe

NS = "urn:QDA-XML:project:1.0"


def _guid() -> str:
    return str(uuid.uuid4())


def build_project(db: sqlite_utils.Database, name: str) -> tuple[ET.Element, dict[str, str]]:
    """The project.qde tree and the source files it refers to ({zip name: text}).

    Text comes through xml_safe (one character for one), so the XML parses and offsets still hold.
    """
    ET.register_namespace("", NS)
    name = xml_safe(name)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    project = ET.Element(f"{{{NS}}}Project", name=name, origin=f"jtbd-kit {__version__}",
                         creationDateTime=stamp)
    user = _guid()
    ET.SubElement(ET.SubElement(project, f"{{{NS}}}Users"), f"{{{NS}}}User", guid=user, name="jtbd-kit")
    codes_el = ET.SubElement(ET.SubElement(project, f"{{{NS}}}CodeBook"), f"{{{NS}}}Codes")
    interviews = coded_interviews(db)
    groups: dict[str, ET.Element] = {}
    code_guid: dict[tuple[str, str], str] = {}
    for interview in interviews:
        for segment in interview["segments"]:
            for pair in code_names(segment):
                if pair in code_guid:
                    continue
                group = pair[0]
                if group not in groups:
                    groups[group] = ET.SubElement(codes_el, f"{{{NS}}}Code", guid=_guid(), name=group,
                                                  isCodable="false")
                code_guid[pair] = _guid()
                ET.SubElement(groups[group], f"{{{NS}}}Code", guid=code_guid[pair], name=pair[1],
                              isCodable="true")
    sources_el = ET.SubElement(project, f"{{{NS}}}Sources")
    files: dict[str, str] = {}
    for interview in interviews:
        source_guid = _guid()
        files[f"sources/{source_guid}.txt"] = interview["text"]
        source = ET.SubElement(sources_el, f"{{{NS}}}TextSource", guid=source_guid,
                               name=interview["participant"], plainTextPath=f"internal://{source_guid}.txt",
                               creatingUser=user)
        for segment in interview["segments"]:
            selection = ET.SubElement(source, f"{{{NS}}}PlainTextSelection", guid=_guid(),
                                      name=(segment["text"] or "")[:60], startPosition=str(segment["start"]),
                                      endPosition=str(segment["end"]), creatingUser=user)
            for pair in code_names(segment):
                coding = ET.SubElement(selection, f"{{{NS}}}Coding", guid=_guid(), creatingUser=user)
                ET.SubElement(coding, f"{{{NS}}}CodeRef", targetGUID=code_guid[pair])
    return project, files


def write_qdpx(db: sqlite_utils.Database, out: Path, name: str = "jtbd-kit project") -> Path:
    """Write the whole coded project as one .qdpx file, atomically."""
    project, files = build_project(db, name)
    xml = ET.tostring(project, encoding="utf-8", xml_declaration=True)
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", xml)
        for zip_name, text in files.items():
            z.writestr(zip_name, text.encode("utf-8"))
    return out
