"""The app's own files: script templates, the demo, fonts, icons, catalogues, the phone page.

``FOLDER`` is this package's folder, found from its ``__file__``. That holds for a
source checkout, an installed wheel and the PyInstaller bundle (which copies
``resources/`` whole beside the frozen package, packaging/papelografo.spec).
``importlib.resources`` would find the same folder, but importing it costs about
10 ms before the first paint of the window (bench/startup.py).
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
