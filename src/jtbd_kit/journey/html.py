"""Journey maps as one self-contained HTML page: inline CSS and SVG, no script, no network, prints well.

Jinja2 autoescapes every value, so transcript text (quotes, names) can never become markup.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from jtbd_kit.journey.output import map_slug
from jtbd_kit.journey.svg import emotion_curve, forces_diagram

TEMPLATES = Path(__file__).with_name("templates")


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def map_items(doc: dict) -> list[dict]:
    """Each map with its chart geometry and an anchor for links."""
    return [{"map": m, "anchor": map_slug(m["persona"]), "curve": emotion_curve(m),
             "forces": forces_diagram(m, doc["labels"]["forces"])} for m in doc["maps"]]


def render_html(doc: dict) -> str:
    title = doc["maps"][0]["title"] if len(doc["maps"]) == 1 else doc["labels"]["ui"]["maps"]
    return environment().get_template("journey.html.j2").render(doc=doc, items=map_items(doc), title=title)
