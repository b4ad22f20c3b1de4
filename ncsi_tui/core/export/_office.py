"""What the office formats (XLSX, DOCX) share: same content, same bytes.

Office files are zip archives whose entries carry the time they were written; rewritten
here with one fixed date, an export of an unchanged assessment is byte for byte the same
(diff-friendly, and a re-export is not mistaken for a change).
"""

from __future__ import annotations

import io
import zipfile

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
