"""Write N assessment files for the overview benchmarks: copies of the bundled examples
with other countries and varied statuses (seeded, so every run writes the same bytes).

    python bench/make_region.py FOLDER N [--cmm-every K]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUSES = ("met", "not-met", "not-assessed")


def make_region(folder: Path, n: int, cmm_every: int = 10, seed: int = 7) -> list[Path]:
    """N files in `folder`: every `cmm_every`-th one a CMM assessment, the rest NCSI."""
    from ncsi_tui.core.files import storage
    from ncsi_tui.core.model.assessment import countries
    from ncsi_tui.core.model.catalogue import Catalogues

    cats = Catalogues()
    rng = random.Random(seed)
    codes = sorted(countries())
    base = {
        "ncsi": storage.load(ROOT / "ncsi_tui" / "examples" / "example.toml").assessment,
        "cmm": storage.load(ROOT / "ncsi_tui" / "examples" / "example-cmm.toml").assessment,
    }
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        kind = "cmm" if cmm_every and i % cmm_every == cmm_every - 1 else "ncsi"
        a = base[kind].model_copy(deep=True)
        code = codes[i % len(codes)]
        a.country = a.country.model_validate({"code": code})
        a.title = f"{a.country.name} self-assessment {2020 + i % 6}"
        if kind == "ncsi":
            for rec in a.indicators.values():
                rec.status = rng.choice(STATUSES) if rng.random() < 0.4 else rec.status
        cat = cats.get(a.framework)
        path = folder / f"{code.lower()}-{i:04d}.toml"
        path.write_text(storage.dumps(a, cat), encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--cmm-every", type=int, default=10)
    args = ap.parse_args()
    print(len(make_region(args.folder, args.n, args.cmm_every)), "files in", args.folder)
