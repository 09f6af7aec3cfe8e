"""Benchmark: importing 20 flipchart photos of 12 MP into a process file.

Generates phone-like 4000 × 3000 JPEGs first (not timed): a lit wall and a
flipchart sheet, rows of post-its with handwriting-like strokes, marker
headings, lens softness, sensor noise, saved at quality 92 with EXIF (some
turned by orientation 6, as portrait shots are) — so each file weighs what a
phone's does (about 3–5 MB), not what a flat test image would.

Then, for each mode — default (reduced copy only) and keep-original — it times
what the app does on import: ``photos.prepare_many`` (parallel decode, turn,
reduce, re-encode) plus storing all photos as one committed command, and reports
how much the closed process file grew.

Goals: 20 photos in under 10 s; the file grows by under 20 MB in the default mode.
A second, noisier set (dim room, about 5–6 MB per photo) is reported as a stress case.

    python bench/photo_import.py [--n 20] [--keep-files DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageChops, ImageDraw, ImageFilter  # noqa: E402

from facilitator import photos as P  # noqa: E402
from facilitator.document import ProcessDocument  # noqa: E402
from facilitator.domain.templates import builtin_template  # noqa: E402
from facilitator.workshops import new_workshop  # noqa: E402

W, H = 4000, 3000
POSTIT = [(250, 225, 95), (130, 205, 235), (245, 160, 180), (165, 225, 145), (250, 180, 90)]
INK = [(25, 25, 30), (30, 45, 150), (165, 30, 30), (20, 110, 50)]


def flipchart_photo(seed: int, noise: float) -> bytes:
    """One phone-like photo of a flipchart (JPEG bytes)."""
    rnd = random.Random(seed)
    light = Image.radial_gradient("L").resize((W, H)).point(lambda v: 255 - v // 3)
    wall = Image.merge("RGB", [light.point(lambda v, k=k: v * k // 255) for k in (200, 190, 175)])
    draw = ImageDraw.Draw(wall)
    sx0, sy0 = rnd.randint(250, 450), rnd.randint(120, 260)
    sx1, sy1 = W - rnd.randint(250, 450), H - rnd.randint(120, 260)
    draw.rectangle([sx0, sy0, sx1, sy1], fill=(244, 243, 238))
    draw.line([(sx0 + 60, sy0 + 140), (sx1 - 60, sy0 + 140)], fill=INK[1], width=10)
    for k in range(rnd.randint(12, 20)):  # a marker heading
        x = sx0 + 120 + k * 70
        draw.line([(x, sy0 + 60), (x + 25, sy0 + 110), (x + 50, sy0 + 60)], fill=INK[rnd.randrange(2)], width=9)
    draw.line([((sx0 + sx1) // 2, sy0 + 180), ((sx0 + sx1) // 2, sy1 - 40)], fill=INK[0], width=6)
    for row in range(4):
        for col in range(7):
            if rnd.random() < 0.2:
                continue
            x = sx0 + 80 + col * 470 + rnd.randint(-30, 30)
            y = sy0 + 230 + row * 620 + rnd.randint(-30, 30)
            draw.rectangle([x, y, x + 380, y + 380], fill=rnd.choice(POSTIT))
            ink = rnd.choice(INK)
            for line in range(rnd.randint(3, 5)):
                yy = y + 60 + line * 70
                pts, xx = [], x + 30
                while xx < x + 340:
                    pts.append((xx, yy + rnd.randint(-14, 14)))
                    xx += rnd.randint(10, 22)
                draw.line(pts, fill=ink, width=7)
    im = wall.filter(ImageFilter.GaussianBlur(1.1))  # lens and phone processing soften edges
    grain = Image.effect_noise((W, H), noise).convert("RGB")
    im = ImageChops.add(im, grain, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 4 == 3 else 1
    exif.get_ifd(0x8769)[36867] = f"2026:03:04 10:{seed % 60:02d}:00"
    out = io.BytesIO()
    im.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def file_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def run_mode(paths: list[Path], folder: Path, keep_original: bool, workers: int | None) -> tuple[float, float, int]:
    """Seconds to prepare and store all photos, and the growth of the closed file in MB."""
    target = folder / f"bench-{'orig' if keep_original else 'default'}-{workers}.taller"
    target.unlink(missing_ok=True)
    doc = ProcessDocument.create(target, "Banco de pruebas")
    macro = new_workshop(doc, builtin_template("diagnostico"), lang="es")
    doc.execute(macro)
    doc.close()
    before = file_size(target)
    doc = ProcessDocument.open(target)
    start = time.perf_counter()
    results = P.prepare_many(paths, keep_original=keep_original, workers=workers)
    good = [r for r in results if isinstance(r, P.PreparedPhoto)]
    doc.execute(P.add_photos(doc, macro.workshop_id, good))
    elapsed = time.perf_counter() - start
    stored = doc.store.scalar("SELECT count(*) FROM photo")
    doc.close()
    grown = (file_size(target) - before) / 1e6
    target.unlink(missing_ok=True)
    return elapsed, grown, stored


def generate(folder: Path, n: int, noise: float, offset: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"IMG_{offset + i:04d}.jpg"
        if not path.exists():
            path.write_bytes(flipchart_photo(offset + i, noise))
        paths.append(path)
    return paths


def report(label: str, paths: list[Path], folder: Path) -> None:
    sizes = [p.stat().st_size / 1e6 for p in paths]
    print(f"\n{label}: {len(paths)} photos {W}×{H}, {sum(sizes) / len(sizes):.1f} MB each on average "
          f"({min(sizes):.1f}–{max(sizes):.1f}), {sum(sizes):.0f} MB in all")
    for keep in (False, True):
        secs, grown, stored = run_mode(paths, folder, keep, None)
        mode = "keep originals" if keep else "default       "
        print(f"  {mode}: {secs:5.2f} s  ({secs / len(paths) * 1000:4.0f} ms/photo), file grew {grown:6.1f} MB "
              f"({grown / len(paths):.2f} MB/photo), {stored} stored")
    secs, grown, _stored = run_mode(paths, folder, False, 1)
    print(f"  default, one thread: {secs:5.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--keep-files", type=Path, default=None, help="reuse/keep generated photos in this folder")
    args = parser.parse_args()
    folder = args.keep_files or Path(tempfile.mkdtemp(prefix="papelografo-photos-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}, long edge {P.MIN_LONG_EDGE}–{P.LONG_EDGE} px, JPEG quality {P.JPEG_QUALITY}, "
          f"HEIC support: {P.heif_available()}")
    t = time.perf_counter()
    typical = generate(folder, args.n, noise=9.0, offset=0)
    noisy = generate(folder, args.n, noise=16.0, offset=1000)
    print(f"(generated the test photos in {time.perf_counter() - t:.0f} s, not timed below)")
    report("Typical phone photos (goal: < 10 s; default mode grows the file < 20 MB)", typical, folder)
    report("Stress: noisy photos from a dim room", noisy, folder)
    if args.keep_files is None:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
