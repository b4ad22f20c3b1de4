"""PDF export in one step: the HTML pack printed by a headless Chromium (or Chrome).

Looks for ``NCSI_CHROMIUM``, then chromium, chromium-browser, google-chrome, chrome and
Microsoft Edge on PATH. The page is self-contained (no network); Chromium runs with its
background networking off and a throw-away profile. Where no browser is installed the
message names the package to install; the HTML export prints to PDF from any browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export import html
from ncsi_tui.core.export._common import PDF_MARK
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue

BINARY = True
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "msedge", "microsoft-edge")
TIMEOUT_S = 90


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or None."""
    env = os.environ.get("NCSI_CHROMIUM")
    if env:
        return env if Path(env).exists() else shutil.which(env)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(page: str) -> bytes:
    """Print an HTML page to PDF (A4, backgrounds on); InputError when it cannot."""
    browser = find_browser()
    if browser is None:
        raise InputError(
            "a PDF needs Chromium (or Google Chrome), which is not installed",
            hint="install it (Debian/Ubuntu: apt install chromium; Windows and macOS: Google "
            "Chrome), or export --format html and print it to PDF from any browser",
        )
    with tempfile.TemporaryDirectory(prefix="ncsi-pdf-") as tmp:
        src, out = Path(tmp) / "pack.html", Path(tmp) / "pack.pdf"
        src.write_text(page, encoding="utf-8")
        args = [browser, "--headless", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--disable-extensions",
                f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
                f"--print-to-pdf={out}", src.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            subprocess.run(args, capture_output=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"Chromium could not print the PDF: {exc}",
                             hint="export --format html and print it from a browser") from None
        if not out.exists() or out.stat().st_size == 0:
            raise InputError("Chromium did not write the PDF",
                             hint="export --format html and print it from a browser")
        return out.read_bytes().rstrip(b"\r\n") + PDF_MARK  # so the next export may replace it


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> bytes:
    """The HTML pack (core/export/html.py), printed."""
    return print_pdf(html.render(cat, a, score, findings))
