"""The peak of resident memory that the bench reads per URL (Linux /proc)."""

import pytest

from bench import memory

pytestmark = pytest.mark.skipif(memory.peak_mb() is None, reason="no /proc here")


def test_the_peak_rises_with_an_allocation_and_falls_back_when_reset():
    memory.reset_peak()
    before = memory.peak_mb()
    block = bytearray(64 * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])  # touch every page: resident, not only reserved
    del block
    assert memory.peak_mb() >= before + 60
    memory.reset_peak()
    assert memory.peak_mb() < before + 30


def test_a_process_without_workers_has_none():
    assert memory.workers(1 << 22) == []
