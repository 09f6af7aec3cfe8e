"""Scripts the bundled fonts lack are drawn with the system's fonts; what no font has is named, with a warning.

Where a machine has no font for a script the drawing check of that script is
skipped (scripts/setup.sh test installs small ones on Debian); the warning is
checked everywhere.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from pypdf import PdfReader

from exports import fonts
from exports.jobs import ExportRequest, run_export
from facilitator import board
from facilitator.app import main

SAMPLES = {
    "chino": "中文：移民家庭需要更多信息",
    "japonés": "日本語：ひらがなとカタカナ",
    "coreano": "한국어: 이주민 가족",
    "tailandés": "ภาษาไทย: ครอบครัว",
    "devanagari": "हिन्दी: प्रवासी परिवार",
    "bitcoin": "Precio en ₿ 0,001",
}
NO_FONT = "\U0010fffd"  # private use, plane 16: no font has it


def _system_font_exists(text: str) -> bool:
    """Asked of fontconfig directly (not of the code under test): does some TrueType font hold ``text``?"""
    fc_list = shutil.which("fc-list")
    fonts.register_fonts()
    lacking = sorted({ord(ch) for ch in text if not (fonts.has_glyph(fonts.SANS, ch) or fonts.has_glyph(fonts.EMOJI, ch))})
    if not lacking:
        return True
    if fc_list is None:
        return False
    done = subprocess.run([fc_list, ":charset=" + " ".join(f"{c:x}" for c in lacking), "file"],
                          capture_output=True, text=True, timeout=30)
    return any(line.strip().lower().endswith((".ttf:", ".ttc:")) for line in done.stdout.splitlines())


@pytest.mark.parametrize("script", SAMPLES)
def test_each_script_is_drawn_by_a_font_that_has_it(script):
    text = SAMPLES[script]
    if not _system_font_exists(text):
        pytest.skip(f"no font for {script} on this machine")
    markup = fonts.markup(text)
    assert "[" not in markup  # no Unicode-name placeholder
    for ch in text:
        assert fonts.has_glyph(fonts.font_for(ch), ch)


def _note_doc(diagnostic, texts):
    doc, wid = diagnostic
    canvas = doc.canvases(wid)[0]
    doc.execute(board.add_notes(doc, canvas["id"], "desafios", None, texts))
    return doc


def test_the_pdf_embeds_and_extracts_every_script(diagnostic, tmp_path):
    present = {k: v for k, v in SAMPLES.items() if _system_font_exists(v)}
    if not present:
        pytest.skip("no system font for any of the scripts")
    doc = _note_doc(diagnostic, list(present.values()))
    result = run_export(doc, ExportRequest(pdf=tmp_path / "r.pdf"))
    assert result.warnings == []
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    for script, sample in present.items():
        if script == "devanagari":  # shaped: reordered glyphs extract in visual order
            assert "प्रवासी" in text or "परिवार" in text
        else:
            assert sample.split(":")[-1].strip() in text, script
    assert "[CJK" not in text and "[HANGUL" not in text and "[THAI" not in text


def test_a_character_no_font_has_is_named_and_warned(diagnostic, tmp_path, capsys):
    doc = _note_doc(diagnostic, [f"Signo {NO_FONT} raro"])
    result = run_export(doc, ExportRequest(pdf=tmp_path / "r.pdf"))
    assert len(result.warnings) == 1 and "U+10FFFD" in result.warnings[0]
    assert "[U+10FFFD]" in "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    path = doc.path
    doc.close()
    assert main(["export", str(path), "--pdf", str(tmp_path / "r2.pdf")]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "aviso" in err and "U+10FFFD" in err


def test_without_system_fonts_scripts_become_names_with_a_warning(diagnostic, tmp_path, monkeypatch):
    """A machine with no font for these scripts: placeholders, never a crash, and one warning."""
    monkeypatch.setattr(fonts, "system_candidates", lambda *codes: [])
    monkeypatch.setattr(fonts, "_fallbacks", [])
    monkeypatch.setattr(fonts, "_fallback_cmaps", {})
    monkeypatch.setattr(fonts, "_asked", set())
    fonts.markup.cache_clear()
    doc = _note_doc(diagnostic, [SAMPLES["coreano"], SAMPLES["bitcoin"]])
    result = run_export(doc, ExportRequest(pdf=tmp_path / "r.pdf"))
    fonts.markup.cache_clear()
    assert len(result.warnings) == 1 and "HANGUL SYLLABLE" in result.warnings[0]
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "[HANGUL SYLLABLE I]" in text and "[BITCOIN SIGN]" in text
