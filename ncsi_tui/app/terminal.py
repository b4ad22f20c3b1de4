"""The terminal the app runs in: refuse to start without one, and end when it goes.

* `ssh host ncsi` (no `-t`), `ssh -T`, `ncsi </dev/null` have no terminal; Textual would
  start anyway and never notice that nobody is there. The CLI refuses to start the app
  then (exit 2, "use ssh -t": ``ncsi_tui.cli.commands.open.terminal_problem``).
* :class:`TerminalDriver`: Textual's Linux driver, ended by the terminal's end. Textual
  8's input thread loops on a terminal that reads end-of-file (a busy loop that burns a
  core for ever when SIGHUP is ignored, as under ``nohup``) and dies silently on a read
  error; its writer thread dies on a write error and the app then blocks. Here an
  end-of-file or an error on either side ends the app as a hang-up does
  (:func:`ncsi_tui.app.screens.opening.hangup`: unsaved work saved, lock left).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import threading
from codecs import getincrementaldecoder
from typing import IO, Any

from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

#: After the terminal went, how long the hang-up save may take before the process ends.
GRACE_SECONDS = 10.0


class _GuardedFile:
    """The terminal's output file; a write error means the terminal is gone."""

    def __init__(self, file: IO[str], gone: Any) -> None:
        self._file = file
        self._gone = gone

    def write(self, text: str) -> int:
        try:
            return self._file.write(text)
        except (OSError, ValueError):
            self._gone()
            return 0

    def flush(self) -> None:
        try:
            self._file.flush()
        except (OSError, ValueError):
            self._gone()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class TerminalDriver(LinuxDriver):
    """LinuxDriver that ends the app when the terminal reads end-of-file or fails."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = _GuardedFile(self._file, self.terminal_gone)  # type: ignore[assignment]
        self._gone_once = threading.Event()

    def terminal_gone(self) -> None:
        """Save and end as on a hang-up; end anyway if that cannot happen in time."""
        if self._gone_once.is_set():
            return
        self._gone_once.set()
        from ncsi_tui.app.screens.opening import hangup  # saves, leaves the lock, exits

        timer = threading.Timer(GRACE_SECONDS, os._exit, (129,))
        timer.daemon = True
        timer.start()
        loop = getattr(self._app, "_loop", None)
        try:
            if loop is None or loop.is_closed():
                raise RuntimeError
            loop.call_soon_threadsafe(hangup)
        except RuntimeError:
            hangup()

    def run_input_thread(self) -> None:
        """Textual's input loop (8.2), which also stops at end-of-file or a read error."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        try:
            while not self.exit_event.is_set():
                for _key, mask in selector.select(0.1):
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 1024 * 4)
                    except OSError:
                        data = b""
                    if not data:  # end of file: the terminal is gone
                        self.terminal_gone()
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            with contextlib.suppress(Exception):
                selector.close()
