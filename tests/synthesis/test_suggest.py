"""Sugerir agrupaciones: normalisation, the labelled pairs, clustering, ranking, accept/reject, CLI (no Qt)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.synthesis import suggest as S

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "synthesis_pairs.tsv"


def test_normalisation_folds_case_accents_stop_words_lemmas_and_synonyms():
    syn = S.Synonyms([("colegio", "escuela"), ("trabajo", "empleo")])
    assert S.normalise("No hay FACILITADORES interculturales en los Colegios", syn) == \
        S.normalise("facilitador intercultural escuela", syn)
    assert S.normalise("Más trabajo informal", syn) == S.normalise("mas empleos informales", syn)
    assert S.normalise("Schools lack intercultural facilitators") == ["school", "lack", "intercultural", "facilitator"]
    # A phrase can be a synonym too, and chains join.
    syn = S.Synonyms([("oficina de migrantes", "OMM"), ("OMM", "oficina migrante")])
    assert S.normalise("la oficina de migrantes", syn) == S.normalise("la OMM", syn) == \
        S.normalise("una oficina migrante", syn)


def test_typos_still_match():
    a, b = S.normalise("Discriminación en la contratación"), S.normalise("discriminasion en la contratacion")
    assert S.similarity(a, b) == 1.0


def pair_scores(threshold: float) -> tuple[float, float, int]:
    with PAIRS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    tp = fp = fn = 0
    for r in rows:
        predicted = S.similarity(S.normalise(r["a"]), S.normalise(r["b"])) >= threshold
        same = r["same"] == "1"
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
    return tp / max(1, tp + fp), tp / max(1, tp + fn), len(rows)


def test_labelled_pairs_precision_and_recall_at_the_default_threshold(capsys):
    precision, recall, n = pair_scores(S.DEFAULT_THRESHOLD)
    with capsys.disabled():
        print(f"\nlabelled pairs: {n}; at threshold {S.DEFAULT_THRESHOLD}: precision {precision:.2f}, "
              f"recall {recall:.2f}")
    assert n >= 60
    assert precision >= 0.8
    assert recall >= 0.6
    # The set can tell a bad scorer apart: a threshold that accepts everything fails it.
    assert pair_scores(0.0)[0] < 0.8


def notes(*specs):
    return [S.NoteIn(f"n{i}", text, group, group, workshop, workshop, votes)
            for i, (text, group, workshop, votes) in enumerate(specs)]


ROOM = notes(
    ("No hay facilitadores interculturales en los colegios", "g1", "w1", 2),
    ("Faltan facilitadores interculturales en las escuelas", "g2", "w1", 5),
    ("Colegios sin facilitadores interculturales", "g3", "w2", 1),
    ("Arriendos abusivos y hacinamiento", "g1", "w1", 1),
    ("Hacinamiento y arriendos abusivos en piezas", "g1", "w1", 0),
    ("Fondos regionales disponibles", "g2", "w1", 0),
    ("La radio comunitaria difunde campañas", "g3", "w2", 0),
)


def test_clusters_rank_by_groups_spanned_and_carry_labels_and_the_most_voted_note_first():
    found = S.Suggester(ROOM, [("colegio", "escuela")]).clusters()
    assert [sorted(s.note_ids) for s in found] == [["n0", "n1", "n2"], ["n3", "n4"]]
    top = found[0]
    assert top.notes[0].text.startswith("Faltan")  # most votes first
    assert top.groups == ["g1", "g2", "g3"] and top.workshops == ["w1", "w2"]
    assert set(top.label) >= {"facilitadores", "interculturales"}
    assert 0 < top.score <= 1


def test_threshold_and_size_cap():
    suggester = S.Suggester(ROOM, [("colegio", "escuela")])
    strict = suggester.clusters(threshold=0.95)
    loose = suggester.clusters(threshold=0.3)
    assert sum(len(s.notes) for s in strict) <= sum(len(s.notes) for s in loose)
    assert all(len(s.notes) <= 2 for s in suggester.clusters(cap=2))


def test_rejected_and_already_used_notes_are_not_suggested_again():
    suggester = S.Suggester(ROOM, [("colegio", "escuela")])
    first = suggester.clusters()[0]
    assert first.signature not in {s.signature for s in suggester.clusters(hide=[first.signature])}
    rest = suggester.clusters(exclude_notes=["n3"])
    assert all("n3" not in s.note_ids for s in rest)


def test_a_carried_copy_is_not_its_own_suggestion():
    carried = notes(("Falta de intérpretes", "g1", "w1", 0), ("Otra idea distinta", "g2", "w1", 0))
    carried.append(S.NoteIn("copy", "Falta de intérpretes", "g9", "g9", "w2", "w2", 0, origin_id="n0"))
    assert S.Suggester(carried).clusters() == []


def test_accept_makes_a_finding_in_one_undo_step_and_reject_is_kept(diagnostic):
    from facilitator.commands import InsertRow, Macro
    from facilitator.synthesis import findings as F
    from facilitator.synthesis import tables as T

    doc, wid = diagnostic
    pid = doc.process["id"]
    canvas = doc.canvases(wid)[0]["id"]
    groups = [InsertRow("workgroup", {"workshop_id": wid, "name": f"Grupo {k}"}) for k in (1, 2)]
    doc.execute(Macro(groups))
    doc.execute(Macro([InsertRow("note", {"canvas_id": canvas, "zone": "desafios", "group_id": g.id, "text": text})
                       for g, text in zip(groups, ("No hay intérpretes de creole en el CESFAM",
                                                   "En el CESFAM no hay intérpretes de creole"))]))
    found = S.Suggester(S.load_notes(doc.store, pid)).clusters()
    assert len(found) == 1 and found[0].groups == ["Grupo 1", "Grupo 2"]
    macro = S.accept(doc.store, pid, found[0])
    doc.execute(macro)
    [finding] = F.findings(doc.store, pid)
    assert finding["kind"] == "desafio" and finding["statement"] == found[0].notes[0].text
    assert F.all_counts(doc.store, pid)[finding["id"]].groups == 2
    assert S.linked_notes(doc.store, pid) == set(found[0].note_ids)
    macro.undo(doc.store)
    assert F.findings(doc.store, pid) == [] and doc.store.scalar("SELECT count(*) FROM finding_source") == 0
    doc.execute(T.reject(pid, found[0].signature))
    assert S.Suggester(S.load_notes(doc.store, pid)).clusters(hide=T.rejected(doc.store, pid)) == []


def cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from facilitator.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.taller")


def test_cli_suggest_prints_clusters_and_json(demo_file):
    out = cli("suggest", str(demo_file))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("1. ") and "grupos" in out.stdout
    out = cli("suggest", str(demo_file), "--json", "--threshold", "0.6")
    data = json.loads(out.stdout)
    assert data and {"signature", "label", "score", "groups", "workshops", "notes"} <= set(data[0])
    assert all(s["score"] >= 0.6 for s in data)
    one = json.loads(cli("suggest", str(demo_file), "--json", "--workshop", "2").stdout)
    assert one and all(s["workshops"] == ["Taller FODA con la mesa comunal de migración"] for s in one)
    assert all(set(n) == {"id", "text", "group", "workshop", "votes"} for s in data for n in s["notes"])
    bad = cli("suggest", str(demo_file), "--threshold", "2")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "umbral" in bad.stderr
