"""One export request, run the same way from the CLI and the GUI.

The process is read once into a ``Report`` (anonymised there), then each
requested format is written atomically. Progress goes to a callback as a
fraction of the whole job with a short label, for the GUI's progress bar.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from facilitator.document import ProcessDocument
from facilitator.i18n import Translator

from .atomic import ExportProblem
from .model import Report, load_report
from .privacy import MIN_GROUP
from .targets import check_targets

Progress = Callable[[float, str], None]

# Rough share of the job's time per format (the PDF dominates).
_WEIGHTS = {"pdf": 6.0, "xlsx": 1.0, "csv": 0.5, "docx": 1.5, "json": 1.0, "json_anonymous": 1.0, "decidim": 0.2,
            "open_data": 0.5}


_LABELS = {"decidim": "Decidim", "open_data": "ZIP", "json_anonymous": "JSON"}


@dataclass
class ExportRequest:
    pdf: Path | None = None
    xlsx: Path | None = None
    csv_dir: Path | None = None
    docx: Path | None = None
    json: Path | None = None
    json_anonymous: Path | None = None  # the exchange format without personal data (exports.exchange_anonymous)
    decidim: Path | None = None  # the plan for Decidim's accountability importer (exports/decidim.py)
    open_data: Path | None = None  # the public tables as a ZIP with a data dictionary (exports/opendata.py)
    workshop_id: str | None = None
    anonymous: bool = True
    lang: str = "es"
    sections: tuple[str, ...] | None = None  # None: the synthesised report if the process has one, else the record
    decidim_statuses: dict[str, int] = field(default_factory=dict)  # monitoring status → Decidim status id
    min_group: int = MIN_GROUP  # k: see exports.privacy
    full_json: bool = False  # the JSON exchange copy with every name and contact (personal data)

    def targets(self) -> list[Path]:
        """The files and folders this request writes."""
        return [Path(v) for v in (self.pdf, self.xlsx, self.csv_dir, self.docx, self.json, self.json_anonymous,
                                  self.decidim, self.open_data) if v is not None]

    def formats(self) -> list[str]:
        return [k for k, v in (("pdf", self.pdf), ("xlsx", self.xlsx), ("csv", self.csv_dir),
                               ("docx", self.docx), ("json", self.json), ("json_anonymous", self.json_anonymous),
                               ("decidim", self.decidim), ("open_data", self.open_data)) if v is not None]


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)  # written, but not all exactly as asked


def run_report(report: Report | None, req: ExportRequest, progress: Progress | None = None,
               doc: ProcessDocument | None = None) -> ExportResult:
    """Write the requested formats from an already loaded report (the GUI loads it first)."""
    t = Translator(req.lang)
    formats = req.formats()
    from .sections import resolve

    sections = resolve(req.sections, report)
    total = sum(_WEIGHTS[f] for f in formats) or 1.0
    done = 0.0
    result = ExportResult()

    def report_progress(fmt: str, fraction: float) -> None:
        if progress is not None:
            progress(min(1.0, (done + _WEIGHTS[fmt] * fraction) / total), _LABELS.get(fmt) or fmt.upper())

    for fmt in formats:
        report_progress(fmt, 0.0)
        if fmt == "pdf":
            from .pdf import write_pdf

            write_pdf(report, req.pdf, progress=lambda n, m: report_progress("pdf", n / m), sections=sections)
            result.written.append(Path(req.pdf))
            result.pages = _pages(req.pdf)
        elif fmt == "xlsx":
            from .xlsx import write_xlsx

            write_xlsx(report, req.xlsx)
            result.written.append(Path(req.xlsx))
        elif fmt == "csv":
            from .csvout import write_csv

            result.written += write_csv(report, req.csv_dir)
        elif fmt == "docx":
            if sections is None:
                from .docx import write_docx

                write_docx(report, req.docx)
            else:
                from .docx_synthesis import write_synthesis_docx

                write_synthesis_docx(report, req.docx, sections)
            result.written.append(Path(req.docx))
        elif fmt == "json":
            from .exchange import write_json

            if doc is None:
                raise ValueError("the JSON exchange export needs the document")
            write_json(doc, req.json)
            result.written.append(Path(req.json))
        elif fmt == "json_anonymous":
            from .atomic import write_bytes
            from .exchange_anonymous import export_anonymised_json

            if doc is None:
                raise ValueError("the anonymised exchange copy needs the document")
            write_bytes(req.json_anonymous, export_anonymised_json(doc, min_group=req.min_group, lang=req.lang))
            result.written.append(Path(req.json_anonymous))
        elif fmt == "decidim":
            from .decidim import write_decidim

            write_decidim(report, req.decidim, req.decidim_statuses)
            result.written.append(Path(req.decidim))
        elif fmt == "open_data":
            from .opendata import write_open_data

            write_open_data(report, req.open_data)
            result.written.append(Path(req.open_data))
        done += _WEIGHTS[fmt]
        report_progress(fmt, 0.0)
    if progress is not None:
        progress(1.0, t("Listo"))
    result.warnings = list(report.warnings) if report is not None else []
    return result


def check_request(req: ExportRequest, source: os.PathLike[str] | str | None) -> None:
    """Refuse, before anything is read or written, targets that are process files and a JSON copy not chosen."""
    check_targets(req.targets(), source, folders=(req.csv_dir,) if req.csv_dir is not None else ())
    if req.json is not None and not req.full_json:
        raise ExportProblem(Translator(req.lang)(
            "La copia completa del proceso (JSON) contiene datos personales: hay que elegirla expresamente."))


def run_export(doc: ProcessDocument, req: ExportRequest, progress: Progress | None = None) -> ExportResult:
    check_request(req, doc.path)
    # the exchange copies are the file's rows: they never read the (anonymised) report
    needs_report = any(f not in ("json", "json_anonymous") for f in req.formats())
    report = load_report(doc, workshop_id=req.workshop_id, anonymous=req.anonymous, lang=req.lang,
                         min_group=req.min_group) if needs_report else None
    return run_report(report, req, progress, doc)


def _pages(path: os.PathLike[str] | str) -> int | None:
    """Page count of a PDF we wrote (for the closing message), without a PDF library."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data)) or None
