"""Optional online check of reference URLs (`ncsi check --online`): warnings only.

Off by default: the readiness rules never need the network. Each distinct URL is tried
once (HEAD, then GET when a server refuses HEAD) with a timeout, a few at a time.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from ncsi_tui import __version__
from ncsi_tui.core.judge.readiness import Finding, is_http_url, ref_label
from ncsi_tui.core.model.assessment import Assessment, Reference
from ncsi_tui.core.model.catalogue import Catalogue

RULE = "link.unreachable"


def probe(url: str, timeout: float) -> str | None:
    """None when the URL answers with a success or redirect; else what went wrong."""
    headers = {"User-Agent": f"ncsi-tui/{__version__} (link check)"}
    last = ""
    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                if resp.status < 400:
                    return None
                last = f"HTTP {resp.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
            if exc.code not in (403, 405, 501):  # servers that refuse HEAD: try GET
                return last
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return f"no answer ({reason})"
    return last


def check_links(
    cat: Catalogue, a: Assessment, timeout: float = 5.0, workers: int = 8
) -> list[Finding]:
    """A warning for every reference whose URL does not answer."""
    uses: list[tuple[str, str, int, Reference]] = []
    for group, unit in cat.walk_units():
        for i, ref in enumerate(a.record(unit.id).references, 1):
            if ref.url and is_http_url(ref.url):
                uses.append((unit.id, group.id, i, ref))
    urls = sorted({ref.url for *_, ref in uses})
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls) or 1))) as pool:
        results = dict(zip(urls, pool.map(lambda u: probe(u, timeout), urls), strict=True))
    out = []
    for uid, gid, i, ref in uses:
        problem = results[ref.url]
        if problem:
            out.append(
                Finding(
                    RULE,
                    "warning",
                    uid,
                    gid,
                    f"{ref_label(i, ref)}: {ref.url} gave {problem}; "
                    "check the link, or cite an archived copy",
                    cat.unit_index[uid].points,
                )
            )
    return out
