"""Bundled fonts for the PDF, and user text turned into safe reportlab markup.

Why bundled: reportlab's built-in fonts stop at Latin-1 and system fonts differ
between machines, so the report would change from laptop to laptop. DejaVu Sans
(four faces) sets the text; Noto Emoji (monochrome outlines, OFL) is the
fallback for the characters DejaVu lacks.

Scripts neither has (Chinese, Japanese, Korean, Thai, Devanagari, ₿ …) are drawn
with the system's fonts: a CJK font alone weighs 5–20 MB, too much to bundle,
and every desktop that shows such text has one. Fontconfig names them on Linux
(``fc-list :charset=…``); on Windows the fonts folder's usual fonts for each
script are tried. A found font is loaded once (TrueType outlines only: reportlab
cannot embed CFF) and then serves every character it has. A character no font
has is shown as its Unicode name in brackets, never dropped, and the export says
so in its messages (``missing_characters``).

Why escaped: reportlab's Paragraph parses markup, so a note reading ``<nombre>``
would vanish, ``AT&T`` would change and ``<img src=...>`` would embed a local
file. ``markup`` escapes every character of user text first and only then adds
the markup of its own (font runs and line breaks).

Also here: reportlab writes ToUnicode maps with one hex code per character, which
is wrong for characters beyond U+FFFF (PDF wants UTF-16), so emoji could not be
copied or extracted from the PDF. ``register_fonts`` installs a corrected map.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from resources import FOLDER as RESOURCES

SANS = "PapSans"
SANS_BOLD = "PapSans-Bold"
SANS_ITALIC = "PapSans-Oblique"
SANS_BOLD_ITALIC = "PapSans-BoldOblique"
EMOJI = "PapEmoji"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    EMOJI: "NotoEmoji-Regular.ttf",
}

# Line breaks as people type them on any system (CRLF first so it counts once).
LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
# Noncharacters that XML 1.0 (so XLSX and DOCX) cannot hold at all; shown as U+FFFD.
_NONCHAR = re.compile("[\ufffe\uffff]")
_SPACES = re.compile(r"  +")


def font_path(filename: str) -> str:
    """Real path of a bundled font (reportlab opens fonts by file name)."""
    return str(RESOURCES / "fonts" / filename)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with UTF-16BE codes (surrogate pairs above U+FFFF)."""
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper() if code >= 0 else "FFFD"

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", "<00> <%02X>" % (len(subset) - 1), "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(lines)


@lru_cache(maxsize=None)
def register_fonts() -> None:
    """Register the bundled fonts once per process (idempotent)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name, filename in _FILES.items():
        # Latin text needs no shaping: the bundled fonts keep their fast, unshaped layout.
        pdfmetrics.registerFont(TTFont(name, font_path(filename), shapable=False))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC,
                                  boldItalic=SANS_BOLD_ITALIC)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(EMOJI, bold, italic, EMOJI)


@lru_cache(maxsize=None)
def _cmap(font: str) -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charWidths)


def has_glyph(font: str, ch: str) -> bool:
    return ord(ch) in _cmap(font) if font in _FILES else ord(ch) in _fallback_cmaps.get(font, ())


# -- system fonts for the scripts the bundled ones lack ---------------------------------
_lock = threading.RLock()
_fallbacks: list[str] = []  # registered reportlab names, in the order they were found
_fallback_cmaps: dict[str, frozenset[int]] = {}
_tried: set[tuple[str, int]] = set()  # font files (and collection indexes) already loaded or refused
_asked: set[int] = set()  # characters fontconfig was already asked about
_missing: dict[str, None] = {}  # characters drawn as their name since the last reset, in order
# Each lookup runs fc-list once or twice (~10 ms): text full of characters no font has (random
# ideographs of a rare extension) stops asking after this many and shows the rest as names.
MAX_LOOKUPS = 256

# Windows has no fontconfig: the fonts that usually cover each script there (TrueType outlines).
WINDOWS_FONTS = ("msyh.ttc", "simsun.ttc", "msgothic.ttc", "meiryo.ttc", "malgun.ttf", "gulim.ttc",
                 "leelawad.ttf", "tahoma.ttf", "nirmala.ttf", "mangal.ttf", "seguisym.ttf", "arialuni.ttf")


def _fontconfig_candidates(*codes: int) -> list[tuple[str, int]]:
    """TrueType files (and collection indexes) that fontconfig says hold all ``codes``, regular faces first."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        done = subprocess.run([fc_list, ":charset=" + " ".join(f"{c:x}" for c in codes), "--format", "%{file}|%{index}|%{style}\n"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in done.stdout.splitlines():
        parts = line.split("|")
        if len(parts) >= 2 and parts[0].lower().endswith((".ttf", ".ttc")):
            style = parts[2] if len(parts) > 2 else ""
            plain = any(w in style for w in ("Regular", "Book", "Normal", "Medium")) or not style
            found.append((not plain, "Bold" in style or "Oblique" in style or "Italic" in style,
                          parts[0], int(parts[1] or 0)))
    return [(f, i) for _p, _b, f, i in sorted(found)]


def _windows_candidates() -> list[tuple[str, int]]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [(str(folder / name), 0) for name in WINDOWS_FONTS if (folder / name).is_file()]


def system_candidates(*codes: int) -> list[tuple[str, int]]:
    """Font files that may draw all ``codes`` on this machine (tests replace this to have none)."""
    if sys.platform.startswith("win"):
        return _windows_candidates()
    return _fontconfig_candidates(*codes)


def _load(path: str, index: int) -> str | None:
    """Register one system font with reportlab; its name, or None if reportlab cannot use it."""
    if (path, index) in _tried:
        return None
    _tried.add((path, index))
    name = f"PapSystem{len(_tried)}"
    try:
        # shaped with HarfBuzz when uharfbuzz is installed: Devanagari conjuncts and vowel signs, Thai marks
        font = TTFont(name, path, subfontIndex=index, shapable=True)
    except Exception:  # noqa: BLE001 - CFF outlines, a broken file, a collection index out of range
        return None
    pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    _fallbacks.append(name)
    _fallback_cmaps[name] = frozenset(font.face.charWidths)
    return name


def _system_font_for(code: int, neighbours: tuple[int, ...] = ()) -> str | None:
    """A system font for ``code``; ``neighbours`` (other characters of the same line that lack a font)
    are asked for together first, so that one font draws a whole run of Chinese rather than a symbol
    font that happens to hold its first character."""
    with _lock:
        for name in _fallbacks:
            if code in _fallback_cmaps[name]:
                return name
        if code in _asked or len(_asked) >= MAX_LOOKUPS:
            return None
        others = [c for c in neighbours if c != code and c not in _asked]
        script = _script(code)
        same = [code, *[c for c in others if _script(c) == script]][:8]  # CJK with CJK, Thai with Thai
        tries = [codes for codes in ([code, *others][:8], same) if len(codes) > 1]
        for codes in [*tries, [code]]:
            for path, index in system_candidates_for(codes):
                name = _load(path, index)
                if name is not None and code in _fallback_cmaps[name]:
                    _asked.add(code)
                    return name
        _asked.add(code)
        return None


def _script(code: int) -> str:
    """A character's script as the first word of its Unicode name (CJK, HIRAGANA, THAI, DEVANAGARI…)."""
    return unicodedata.name(chr(code), "?").split(" ")[0]


def system_candidates_for(codes: list[int]) -> list[tuple[str, int]]:
    return system_candidates(codes[0]) if len(codes) == 1 else system_candidates(*codes)


def reset_missing() -> None:
    """Start counting characters drawn as names afresh (one export)."""
    with _lock:
        _missing.clear()
    markup.cache_clear()  # a cached markup would not count its characters again


def missing_characters() -> list[str]:
    """Characters drawn as their Unicode name since ``reset_missing``, in order of first use."""
    with _lock:
        return list(_missing)


def _emoji_first(code: int) -> bool:
    """Pictographs look alike whatever DejaVu has of them: take them from the emoji font."""
    return (0x1F000 <= code <= 0x1FAFF or code in (0x200D, 0xFE0F, 0x20E3)
            or 0x1F1E6 <= code <= 0x1F1FF or 0xE0020 <= code <= 0xE007F)


def font_for(ch: str, neighbours: tuple[int, ...] = ()) -> str | None:
    """Which font draws ``ch``: a bundled one, else a system one (None: no font here has it)."""
    code = ord(ch)
    if _emoji_first(code) and code in _cmap(EMOJI):
        return EMOJI
    if code in _cmap(SANS):
        return SANS
    if code in _cmap(EMOJI):
        return EMOJI
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or 0xD800 <= code <= 0xDFFF:
        return None  # controls and format characters are never looked up among the system's fonts
    return _system_font_for(code, neighbours)


def replacement(ch: str) -> str:
    """Visible stand-in for a character no bundled font can draw."""
    name = unicodedata.name(ch, "") or f"U+{ord(ch):04X}"
    return f"[{name}]"


def visible(text: str) -> str:
    """User text with control characters shown as their control pictures (␀, ␛ …), not lost.

    U+FFFE and U+FFFF, which no XML file may hold, become the replacement character.
    """
    text = _NONCHAR.sub("\ufffd", text)
    return _CONTROL.sub(lambda m: chr(0x2400 + (ord(m.group()) % 0x80 if ord(m.group()) != 0x7F else 0x21)), text)


@lru_cache(maxsize=None)
def _sans_only() -> frozenset[str]:
    """The characters ``font_for`` gives to the text font (most text is made of nothing else)."""
    emoji = _cmap(EMOJI)
    return frozenset(chr(c) for c in _cmap(SANS) if not (_emoji_first(c) and c in emoji))


def sans_only(text: str) -> bool:
    """Can the text font draw every character of ``text`` (no font switch, no stand-in)?"""
    return not set(text).difference(_sans_only())


def _runs(line: str) -> str:
    """One line of text as escaped markup, switching font for characters DejaVu lacks."""
    if sans_only(line):  # the common case, without looking at each character in Python
        return escape(line)
    out: list[str] = []
    current: str | None = SANS
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        chunk = escape("".join(buf))
        out.append(chunk if current == SANS else f'<font name="{current}">{chunk}</font>')
        buf.clear()

    lacking: tuple[int, ...] | None = None
    for ch in line:
        if lacking is None and not (ord(ch) in _cmap(SANS) or ord(ch) in _cmap(EMOJI)):
            lacking = tuple(dict.fromkeys(ord(c) for c in line if ord(c) not in _cmap(SANS)
                                          and ord(c) not in _cmap(EMOJI)))
        font = font_for(ch, lacking or ())
        if font is None:
            flush()
            current = SANS
            with _lock:
                _missing.setdefault(ch, None)
            out.append(escape(replacement(ch)))
            continue
        if font != current:
            flush()
            current = font
        buf.append(ch)
    flush()
    return "".join(out)


@lru_cache(maxsize=8192)
def markup(text: str) -> str:
    """User text as reportlab Paragraph markup that shows exactly that text.

    Every character is escaped; line breaks become ``<br/>``; runs of spaces keep
    their width (non-breaking spaces after the first) instead of collapsing, and a
    tab shows as four spaces.
    """
    text = visible((text or "").replace("\t", "    "))
    lines = LINE_BREAKS.split(text)
    parts = [_runs(_SPACES.sub(lambda m: " " + "\u00a0" * (len(m.group()) - 1), line)) for line in lines]
    return "<br/>".join(parts)


PIECE_CHARS = 800
PIECE_LINES = 20


def pieces(text: str, chars: int = PIECE_CHARS, lines: int = PIECE_LINES) -> list[str]:
    """A long text cut into pieces of at most ``chars`` characters and ``lines`` lines, in order.

    Each piece becomes a paragraph of its own, so the PDF's cost stays linear in the
    text: reportlab splits a paragraph at a page break by copying and re-measuring
    all its remaining lines. Pieces end at a line break where possible, else after
    a sentence, else at a space (a word longer than ``chars`` is cut); joined with
    line breaks they give the text back, but for the one space at each such cut.
    """
    if len(text) <= chars and text.count("\n") < lines and not LINE_BREAKS.search(text.replace("\n", "")):
        return [text]
    out: list[str] = []
    buf: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal size
        if buf:
            out.append("\n".join(buf))
            buf.clear()
            size = 0

    for line in LINE_BREAKS.split(text):
        while len(line) > chars:
            flush()
            window = line[:chars]
            cut = max(window.rfind(". ", chars // 2), window.rfind("? ", chars // 2), window.rfind("! ", chars // 2))
            cut = cut + 1 if cut > 0 else window.rfind(" ", chars // 4)
            if cut <= 0:
                out.append(window)
                line = line[chars:]
            else:
                out.append(line[:cut])
                line = line[cut + 1:]
        if buf and (size + len(line) > chars or len(buf) >= lines):
            flush()
        buf.append(line)
        size += len(line) + 1
    flush()
    return out or [""]


def shown(text: str) -> str | None:
    """``text`` as ``markup`` shows it, unescaped, when that is one line in the text font; else None.

    Such text can skip reportlab's markup parser (see ``pdf.common.plain_para``).
    """
    text = visible((text or "").replace("\t", "    "))
    if not text or LINE_BREAKS.search(text) or not sans_only(text):
        return None
    return _SPACES.sub(lambda m: " " + "\u00a0" * (len(m.group()) - 1), text)


def plain(text: str) -> str:
    """Escape a short piece of our own text (labels, numbers) for Paragraph markup."""
    return _runs(text or "")
