"""Persona clustering at scale: 1,000 synthetic coded interviews in four languages.

Writes a throw-away project with N interviews (respondent speech plus ~40 coded segments each,
four planted personas), then times `find_personas` (load codes, features, k by silhouette over
k=2..8, describe, save) cold and warm (lemma dictionaries already loaded), against a baseline
measured in the same process: reading the same segments back from the store. Prints JSON with
seconds, the ratio to the baseline and the ARI against the planted personas.

    python benchmarks/personas_scale.py --n 1000
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

STAGES = ["first_thought", "passive_looking", "active_looking", "deciding", "buying", "consuming", "satisfaction"]
TOUCHPOINTS = ["web_search", "review_site", "video", "social_media", "friends_family", "expert", "store_visit", "ads"]
PAINS = ["price", "setup_effort", "time_waste", "reliability", "health", "trust", "complexity", "coordination"]
WORDS = {"en": "the old way kept failing and I wanted something that simply works every day".split(),
         "ru": "старый способ постоянно подводил и мне хотелось чтобы всё просто работало каждый день".split(),
         "uk": "старий спосіб постійно підводив і мені хотілося щоб усе просто працювало щодня".split(),
         "pl": "stary sposób ciągle zawodził i chciałem żeby wszystko po prostu działało codziennie".split()}


def persona_profile(rng: random.Random) -> dict:
    return {"stages": rng.sample(STAGES, 5), "forces": rng.choices(["push", "pull", "anxiety", "habit"], k=4),
            "touchpoints": rng.sample(TOUCHPOINTS, 3), "pains": rng.sample(PAINS, 3),
            "emotion": rng.choice([-1, 0, 1])}


def build(db, n: int, seed: int = 0) -> dict[str, int]:
    """Insert n interviews with turns and segments; return participant -> planted persona."""
    from jtbd_kit.store.interviews import now

    rng = random.Random(seed)
    personas = [persona_profile(rng) for _ in range(4)]
    planted, interviews, turns, segments = {}, [], [], []
    for i in range(n):
        p = i % 4
        language = rng.choice(list(WORDS))
        participant = f"S-{i:05d}"
        planted[participant] = p
        interviews.append({"id": i + 1, "participant": participant, "language": language, "text": "",
                           "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", "product": "thing",
                           "imported_at": now()})
        for j in range(40):
            text = " ".join(rng.choices(WORDS[language], k=25))
            turns.append({"interview_id": i + 1, "idx": j, "speaker": "R", "role": "respondent", "seconds": 30.0 * j,
                          "text": text, "start": 0, "end": len(text), "line": j + 1})
            own = rng.random() < 0.7  # 70% of segments follow the persona, the rest is noise
            src = personas[p] if own else persona_profile(rng)
            segments.append({
                "interview_id": i + 1, "turn_idx": j, "start": 200 * j, "end": 200 * j + 150, "text": text,
                "stage": src["stages"][j * 5 // 40], "forces": json.dumps(rng.sample(src["forces"], 1)),
                "emotion": src["emotion"] if rng.random() < 0.6 else 0, "emotion_score": 0.0,
                "touchpoints": json.dumps(rng.sample(src["touchpoints"], 1) if rng.random() < 0.3 else []),
                "pains": json.dumps(rng.sample(src["pains"], 1) if rng.random() < 0.3 else []),
                "confidence": 0.8, "cues": "[]", "origin": "machine", "coder": "synthetic", "coded_at": now()})
    with db.atomic():
        db["interviews"].insert_all(interviews)
        db["turns"].disable_fts()
        db["turns"].insert_all(turns)
        db["segments"].insert_all(segments)
    return planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="interviews (default: %(default)s)")
    args = parser.parse_args()
    from sklearn.metrics import adjusted_rand_score

    from jtbd_kit.personas.features import load_coded
    from jtbd_kit.personas.find import find_personas
    from jtbd_kit.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "scale.db")
        planted = build(db, args.n)
        started = time.perf_counter()
        load_coded(db)
        baseline = time.perf_counter() - started
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            personas = find_personas(db)
            timings.append(time.perf_counter() - started)
        found = {m: p["id"] for p in personas for m in p["members"]}
        order = sorted(planted)
        print(json.dumps({
            "interviews": args.n, "segments": args.n * 40, "personas": len(personas),
            "how_k_was_chosen": personas[0]["data"]["how_k_was_chosen"],
            "ari_vs_planted": round(adjusted_rand_score([planted[m] for m in order], [found[m] for m in order]), 3),
            "baseline_load_segments_seconds": round(baseline, 2),
            "find_personas_cold_seconds": round(timings[0], 2), "find_personas_warm_seconds": round(timings[1], 2),
            "warm_ratio_to_baseline": round(timings[1] / baseline, 1)}, indent=2))


if __name__ == "__main__":
    main()
