"""An export never replaces the process file, its -wal/-shm, or any other process file."""

from __future__ import annotations

import os

import pytest

from facilitator.app import main
from facilitator.demo import build_demo


def _intact(path) -> bool:
    from facilitator.document import ProcessDocument

    doc = ProcessDocument.open(path)
    try:
        return doc.store.integrity_ok() and len(doc.workshops()) >= 1
    finally:
        doc.close()


@pytest.mark.parametrize("flag", ["--pdf", "--xlsx", "--docx", "--json"])
@pytest.mark.parametrize("target", ["self", "wal", "shm", "other", "symlink", "dotdot", "upper"])
def test_cli_refuses_a_process_file_as_target(tmp_path, capsys, flag, target):
    demo = build_demo(tmp_path / "t.taller")
    other = build_demo(tmp_path / "otro.taller")
    before_other = other.read_bytes()
    (tmp_path / "sub").mkdir()
    if target == "symlink":
        os.symlink(demo, tmp_path / "enlace.pdf")
    out = {"self": demo, "wal": f"{demo}-wal", "shm": f"{demo}-shm", "other": other,
           "symlink": tmp_path / "enlace.pdf", "dotdot": tmp_path / "sub" / ".." / "t.taller",
           "upper": tmp_path / "NUEVO.TALLER"}[target]
    code = main(["export", str(demo), flag, str(out), *(["--full"] if flag == "--json" else [])])
    err = capsys.readouterr().err
    assert code != 0
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "proceso" in err
    assert _intact(demo)
    assert other.read_bytes() == before_other
    assert not (tmp_path / "NUEVO.TALLER").exists()
    assert not list(tmp_path.glob(".*.part"))


def test_cli_refuses_two_formats_on_one_file(tmp_path, capsys):
    demo = build_demo(tmp_path / "t.taller")
    code = main(["export", str(demo), "--pdf", str(tmp_path / "x"), "--docx", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code != 0 and "x" in err and err.count("\n") == 1


def test_dialog_refuses_a_symlink_to_the_process(diagnostic, qtbot, tmp_path, monkeypatch):
    from qtshared.dialogs import Dialogs
    from facilitator.ui.export_dialog import ExportDialog
    from qtshared.undo import UndoAdapter

    shown = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    doc, _wid = diagnostic
    os.symlink(doc.path, tmp_path / "informe.pdf")
    dialog = ExportDialog(doc, UndoAdapter(doc))
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path / "informe"))
    dialog.export_button.click()
    assert shown and "proceso" in shown[0]
    assert dialog.thread is None and dialog.export_button.isEnabled()
    assert doc.store.integrity_ok() and doc.workshops()
    assert os.path.islink(tmp_path / "informe.pdf")


@pytest.mark.parametrize("target", ["devnull", "fifo", "folder", "dangling", "csv_on_file"])
def test_cli_refuses_targets_that_are_not_regular_files(tmp_path, capsys, target):
    """Renaming a report over a device, a pipe or a link to one (/dev/stdout) would replace it."""
    demo = build_demo(tmp_path / "t.taller")
    (tmp_path / "carpeta").mkdir()
    os.mkfifo(tmp_path / "tubo")
    os.symlink(tmp_path / "no-existe" / "x", tmp_path / "roto.pdf")
    (tmp_path / "nota.txt").write_text("mío", encoding="utf-8")
    flag, out = {"devnull": ("--pdf", "/dev/null"), "fifo": ("--pdf", tmp_path / "tubo"),
                 "folder": ("--docx", tmp_path / "carpeta"), "dangling": ("--pdf", tmp_path / "roto.pdf"),
                 "csv_on_file": ("--csv", tmp_path / "nota.txt")}[target]
    code = main(["export", str(demo), flag, str(out)])
    err = capsys.readouterr().err
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err
    assert os.path.islink(tmp_path / "roto.pdf") and (tmp_path / "nota.txt").read_text(encoding="utf-8") == "mío"
    assert os.path.exists("/dev/null") and not list(tmp_path.glob(".*.part"))
