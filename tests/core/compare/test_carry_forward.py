"""Carry forward: last year's records kept, marked to re-confirm, dates judged anew."""

from __future__ import annotations

import datetime as dt

from ncsi_tui.core.compare.carry_forward import carry_forward
from ncsi_tui.core.judge.readiness import run_checks
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues


def _last_year() -> Assessment:
    return Assessment(
        framework="ncsi-2.0",
        country=Country(code="RS"),
        title="Serbia 2025",
        reference_date=dt.date(2025, 6, 30),
        indicators={
            "1.1": Record(
                status="met",
                evidence="Unit exists.",
                references=[
                    Reference(
                        kind="legal-act",
                        title="Law",
                        url="https://e.rs/law",
                        published=dt.date(2016, 1, 20),
                    )
                ],
            ),
            "1.3": Record(
                status="met",
                evidence="Strategy in force.",
                references=[
                    Reference(
                        kind="official-document",
                        title="Strategy 2021-2025",
                        url="https://e.rs/s",
                        published=dt.date(2021, 1, 1),
                        valid_until=dt.date(2025, 12, 31),
                    )
                ],
            ),
            "2.2": Record(
                status="met",
                references=[
                    Reference(
                        kind="official-report",
                        title="Annual report",
                        url="https://e.rs/r",
                        published=dt.date(2025, 3, 1),
                    )
                ],
            ),
            "3.4": Record(status="not-met", notes="ask the ministry"),
        },
    )


def test_carry_forward_keeps_everything_and_marks_each_record_to_reconfirm() -> None:
    cat = Catalogues().get("ncsi-2.0")
    old = _last_year()
    r = carry_forward(old, cat, cat, reference_date=dt.date(2026, 6, 30))
    new = r.assessment
    assert r.carried == ("1.1", "1.3", "2.2", "3.4") and r.dropped == ()
    assert new.reference_date == dt.date(2026, 6, 30) and new.title == "Serbia 2025"
    for uid, rec in old.indicators.items():
        carried = new.indicators[uid]
        assert carried.reconfirm is True
        assert carried.model_copy(update={"reconfirm": False}) == rec
    assert not any(rec.reconfirm for rec in old.indicators.values())  # old left alone


def test_references_whose_window_no_longer_holds_are_reported() -> None:
    cat = Catalogues().get("ncsi-2.0")
    old = _last_year()
    dated = {"document.expired", "window.too-old"}
    assert not [f for f in run_checks(cat, old) if f.rule in dated]  # all fine last year
    r = carry_forward(old, cat, cat, reference_date=dt.date(2026, 6, 30))
    got = sorted((f.unit_id, f.rule) for f in r.date_findings)
    # 1.3: valid until 2025-12-31; 2.2: a report must be at most a year old (2025-03-01)
    assert got == [("1.3", "document.expired"), ("2.2", "window.too-old")]
    assert r.notes == ()


def test_a_reference_date_not_after_the_old_one_is_noted() -> None:
    cat = Catalogues().get("ncsi-2.0")
    r = carry_forward(_last_year(), cat, cat, reference_date=dt.date(2025, 1, 1))
    assert r.notes and "not after" in r.notes[0]
