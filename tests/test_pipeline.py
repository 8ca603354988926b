"""The pipeline's process set-up for a run."""

from __future__ import annotations

import gc

from poscheck.pipeline import GC_THRESHOLD, settle_heap


def test_settle_heap_freezes_what_lives_and_collects_less_often() -> None:
    before = gc.get_threshold()
    try:
        settle_heap()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (max(before[0], GC_THRESHOLD), *before[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
