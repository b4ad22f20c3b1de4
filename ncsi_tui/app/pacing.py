"""How often a worker that reads many files hands its rows to a table.

Each batch added to a DataTable re-draws every visible cell (Textual's render caches are
keyed by the table's update count), and the drawing takes the same interpreter lock as
the reading: handing rows over ten times a second made filling 1,000 rows take three
times as long as reading them (issue 24). :class:`Pace` hands them over at once while
the screen is not yet full, then about once a second. Used by the start screen and the
regional overview screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: Seconds between batches while the screen is not yet full, and after.
FIRST_ROWS_EVERY = 0.1
ROWS_EVERY = 1.0


@dataclass
class Pace:
    """Whether the next batch is due: call :meth:`due` after each row read. `clock` gives
    seconds (monotonic; a test passes its own)."""

    screenful: int = 24
    handed: int = 0
    clock: Callable[[], float] = time.monotonic
    _last: float | None = None

    def __post_init__(self) -> None:
        self._last = self.clock()

    def due(self, read: int, waiting: int) -> bool:
        """True (and counted as handed) when `waiting` rows should go to the table now:
        the first two rows at once, then every 0.1 s until a screenful was handed, then
        every second. `read` is how many files were read so far."""
        if not waiting:
            return False
        wait = FIRST_ROWS_EVERY if self.handed < self.screenful else ROWS_EVERY
        now = self.clock()
        if read < 3 or self._last is None or now - self._last > wait:
            self.handed += waiting
            self._last = now
            return True
        return False
