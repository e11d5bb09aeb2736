"""Write the Word sample transcript `transcripts/P-24-teams.docx` from the text below.

The script is the source of the sample, so nobody has to trust a binary: rerun it after editing
the conversation. The layout is the one Teams uses for its .docx transcript download (a title,
the date, then `Name   m:ss` header lines with the words below them). The output is
byte-for-byte reproducible: fixed document properties and fixed zip entry dates.

    python scripts/make_sample_docx.py [OUT.docx]
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import docx

OUT = Path(__file__).resolve().parents[1] / "transcripts" / "P-24-teams.docx"
STAMP = datetime(2026, 2, 24, 18, 0, 0)

HEADER = [
    "Kitchbox switch interview",
    "February 24, 2026, 6:00PM",
    "participant: P-24",
    "respondent: Tom Eriksen",
    "product: Kitchbox meal-kit subscription",
    "date: 2026-02-24",
]

CONVERSATION = [  # (speaker, m:ss, words)
    ("Hannah Reyes", "0:03", "Thanks for making time after a night shift, Tom. I just want to hear the story of how "
     "Kitchbox came into your life, and how it's going. No right or wrong answers."),
    ("Tom Eriksen", "0:14", "No worries. I'm a bit zombie-ish, so forgive me if I ramble."),
    ("Hannah Reyes", "0:20", "Ramble away. What did eating look like before Kitchbox?"),
    ("Tom Eriksen", "0:26", "I'm a nurse on a ward, twelve-hour shifts, a lot of them nights. I share a house with two "
     "other people. Before, it was frozen ready meals, mostly. I'd buy ten of the same lasagne on a Sunday and "
     "that was my week. Or a meal deal from the hospital shop. Not great, but it was easy and I didn't have to think."),
    ("Hannah Reyes", "0:51", "When did you start feeling that wasn't good enough?"),
    ("Tom Eriksen", "0:57", "It crept up on me. I was exhausted all the time, and I know that's the shifts, but I "
     "also knew I was eating rubbish. The moment I remember is telling a patient about eating more vegetables and "
     "then going to the break room and eating crisps for dinner. I felt like a hypocrite. That stuck with me."),
    ("Hannah Reyes", "1:24", "What did you try?"),
    ("Tom Eriksen", "1:28", "I tried batch cooking on my days off. Big pot of chilli. But my days off I'm sleeping or "
     "I just want to see people, and the fridge is shared, so space is a fight. And I'd get bored of the chilli "
     "by day three. So that fizzled out."),
    ("Hannah Reyes", "1:47", "How did you come across Kitchbox?"),
    ("Tom Eriksen", "1:51", "One of my housemates, Leah, started getting it. The box would sit in the hallway and I'd "
     "look at the recipe cards. They looked doable, like twenty minutes. Then there was an offer for NHS staff, "
     "forty percent off the first month, and that came up in our staff newsletter. So I thought, okay, the "
     "universe is telling me something."),
    ("Hannah Reyes", "2:15", "Did you look at anything else?"),
    ("Tom Eriksen", "2:19", "Not really, to be honest. I glanced at FreshCrate but Leah already had Kitchbox and I could "
     "see it worked, so it felt less risky. The main thing I checked was whether I could pick the delivery day, "
     "because with my rota I'm not always home."),
    ("Hannah Reyes", "2:38", "Any worries before you signed up?"),
    ("Tom Eriksen", "2:42", "The fridge, honestly. Where was I going to put a box of food in a shared fridge. And the "
     "cost after the discount ended, it's more than ready meals, obviously. And whether I'd actually cook after "
     "a night shift, or whether the food would just rot and I'd feel even worse."),
    ("Hannah Reyes", "3:02", "What happened with the first box?"),
    ("Tom Eriksen", "3:06", "I ordered two recipes for one person, delivered on a Monday when I was off. The first one "
     "was a salmon teriyaki thing and it was genuinely nice. Quick. I ate at a table like an adult. Leah and I "
     "cooked at the same time, which was kind of fun, it made the kitchen feel more like a home."),
    ("Hannah Reyes", "3:29", "And since then?"),
    ("Tom Eriksen", "3:32", "Mixed, if I'm honest. When I'm on days it works brilliantly. On a run of nights I just "
     "can't, and twice the box sat there and I had to throw stuff away, which felt awful. After the discount "
     "ended the price hurt. So right now I've paused it during night blocks and I order it when I'm on days. "
     "The pause button is the only reason I've kept it."),
    ("Hannah Reyes", "3:58", "What would make it work better for you?"),
    ("Tom Eriksen", "4:02", "Meals I could cook ahead and take to work. Something that fits a shift pattern, not a nine "
     "to five. If they did that, I'd take it every week."),
    ("Hannah Reyes", "4:14", "That's really useful. Thank you, Tom, go and get some sleep."),
]


def build() -> bytes:
    """The document as reproducible bytes."""
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "jtbd-kit sample"
    props.title = HEADER[0]
    props.created = props.modified = STAMP
    props.revision = 1
    document.add_heading(HEADER[0], level=1)
    for line in HEADER[1:]:
        document.add_paragraph(line)
    for speaker, at, words in CONVERSATION:
        document.add_paragraph(f"{speaker}   {at}")
        document.add_paragraph(words)
    raw = io.BytesIO()
    document.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return fixed.getvalue()


def write(out: Path) -> None:
    """Temp file + rename, so a half-written sample never appears."""
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(build())
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    write(target)
    print(f"wrote {target}")
