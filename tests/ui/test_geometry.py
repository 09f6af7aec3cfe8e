"""Where the main window opens: maximised on a small screen, a saved place clamped to the screen (pure)."""

from facilitator.ui.geometry import MINIMUM, Placement, Rect, clamp, first_placement, placement


def test_small_screens_open_maximised():
    for screen in (Rect(0, 0, 1024, 768), Rect(0, 0, 1366, 768), Rect(0, 0, 1280, 720)):
        assert first_placement(screen) == Placement(screen, True)


def test_large_screens_open_comfortable_and_centred():
    where = first_placement(Rect(0, 0, 1920, 1080))
    assert where == Placement(Rect(320, 140, 1280, 800), False)


def test_a_saved_geometry_that_does_not_fit_is_clamped():
    # Saved on a 1920×1200 screen, then opened on the 1024×768 projector laptop.
    where = placement([500, 300, 1440, 1153, False], Rect(0, 0, 1024, 768))
    assert where.rect == Rect(0, 0, 1024, 768) and not where.maximised
    assert clamp(Rect(900, 700, 1000, 700), Rect(0, 0, 1366, 768)) == Rect(366, 68, 1000, 700)
    assert clamp(Rect(-50, -20, 400, 300), Rect(0, 0, 1366, 768)) == Rect(0, 0, *MINIMUM)


def test_garbage_in_settings_means_a_first_start():
    screen = Rect(0, 0, 1366, 768)
    for saved in (None, [], ["a", 1, 2, 3, True], [0, 0, 0, 0, False], 7):
        assert placement(saved, screen) == first_placement(screen)


def test_the_minimum_size_fits_a_1024_by_768_screen():
    assert MINIMUM[0] <= 1000 and MINIMUM[1] <= 700
