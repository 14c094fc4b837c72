import gc
import threading

from actiontrack.lib.garbage import RENDER_THRESHOLD, fewer_collections


def test_the_threshold_is_raised_while_any_render_runs_and_restored_after_the_last():
    usual = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def long_render():
        with fewer_collections():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=long_render)
    other.start()
    inside.wait(5)
    with fewer_collections():
        assert gc.get_threshold() == (RENDER_THRESHOLD, *usual[1:])
    assert gc.get_threshold()[0] == RENDER_THRESHOLD  # the other render is still running
    release.set()
    other.join(5)
    assert gc.get_threshold() == usual


def test_the_threshold_is_restored_when_a_render_fails():
    usual = gc.get_threshold()
    try:
        with fewer_collections():
            raise ValueError("bad template")
    except ValueError:
        pass
    assert gc.get_threshold() == usual
