"""The phone page in a real browser: join by the QR's link, send, see, edit, withdraw, vote."""

from __future__ import annotations

import pytest

from browser import phone_browser
from capture_helpers import start, workshop_file
from facilitator.capture import items as capture
from facilitator.document import ProcessDocument

TRICKY = "Acceso a salud ñandú 🎉 <script>document.title='pwned'</script> <img src=x onerror=alert(1)>"


def wait_for(driver, condition, timeout: float = 10.0):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page re-renders its lists after each answer: an element read mid-render is simply read again.
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def type_into(driver, element, text: str) -> None:
    """Emoji are outside the BMP, which chromedriver's send_keys refuses: set the value as a user agent would."""
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          element, text)


@pytest.fixture
def driver():
    d = phone_browser("es-CL")
    yield d
    d.quit()


def board_texts(path) -> list[str]:
    doc = ProcessDocument.open(path)
    try:
        return [r["text"] for r in doc.store.query("SELECT text FROM note ORDER BY rowid")]
    finally:
        doc.close()


def test_join_send_escape_edit_withdraw_and_vote_in_chromium(room, driver):
    from selenium.webdriver.common.by import By

    group = room.passes[1]
    driver.get(room.url(group))
    wait_for(driver, lambda d: d.find_element(By.ID, "block").text == "Identificar desafíos")
    assert driver.find_element(By.ID, "group").text == "Grupo 2"
    assert driver.find_element(By.CSS_SELECTOR, "label[for=text]").text == "Tu post-it"
    assert driver.find_element(By.ID, "zones").is_displayed() is False  # the block fixes the zone

    area = driver.find_element(By.ID, "text")
    type_into(driver, area, TRICKY)
    driver.find_element(By.ID, "send-button").click()
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mine li")) == 1)
    shown = driver.find_element(By.CSS_SELECTOR, "#mine li .text")
    assert shown.text == TRICKY  # shown as text, not run
    assert shown.find_elements(By.TAG_NAME, "script") == [] and shown.find_elements(By.TAG_NAME, "img") == []
    assert driver.title != "pwned"
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert board_texts(room.path) == [TRICKY]

    area.send_keys("Segunda nota: trámites lentos")
    driver.find_element(By.ID, "send-button").click()
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mine li")) == 2)

    # Edit the second one, then withdraw it.
    second = driver.find_elements(By.CSS_SELECTOR, "#mine li")[1]
    second.find_element(By.XPATH, ".//button[text()='Editar']").click()
    editor = driver.find_element(By.CSS_SELECTOR, "#mine li textarea")
    editor.clear()
    editor.send_keys("Trámites muy lentos")
    driver.find_element(By.XPATH, "//button[text()='Guardar']").click()
    wait_for(driver, lambda d: "Trámites muy lentos" in [e.text for e in d.find_elements(By.CSS_SELECTOR, "#mine .text")])
    assert board_texts(room.path) == [TRICKY, "Trámites muy lentos"]
    driver.find_elements(By.CSS_SELECTOR, "#mine li")[1].find_element(By.XPATH, ".//button[text()='Retirar']").click()
    driver.switch_to.alert.accept()
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#mine li")) == 1)
    assert board_texts(room.path) == [TRICKY]

    # The facilitator opens a vote: the page hears it over server-sent events.
    doc = ProcessDocument.open(room.path)
    try:
        doc.execute(capture.set_switch(doc, room.session_id, "voting", True))
    finally:
        doc.close()
    room.refresh_phones()
    wait_for(driver, lambda d: d.find_element(By.ID, "vote").is_displayed())
    assert driver.find_element(By.ID, "dots").text == "Te quedan 3 votos de 3."
    driver.find_element(By.CSS_SELECTOR, "#ballot li button:last-child").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "dots").text == "Te quedan 2 votos de 3.")
    doc = ProcessDocument.open(room.path)
    try:
        assert doc.store.scalar("SELECT votes FROM note") == 1
    finally:
        doc.close()


def test_the_page_speaks_english_to_an_english_phone_and_says_when_capture_closed(tmp_path):
    from selenium.webdriver.common.by import By

    path, wid, blocks = workshop_file(tmp_path)
    server = start(path, wid, blocks["identificar_desafios"])
    d = phone_browser("en-GB")
    try:
        d.get(server.url(server.passes[0]))
        wait_for(d, lambda d: d.find_element(By.ID, "block").text == "Identificar desafíos")  # typed text stays as typed
        assert d.find_element(By.ID, "send-button").text == "Send"
        assert d.execute_script("return document.documentElement.lang") == "en"
        server.stop()
        wait_for(d, lambda d: d.find_element(By.ID, "banner").text == "Capture has closed. Thank you for taking part.")
        assert not d.find_element(By.ID, "send").is_displayed()
    finally:
        d.quit()
        server.stop()


def test_the_short_code_leads_to_the_same_page(room, driver):
    from selenium.webdriver.common.by import By

    driver.get(room.base_url() + "/")
    code = driver.find_element(By.ID, "code")
    code.send_keys(room.passes[2].code.lower())
    driver.find_element(By.CSS_SELECTOR, "#join button").click()
    wait_for(driver, lambda d: d.find_element(By.ID, "group").text == "Grupo 3")
    assert driver.current_url == room.url(room.passes[2])
