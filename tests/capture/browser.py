"""Debian's chromium driven by selenium, offline (never a downloaded browser or driver)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"


def have_chromium() -> bool:
    return os.path.exists(CHROMIUM) and os.path.exists(DRIVER)


def phone_browser(lang: str = "es-CL", width: int = 360, height: int = 740):
    """A headless chromium the size of a small Android phone, speaking ``lang``."""
    if not have_chromium():
        pytest.skip("chromium and chromium-driver are not installed (scripts/setup.sh test installs them)")
    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must not try to download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--lang={lang}",
                f"--window-size={width},{height}", "--force-device-scale-factor=1", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_window_size(width, height)
    driver.implicitly_wait(0)
    return driver
