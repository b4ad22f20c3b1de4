"""A region of assessments for the overview tests: 12 files of two frameworks (10 NCSI, 2
CMM) with varied statuses, stages and records to re-confirm, one broken file and one
conflict note (in a sub-folder, so reading is recursive)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from ncsi_tui.core.files import storage
from ncsi_tui.core.model.catalogue import Catalogues

ROOT = Path(__file__).resolve().parent.parent
NCSI_COUNTRIES = ("EE", "LV", "LT", "FI", "SE", "PL", "DE", "RS", "MD", "GE")
CMM_COUNTRIES = ("XK", "AL")
STATUSES = ("met", "not-met", "not-assessed")


def build_region(folder: Path, seed: int = 22) -> dict[str, Path]:
    """Write the region into `folder`; returns the assessment paths by country code, plus
    ``broken`` and ``note``."""
    rng = random.Random(seed)
    cats = Catalogues()
    ncsi = storage.load(ROOT / "ncsi_tui" / "examples" / "example.toml").assessment
    cmm = storage.load(ROOT / "ncsi_tui" / "examples" / "example-cmm.toml").assessment
    out: dict[str, Path] = {}
    prev = ncsi
    sub = folder / "baltic-and-more"
    sub.mkdir(parents=True, exist_ok=True)
    for i, code in enumerate(NCSI_COUNTRIES):
        a = ncsi.model_copy(deep=True)
        a.country = a.country.model_validate({"code": code})
        a.title = f"{a.country.name} {2024 + i % 2}"
        for rec in a.indicators.values():
            if rng.random() < 0.5:
                rec.status = rng.choice(STATUSES)
            rec.reconfirm = rng.random() < 0.1
        if i == 3:  # the same total as the country before it: a shared rank
            a.indicators = {k: v.model_copy(deep=True) for k, v in prev.indicators.items()}
        prev = a
        path = (sub if i < 3 else folder) / f"{code.lower()}.toml"
        path.write_text(storage.dumps(a, cats.get(a.framework)), encoding="utf-8")
        out[code] = path
    stages = [s for s in cats.get(cmm.framework).stage_ids]
    for code in CMM_COUNTRIES:
        a = cmm.model_copy(deep=True)
        a.country = a.country.model_validate({"code": code})
        a.title = f"{a.country.name} CMM"
        for rec in a.indicators.values():
            if rec.stage and rng.random() < 0.6:
                rec.stage = rng.choice(stages)
            rec.reconfirm = rng.random() < 0.2
        path = folder / f"{code.lower()}-cmm.toml"
        path.write_text(storage.dumps(a, cats.get(a.framework)), encoding="utf-8")
        out[code] = path
    broken = sub / "broken.toml"
    broken.write_text('framework = "ncsi-2.0"\ntitle = "unfinished\n', encoding="utf-8")
    note = folder / "ee.toml.conflict-bob-20260101T000000Z.toml"
    shutil.copyfile(out["EE"], note)
    out["broken"], out["note"] = broken, note
    return out
