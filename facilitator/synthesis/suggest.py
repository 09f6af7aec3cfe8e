"""Sugerir agrupaciones: notes that say the same thing across groups and workshops, offline (no Qt).

The methods ask the team to "identify common patterns across groups". This
pipeline proposes them; the team decides (accepting one makes a finding,
rejecting hides it). Nothing leaves the laptop and nothing is downloaded:

1. **Normalise** each note (Spanish or English): lower case, words, stop words
   out, each word reduced to its lemma with ``simplemma`` (its dictionaries ship
   inside its wheel), accents folded, the process's synonyms applied
   (*colegio = escuela*), so "colegios" and "escuela" become one word.
2. **Score** pairs of notes that share a distinctive word (an inverted index
   keeps this far from all pairs): a weighted Dice overlap of their lemmas, where
   generic words of a diagnosis (*falta*, *problema*, *lack*) weigh little and two
   words that differ by a typo still match (``rapidfuzz``'s C ratio).
3. **Cluster** with average linkage: two clusters join while the mean
   similarity of all their pairs reaches the threshold (which the user moves)
   and the joined cluster stays within the size cap.
4. **Rank** clusters by how many distinct groups they span, then workshops,
   then size, and **label** each with the words its notes share.

``Suggester`` keeps the scored pairs, so moving the threshold re-clusters
without re-scoring.
"""

from __future__ import annotations

import hashlib
import heapq
from bisect import bisect_right
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

DEFAULT_THRESHOLD = 0.4
DEFAULT_CAP = 12
FLOOR = 0.3  # pairs scoring below this are unrelated (similarity 0); the lowest threshold offered
WEAK_WEIGHT = 0.3
TYPO_RATIO = 88  # two different lemmas this close (0-100) count as one word mistyped

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)

# Spanish and English function words (folded: no accents).
STOP_WORDS = frozenset("""
a al algo algun alguna algunas alguno algunos ante antes aqui asi aun aunque bien cada casi como con contra cual
cuales cuando de del desde donde dos e el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta
estaba estado estan estar estas este esto estos fue fueron ha habia han hasta hay la las le les lo los mas me mi
mientras mis mismo muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque pues que quien
quienes se sea segun ser si sido sin sino sobre son su sus tal tambien tan tanto te todo todos toda todas tras tu
tus un una unas uno unos y ya yo usted ustedes cual cuyo hacia durante mediante etc vez veces ademas
about after all also am an and any are as at be been before being between both but by can could did do does
doing down during each few for from further had has have having he her here hers him his how i if in into is it
its itself just me more most my no nor not now of off on once only or other our out over own same she should so
some such than that the their them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your
""".split())

# Words every diagnosis is full of: they alone never make two notes the same idea.
WEAK_WORDS = frozenset("""
falta faltar problema problemas mejorar mejor necesidad necesitar haber tener hacer poder deber existir existe
mayor menor mucho mucha muchos muchas poco pocos pocas persona personas gente comuna municipal municipio
migrante migrantes migracion nuevo bueno malo dificultad dificultades acceso tema caso casos aumento aumentar incremento
lack need needs problem problems improve better more less many much people person migrant migrants issue
without cannot every increase decrease
""".split())


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=50_000)
def lemma(word: str, lang: str = "es") -> str:
    """The folded lemma of one lower-case word in ``lang`` ("es" or "en")."""
    import simplemma

    try:
        found = simplemma.lemmatize(word, lang=lang)
    except (ValueError, KeyError):  # an unusual token: keep it as typed
        found = word
    return fold(found.casefold())


@lru_cache(maxsize=50_000)
def _known(word: str, lang: str) -> bool:
    import simplemma

    try:
        return bool(simplemma.is_known(word, lang=lang))
    except (ValueError, KeyError):
        return False


def language(words: Sequence[str]) -> str:
    """"en" when more of the words are English than Spanish; Spanish otherwise (the app's first language)."""
    en = sum(_known(w, "en") for w in words)
    es = sum(_known(w, "es") for w in words)
    return "en" if en > es else "es"


class Synonyms:
    """The process's synonym list as a map from a word (or phrase) to one canonical word.

    Chains join (*colegio = escuela*, *escuela = liceo* make all three one word).
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        parent: dict[tuple[str, ...], tuple[str, ...]] = {}

        def root(x: tuple[str, ...]) -> tuple[str, ...]:
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for a, b in pairs:
            ka, kb = _lemmas(a), _lemmas(b)
            if not ka or not kb or ka == kb:
                continue
            ra, rb = root(ka), root(kb)
            parent.setdefault(ra, ra)
            parent.setdefault(rb, rb)
            if ra != rb:
                keep, drop = sorted((ra, rb), key=lambda k: (len(k), k))
                parent[drop] = keep
        self.canonical = {k: "_".join(root(k)) for k in parent}
        self.longest = max((len(k) for k in self.canonical), default=0)

    def apply(self, tokens: list[str]) -> list[str]:
        if not self.canonical:
            return tokens
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self.longest, len(tokens) - i), 0, -1):
                key = tuple(tokens[i:i + size])
                if key in self.canonical:
                    out.append(self.canonical[key])
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if len(w) >= 2 and fold(w) not in STOP_WORDS]


def _lemmas(text: str) -> tuple[str, ...]:
    """Lemmas of every content word of ``text`` (stop words out), in order, in the text's language."""
    words = _content_words(text)
    lang = language(words)
    out = []
    for word in words:
        lem = lemma(word, lang)
        if lem and lem not in STOP_WORDS:
            out.append(lem)
    return tuple(out)


def normalise(text: str, synonyms: Synonyms | None = None) -> list[str]:
    """The words that carry a note's meaning, as comparable lemmas."""
    tokens = list(_lemmas(text))
    return synonyms.apply(tokens) if synonyms else tokens


def _weight(token: str) -> float:
    return WEAK_WEIGHT if token in WEAK_WORDS else 1.0


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Weighted Dice overlap of two normalised notes, 0..1 (words mistyped alike count as one)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    typo = _typo_map(sa | sb)
    sa, sb = {typo.get(t, t) for t in sa}, {typo.get(t, t) for t in sb}
    total = sum(_weight(t) for t in sa) + sum(_weight(t) for t in sb)
    return 2 * sum(_weight(t) for t in sa & sb) / total


def _typo_map(vocabulary: Iterable[str]) -> dict[str, str]:
    """Words that differ by a typo (same first letters, ``rapidfuzz`` ratio ≥ TYPO_RATIO) mapped to one of them.

    The more frequent spelling is not known here, so the alphabetically first one
    stands for the others; what matters is that both notes read the same word.
    """
    from rapidfuzz import fuzz

    by_start: dict[str, list[str]] = defaultdict(list)
    for word in sorted(set(vocabulary)):
        if len(word) >= 5:
            by_start[word[:2]].append(word)
    out: dict[str, str] = {}
    for words in by_start.values():
        for i, w in enumerate(words):
            if w in out:
                continue
            for v in words[i + 1:]:
                if v not in out and abs(len(v) - len(w)) <= 2 and fuzz.ratio(w, v, score_cutoff=TYPO_RATIO):
                    out[v] = w
    return out


@dataclass
class NoteIn:
    id: str
    text: str
    group_id: str | None = None
    group: str = ""
    workshop_id: str = ""
    workshop: str = ""
    votes: int = 0
    origin_id: str | None = None


@dataclass
class Suggestion:
    signature: str
    notes: list[NoteIn]
    label: list[str]
    score: float  # mean similarity of the cluster's pairs
    groups: list[str] = field(default_factory=list)
    workshops: list[str] = field(default_factory=list)

    @property
    def note_ids(self) -> list[str]:
        return [n.id for n in self.notes]

    def as_dict(self) -> dict[str, Any]:
        return {"signature": self.signature, "label": " · ".join(self.label), "score": round(self.score, 3),
                "groups": self.groups, "workshops": self.workshops,
                "notes": [{"id": n.id, "text": n.text, "group": n.group, "workshop": n.workshop, "votes": n.votes}
                          for n in self.notes]}


def signature(note_ids: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(note_ids)).encode()).hexdigest()[:16]


class Suggester:
    """Scores the notes once; ``clusters(threshold, cap)`` is then cheap (the slider).

    Notes whose words are the same once normalised form one *unit* (several copies
    of an idea); units are scored and clustered with their sizes as weights, which
    is exactly average linkage over the notes themselves.
    """

    def __init__(self, notes: Sequence[NoteIn], synonyms: Iterable[tuple[str, str]] = ()) -> None:
        syn = Synonyms(synonyms)
        # A note carried to another canvas (FODA from the diagnostic) is the same voice: keep the first.
        ids = {n.id for n in notes}
        self.notes = [n for n in notes if not (n.origin_id and n.origin_id in ids)]
        self.tokens = [normalise(n.text, syn) for n in self.notes]
        self.surface = self._surface_forms(syn)
        typo = _typo_map({t for toks in self.tokens for t in toks})
        units: dict[frozenset[str], list[int]] = {}
        for i, toks in enumerate(self.tokens):
            key = frozenset(typo.get(t, t) for t in toks)
            if key:
                units.setdefault(key, []).append(i)
        self.unit_words = list(units)
        self.units = list(units.values())
        self.pairs = self._score_pairs()
        self.adj: dict[int, dict[int, float]] = defaultdict(dict)
        for (u, v), s in self.pairs.items():
            self.adj[u][v] = s
            self.adj[v][u] = s

    def _surface_forms(self, syn: Synonyms) -> dict[str, str]:
        """For labels: the most frequent written form (lower case, accents kept) of each lemma."""
        seen: dict[str, Counter] = defaultdict(Counter)
        for n in self.notes:
            words = _content_words(n.text)
            lang = language(words)
            for word in words:
                key = syn.apply([lemma(word, lang)])[0]
                seen[key][word] += 1
        return {k: c.most_common(1)[0][0] for k, c in seen.items()}

    def _score_pairs(self) -> dict[tuple[int, int], float]:
        """Similarities ≥ FLOOR between units, found by prefix filtering instead of comparing all pairs.

        Two notes reach a weighted Dice of ``t`` only if their overlap is at least
        ``t / (2 - t)`` of each one's weight; ordering words from rarest to most
        common, such a pair must share one of the rare words that make up the
        first part of each note (its prefix). Only units sharing a prefix word are
        compared, each comparison two set intersections of word ids.
        """
        df: Counter = Counter()
        for words, members in zip(self.unit_words, self.units):
            for t in words:
                df[t] += len(members)
        ids = {t: k for k, t in enumerate(sorted(df, key=lambda t: (t in WEAK_WORDS, df[t], t)))}
        alpha = FLOOR / (2 - FLOOR)
        strong: list[frozenset[int]] = []
        weak: list[frozenset[int]] = []
        totals: list[float] = []
        index: dict[int, list[int]] = defaultdict(list)
        for u, words in enumerate(self.unit_words):
            order = sorted(ids[t] for t in words)
            s = frozenset(ids[t] for t in words if t not in WEAK_WORDS)
            w = frozenset(ids[t] for t in words if t in WEAK_WORDS)
            total = len(s) + WEAK_WEIGHT * len(w)
            strong.append(s)
            weak.append(w)
            totals.append(total)
            rest = total
            for k in order:  # the prefix: until what is left could no longer reach the bound alone
                if rest < alpha * total:
                    break
                index[k].append(u)
                rest -= WEAK_WEIGHT if k in w else 1.0
        prefixes: list[list[int]] = [[] for _ in self.unit_words]
        for k, members in index.items():
            for u in members:
                prefixes[u].append(k)
        pairs: dict[tuple[int, int], float] = {}
        for u, keys in enumerate(prefixes):
            candidates: set[int] = set()
            for k in keys:
                members = index[k]
                candidates.update(members[bisect_right(members, u):])
            su, wu, tu = strong[u], weak[u], totals[u]
            for v in candidates:
                s = 2 * (len(su & strong[v]) + WEAK_WEIGHT * len(wu & weak[v])) / (tu + totals[v])
                if s >= FLOOR:
                    pairs[(u, v)] = s
        return pairs

    def clusters(self, threshold: float = DEFAULT_THRESHOLD, cap: int = DEFAULT_CAP,
                 hide: Iterable[str] = (), exclude_notes: Iterable[str] = ()) -> list[Suggestion]:
        """Average-linkage clusters of two notes or more, best first.

        ``hide`` are signatures the team rejected; ``exclude_notes`` notes already
        behind a finding (a unit loses those notes; an emptied unit drops out).
        """
        threshold = max(FLOOR, threshold)
        excluded = set(exclude_notes)
        members = [[i for i in m if self.notes[i].id not in excluded] for m in self.units]
        sizes = [len(m) for m in members]
        groups = _average_linkage(self.adj, sizes, threshold, max(2, cap))
        hidden = set(hide)
        out: list[Suggestion] = []
        for units in groups:
            index = sorted(i for u in units for i in members[u])
            notes = [self.notes[i] for i in index]
            sig = signature(n.id for n in notes)
            if sig in hidden:
                continue
            total = sum(sizes[u] * (sizes[u] - 1) / 2 for u in units)  # copies are alike (1.0)
            total += sum(sizes[u] * sizes[v] * self.adj[u].get(v, 0.0) for u in units for v in units if u < v)
            out.append(Suggestion(sig, sorted(notes, key=lambda n: (-n.votes, n.workshop, n.group)),
                                  self._label(index), total / (len(notes) * (len(notes) - 1) / 2),
                                  [g for _gid, g in sorted({(n.group_id, n.group) for n in notes if n.group_id},
                                                           key=lambda x: (x[1].casefold(), x[0]))],
                                  list(dict.fromkeys(n.workshop for n in notes if n.workshop_id))))
        spans = {s.signature: len({n.group_id for n in s.notes if n.group_id}) for s in out}
        out.sort(key=lambda s: (-spans[s.signature], -len(s.workshops), -len(s.notes), -s.score, s.label))
        return out

    def _label(self, members: Sequence[int]) -> list[str]:
        counts: Counter = Counter()
        for i in members:
            counts.update(set(self.tokens[i]))
        need = max(2, (len(members) + 1) // 2)
        shared = [t for t, c in counts.items() if c >= need]
        shared.sort(key=lambda t: (t in WEAK_WORDS, -counts[t], t))
        if not shared:
            shared = [t for t, _c in counts.most_common(2)]
        return [self.surface.get(t, t.replace("_", " ")) for t in shared[:3]]


def _average_linkage(adj: dict[int, dict[int, float]], sizes: Sequence[int], threshold: float,
                     cap: int) -> list[list[int]]:
    """Clusters of units joined while the mean similarity of their notes' pairs (missing = 0) ≥ threshold.

    ``sizes`` are the units' note counts (0 = left out); a unit's own notes are alike.
    Returns lists of units holding two notes or more.
    """
    members: dict[int, list[int]] = {}
    size: dict[int, int] = {}
    sums: dict[int, dict[int, float]] = {}
    heap: list[tuple[float, int, int]] = []
    for u, n in enumerate(sizes):
        if n and (n >= 2 or any(s >= threshold and sizes[v] for v, s in adj.get(u, {}).items())):
            members[u], size[u] = [u], n
    for u in members:
        row = {v: s * size[u] * size[v] for v, s in adj.get(u, {}).items() if v in members}
        sums[u] = row
        for v, total in row.items():
            if u < v and total / (size[u] * size[v]) >= threshold and size[u] + size[v] <= cap:
                heapq.heappush(heap, (-total / (size[u] * size[v]), u, v))
    next_id = len(sizes)
    while heap:
        _neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        new = next_id
        next_id += 1
        members[new] = members.pop(a) + members.pop(b)
        size[new] = size.pop(a) + size.pop(b)
        row_a, row_b = sums.pop(a), sums.pop(b)
        merged: dict[int, float] = {}
        for k in row_a.keys() | row_b.keys():
            if k not in members:
                continue
            total = row_a.get(k, 0.0) + row_b.get(k, 0.0)
            merged[k] = total
            other = sums[k]
            other.pop(a, None)
            other.pop(b, None)
            other[new] = total
            avg = total / (size[new] * size[k])
            if avg >= threshold and size[new] + size[k] <= cap:
                heapq.heappush(heap, (-avg, k, new))
        sums[new] = merged
    return [m for k, m in members.items() if size[k] >= 2]


# -- reading the process -------------------------------------------------------------------------------
def load_notes(store, process_id: str, workshop_id: str | None = None) -> list[NoteIn]:
    """The process's notes (or one workshop's) with their group and workshop, in capture order."""
    sql = ("SELECT n.id, n.text, n.group_id, n.votes, n.origin_id, g.name AS grp, w.id AS wid, w.title AS wtitle "
           "FROM note n JOIN canvas c ON c.id = n.canvas_id JOIN workshop w ON w.id = c.workshop_id "
           "LEFT JOIN workgroup g ON g.id = n.group_id WHERE w.process_id = ? AND trim(n.text) <> ''")
    params: list[Any] = [process_id]
    if workshop_id:
        sql += " AND w.id = ?"
        params.append(workshop_id)
    sql += " ORDER BY w.position, c.position, n.position, n.created_at"
    return [NoteIn(r["id"], r["text"], r["group_id"], r["grp"] or "", r["wid"], r["wtitle"], int(r["votes"] or 0),
                   r["origin_id"]) for r in store.query(sql, params)]


def linked_notes(store, process_id: str) -> set[str]:
    return {r["note_id"] for r in store.query(
        "SELECT fs.note_id FROM finding_source fs JOIN finding f ON f.id = fs.finding_id "
        "WHERE f.process_id = ? AND fs.note_id IS NOT NULL", (process_id,))}


# Which kind of finding a note's zone suggests (board, FODA and tree zones of the built-in scripts).
ZONE_KINDS = {"desafios": "desafio", "debilidades": "desafio", "amenazas": "desafio", "causas": "desafio",
              "efectos": "desafio", "problema": "desafio", "fortalezas": "fortaleza",
              "fortalezas_oportunidades": "oportunidad", "oportunidades": "oportunidad"}


def accept(store, process_id: str, suggestion: Suggestion):
    """A finding made of a suggestion, in one undo step.

    Its statement starts as the most voted note's text (the team rewrites it); its
    kind follows the zone most of its notes sit in.
    """
    from .findings import create_finding

    ids = suggestion.note_ids
    marks = ",".join("?" * len(ids))
    zones = Counter(r["zone"] for r in store.query(f"SELECT zone FROM note WHERE id IN ({marks})", ids))
    kinds = Counter()
    for zone, n in zones.items():
        kinds[ZONE_KINDS.get(zone, "desafio")] += n
    kind = kinds.most_common(1)[0][0] if kinds else "desafio"
    return create_finding(store, process_id, suggestion.notes[0].text, kind, note_ids=ids)
