"""What the office formats (XLSX, DOCX) share: same content, same bytes.

Office files are zip archives whose entries carry the time they were written; rewritten
here with one fixed date, an export of an unchanged assessment is byte for byte the same
(diff-friendly, and a re-export is not mistaken for a change).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ncsi_tui.core.model.assessment import Assessment

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 and deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


#: characters XML 1.0 (and so every office file) cannot hold; never typed on purpose
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the control characters an office file cannot hold."""
    return _NOT_XML.sub("", text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def xml_safe_assessment(a: Assessment) -> Assessment:
    """The assessment with every text made :func:`xml_safe` (a copy; ``a`` is unchanged)."""
    data = a.model_dump(by_alias=True)
    cleaned = _clean(data)
    return a if cleaned == data else Assessment.model_validate(cleaned)
