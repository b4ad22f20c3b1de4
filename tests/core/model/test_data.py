"""The models are plain dataclasses checked by pydantic (core/model/data.py): they must dump,
copy, validate and refuse exactly as the pydantic models they replace did."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from ncsi_tui.core.files import storage
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.crosswalk import CrosswalkRow
from ncsi_tui.core.model.review import Gap, Recommendation
from tests.conftest import EXAMPLE
from tests.core.model.test_review import reviews

times = st.none() | st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2040, 1, 1),
                                 timezones=st.sampled_from([dt.UTC, None]))
texts = st.text(st.sampled_from([*"ab é—\n\r\"'<>"]), max_size=8)


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    records = {
        uid: Record(status=draw(st.sampled_from(["met", "not-met", "not-assessed"])),
                    evidence=draw(texts), notes=draw(texts), updated_at=draw(times),
                    references=[Reference(kind="legal-act", title=draw(texts),
                                          published=draw(st.none() | st.dates()))])
        for uid in draw(st.lists(st.sampled_from(["1.1", "1.2", "3.4"]), unique=True))
    }
    return Assessment(framework="ncsi-2.0", country=Country(code="EE"), title=draw(texts),
                      reference_date=dt.date(2025, 6, 30), updated=draw(times),
                      indicators=records, review=draw(reviews()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments(), st.booleans(), st.booleans())
def test_dumps_are_the_ones_pydantic_makes(a: Assessment, by_alias: bool, defaults: bool) -> None:
    """Our own dump (no pydantic on the read path) against pydantic's, in both modes."""
    pyd = TypeAdapter(Assessment)
    for mode in ("python", "json"):
        ours = a.model_dump(mode=mode, by_alias=by_alias, exclude_defaults=defaults)
        assert ours == pyd.dump_python(a, mode=mode, by_alias=by_alias,
                                       exclude_defaults=defaults)
    nested = {"indicators": {"__all__": {"notes"}}, "review": {"gaps": {"__all__": {"note"}}}}
    assert a.model_dump(mode="json", exclude=nested) == pyd.dump_python(a, mode="json",
                                                                          exclude=nested)


def test_constructing_a_model_validates_it() -> None:
    with pytest.raises(ValidationError) as bad:
        Record(status="done")
    assert bad.value.errors()[0]["loc"] == ("status",)
    with pytest.raises(ValidationError, match="unknown reference kind"):
        Reference(kind="law")
    with pytest.raises(ValidationError, match="follow-up gap names the cluster"):
        Gap(unit="D1.1", kind="follow-up")
    with pytest.raises(ValidationError, match="should match pattern"):
        Recommendation(id="X1", unit="D1", text="t", priority="high")
    assert CrosswalkRow.model_validate({"from": "1.1", "to": "1.2", "relation": "renamed"}).old \
        == "1.1"
    assert Record(evidence="a\r\nb").evidence == "a\nb"


def test_an_unknown_key_and_a_missing_one_are_named_with_their_line(tmp_path) -> None:
    text = EXAMPLE.read_text("utf-8").replace("[indicators.\"1.1\"]\n",
                                              "[indicators.\"1.1\"]\nevidense = \"x\"\n", 1)
    text = text.replace("framework = ", "# framework = ", 1)
    with pytest.raises(Exception) as bad:
        storage.parse(text, tmp_path / "a.toml")
    msg = str(bad.value)
    assert "framework: Field required" in msg
    assert 'indicators."1.1".evidense: unknown key' in msg and "(line " in msg


def test_assigning_converts_and_checks_as_pydantic_did() -> None:
    a = storage.parse(EXAMPLE.read_text("utf-8"))
    rec = a.record("1.1").model_copy(deep=True)
    rec.evidence = "one\r\ntwo\rthree"
    assert rec.evidence == "one\ntwo\nthree"
    a.indicators = {"1.1": {"status": "met", "evidence": "x\r\n"}}
    assert a.indicators["1.1"] == Record(status="met", evidence="x\n")
    ref = Reference(kind="legal-act")
    with pytest.raises(ValidationError):
        ref.url = "has spaces in it"
    with pytest.raises(ValueError, match="out of range"):
        rec.updated_at = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))


def test_copies_share_nothing_when_deep_and_take_updates() -> None:
    a = storage.parse(EXAMPLE.read_text("utf-8"))
    deep, shallow = a.model_copy(deep=True), a.model_copy(update={"title": "T"})
    assert deep == a and shallow.title == "T" and a.title != "T"
    deep.indicators["1.1"].references.clear()
    assert a.indicators["1.1"].references
    assert shallow.indicators is a.indicators


def test_frozen_catalogue_models_refuse_changes() -> None:
    cat = Catalogues().get("ncsi-2.0")
    with pytest.raises(AttributeError):
        cat.title = "x"  # type: ignore[misc]
    assert cat.units[0] == cat.unit_index[cat.units[0].id]


def test_reading_a_model_module_imports_no_pydantic() -> None:
    code = ("import sys, ncsi_tui.core.files.storage, ncsi_tui.core.model.crosswalk;"
            "print([m for m in sys.modules if m.startswith('pydantic')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def _made(make: object, **values: object) -> object:
    try:
        return make(**values)  # type: ignore[operator]
    except ValueError:
        return None


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(["legal-act", "website", "law", ""]),
       url=st.sampled_from(["", "https://a.example/x", "has space", " https://t.example ",
                            "h" * 2001]),
       code=st.sampled_from(["EE", "ee", " rs ", "XA", "QQ", "EST"]),
       name=st.sampled_from(["", "Examplia"]),
       rid=st.sampled_from(["R1", "R0", "X1", "R12"]), text=st.sampled_from(["", "t\r\nu"]),
       years=st.sampled_from([None, 0, 1, 50, 51]))
def test_checked_accepts_and_refuses_what_the_constructor_does(
        kind: str, url: str, code: str, name: str, rid: str, text: str, years: int | None
) -> None:
    """``Model.checked`` (an importer's values, no pydantic) keeps the class's own rules."""
    from ncsi_tui.core.model.catalogue import Window

    for cls, values in ((Reference, {"kind": kind, "url": url}),
                        (Country, {"code": code, "name": name}),
                        (Recommendation, {"id": rid, "unit": "D1", "text": text,
                                          "priority": "high"}),
                        (Window, {"rule": "within", "years": years})):
        assert _made(cls.checked, **values) == _made(cls, **values), (cls, values)
