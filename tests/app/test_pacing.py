"""Rows reach a table at once until the screen is full, then about once a second."""

from __future__ import annotations

from ncsi_tui.app.pacing import FIRST_ROWS_EVERY, ROWS_EVERY, Pace


def test_batches_are_quick_until_a_screenful_then_once_a_second() -> None:
    now = [100.0]
    pace = Pace(screenful=4, clock=lambda: now[0])
    assert pace.due(1, 1) and pace.due(2, 1)  # the first rows at once
    assert not pace.due(3, 1)  # same instant: wait
    now[0] += FIRST_ROWS_EVERY * 1.5
    assert pace.due(4, 2) and pace.handed == 4  # a screenful handed
    now[0] += FIRST_ROWS_EVERY * 1.5
    assert not pace.due(5, 1)  # now a second between batches
    now[0] += ROWS_EVERY
    assert pace.due(6, 2) and pace.handed == 6
    assert not pace.due(7, 0)  # nothing waiting is never due
