"""Events: who did what to whom, CAMEO-coded, each traced to the sentence that states it.

A cue from ``lang/ar/event_cues.tsv`` (a verb, a verbal noun or an adjective) opens an
event; its frame says how the actors are read around it:

* ``meet`` / ``sign``: undirected; the subject and every other party the clause names
  ("التقى وانغ يي كلا من A و B و C" gives three meetings);
* ``directed`` / ``intent``: from the subject to the first party of another state named
  after it ("أعرب نورتلو عن تقدير كازاخستان لدعم الصين" -> KAZGOV to CHN).

The subject is named after a verb (VSO) or before it (SVO); a verbal noun's possessor
("دعم الصين") is its subject; a cue without one ("وأضاف", "اجتماعه مع") belongs to the
speaker in force in the paragraph. Negated cues ("لم يلتق") give no event; planned ones
("من المقرر أن يلتقي", "سيزور") become intent (036). "الجانبين" and "البلدين" stand for
the last pair of parties that met or signed.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from hadath.analyse.dates import DateMention
from hadath.lang import read_table

from .actors import ActorMention, actor_code, actors_in, title_actors
from .cues import OBJECT_SUFFIX, Cues, cues
from .entities import Entity, EntityResult
from .lexicon import COUNTRY, LOCATION, ORG, Entry
from .matcher import Match, find_matches
from .structure import Unit

SUBJECT_WINDOW = 8      # words after a verb in which its subject may stand (title chains are long)
NEGATION_WINDOW = 2
INTENT_WINDOW = 4
NOUN_PARTNER_WINDOW = 4   # "خلال لقائه أمس مع": words after a meeting noun to its "مع"/"بين"
TITLE_SKIP = 6            # words of a title chain between a verbal noun and the name it is the title of
LEAD_SENTENCES = 2       # sentences of the lead whose date is the story's day
PRAISE_CODE = "051"
EXPEL_CODE, FIGHT_CODE = "166", "190"
CANCEL_REACH = 6         # words from a meeting cue to the "ألغيت" that calls it off
SPORT_WORDS = 2          # sports words that make a sentence sports copy for any cue (one is enough for a meeting)
ARMED_REACH = 3          # words from "طرد" to the armed men it drives out
# modifier kinds that are nouns or name things: a verbal noun's genitive search stops at them
NOUN_WORDS = ("preposition", "armed", "named_after", "lift", "sport")
DESCRIBE_REACH = 10      # words from "وصف" to its "بأنه"
MEET_REACH = 6           # words from a meeting cue (or its subject) to the other side, without a مع
DIRECTED_RUN = 2         # coordinated targets of a statement; a longer run is an enumeration
EACH_OTHER_REACH = 4     # words from a cue to its "بعضهما" ("امتدحا قدرات بعضهما")
NESTED_WINDOW = 3       # "تقدير كازاخستان لدعم الصين": a verbal noun inside another cue's object
UNDIRECTED = {"meet", "sign", "gather"}
RECIPROCAL = {"meet", "sign", "joint", "mutual", "gather"}   # frames whose other parties may stand with the subject
INTENT_CODE = {"meet": "036", "sign": "030"}
COORDINATION = {"و", "كلا", "كل", "من", "مع", "نظيره", "نظيرته", "ونظيره", "ونظيرته", "نظرائه", "نظيريه"}
FROM = "من"
MEANS_WORDS = {"في", "خلال", "عبر", "اثناء"}   # "في اتصال هاتفي": the means of the act just told
MEANS_REACH = 5   # words from the previous cue to the means noun
PHONE_CODE = "041"
SEARCH_FOR = "عن"   # "بحث عن": a meeting verb with عن right after it means to look for
BETWEEN = "بين"   # "قمة بين A وB": the first party after it is the subject; after "مع" it is the other side
CONTINUATION = {"ان", "انه", "انها", "بان", "بانه", "بانها", "انهم", "بانهم"}   # "أن": what follows is what was said, not the subject


@dataclass(frozen=True, slots=True)
class Party:
    actor: str
    entity: Entity | None

    @property
    def party(self) -> str:
        return self.actor[3:6] if self.actor.startswith("IGO") else self.actor[:3]

    def as_dict(self) -> dict:
        d = {"actor": self.actor}
        if self.entity is not None:
            d["entity"] = self.entity.id
            d["name"] = self.entity.name
        return d


@dataclass
class Event:
    code: str
    frame: str
    source: Party
    target: Party
    cue: str
    cue_span: tuple[int, int]
    span: tuple[int, int]          # the sentence that states it
    date: str | None
    location: str | None
    confidence: float
    modality: str = "asserted"     # asserted | intended
    pos: str = "verb"              # the cue's part of speech: verb | noun | adj | obligation

    def as_dict(self, table: Cues) -> dict:
        info = table.cameo.get(self.code) or table.cameo.get(self.code[:2] + "0")
        d = {"code": self.code, "root": self.code[:2], "name": info.name if info else None,
             "source": self.source.as_dict(), "target": self.target.as_dict(),
             "directed": self.frame not in UNDIRECTED, "date": self.date, "location": self.location,
             "span": list(self.span), "cue": self.cue, "cue_span": list(self.cue_span),
             "confidence": round(self.confidence, 2), "modality": self.modality}
        if info:
            d["goldstein"] = info.goldstein
            d["quad_class"] = info.quad
            d["plover"] = {"event": info.plover_event or None, "mode": info.plover_mode or None}
        return d


def _cue_matches(found: EntityResult, table: Cues) -> list[tuple[Match, bool]]:
    """Event cue matches, each with whether it carries the future prefix (سيلتقي، ستوقع)."""
    toks = found.tokens
    out = [(m, False) for m in find_matches(toks, table.events)]
    taken = {k for m, _ in out for k in range(m.first, m.last)}
    for k, t in enumerate(toks):
        if k in taken or len(t.stem) < 4 or t.stem[0] != "س" or t.stem[1] not in "يتن":
            continue
        bare = t.stem[1:]
        phrases = table.events.by_first.get(bare)
        if not phrases:
            continue
        for length in range(min(table.events.max_len[bare], len(toks) - k), 0, -1):
            hit = phrases.get((bare, *(toks[k + i].norm for i in range(1, length))))
            if hit and hit[0].roles == ("verb",):
                out.append((Match(k, k + length, hit, (t.stem_start, toks[k + length - 1].end)), True))
                break
    out.sort(key=lambda x: x[0].first)
    return out


class _Doc:
    """Per-document lookups the event rules share."""

    def __init__(self, text: str, found: EntityResult, sentences: list[Unit], paragraphs: list[Unit],
                 speaker_of: dict[int, Entity], dates: list[DateMention], table: Cues,
                 dateline: tuple[int, int] | None = None):
        self.text, self.found, self.table = text, found, table
        self.toks = found.tokens
        self.sentences, self.paragraphs = sentences, paragraphs
        self.sent_firsts = [s.first for s in sentences]
        self.para_firsts = [p.first for p in paragraphs]
        self.speaker_of = speaker_of
        self.dates = sorted((d for d in dates if d.value and d.granularity == "day"), key=lambda d: d.start)
        titled = title_actors(found)
        inside = {k for a in titled for k in range(a.first, a.last)}
        filed = (lambda a: dateline[0] <= self.toks[a.first].start < dateline[1]) if dateline else (lambda a: False)
        self.actors = sorted([a for a in actors_in(found, 0, len(self.toks))
                              if a.first not in found.role_at and a.first not in inside and not filed(a)]
                             + [a for a in titled if not filed(a)],
                             key=lambda a: a.first)
        self.actor_firsts = [a.first for a in self.actors]
        self.adjectives = [a for a in actors_in(found, 0, len(self.toks), adjectives=True) if a.kind == "adjective"]
        self.adjective_firsts = [a.first for a in self.adjectives]
        # where the lead says the story happens ("في سنغافورة", "بموسكو"): the place for events
        # whose own sentence and paragraph name none
        self._sport: dict[int, int] = {}
        self.designations = {m.first for m in find_matches(self.toks, table.relations)}   # "شريك استراتيجي" ...
        self.lead_place = next((p for u in sentences[:3] if (p := _location(self, u))), None)
        # the day the lead gives ("... في كندا الجمعة"): the story's day for events whose own
        # sentence and paragraph give none
        self.lead_date = next((d for u in sentences[:LEAD_SENTENCES] if (d := _date(self, u))), None)

    def sentence_of(self, k: int) -> Unit | None:
        i = bisect_right(self.sent_firsts, k) - 1
        return self.sentences[i] if i >= 0 and k < self.sentences[i].last else None

    def paragraph_index(self, k: int) -> int:
        return bisect_right(self.para_firsts, k) - 1

    def actors_between(self, first: int, last: int) -> list[ActorMention]:
        lo = bisect_right(self.actor_firsts, first - 1)
        out = []
        for a in self.actors[lo:]:
            if a.first >= last:
                break
            out.append(a)
        return out

    def sport_words(self, sent: Unit) -> int:
        """How many words of kind ``sport`` the sentence holds; cached per sentence."""
        hit = self._sport.get(sent.first)
        if hit is None:
            hit = sum(1 for k in range(sent.first, sent.last) if (mod := self.modifier(k)) is not None and mod[0] == "sport")
            self._sport[sent.first] = hit
        return hit

    def word(self, k: int) -> str:
        return self.toks[k].stem

    def modifier(self, k: int) -> tuple[str, str] | None:
        t = self.toks[k]
        return self.table.modifiers.get(t.norm) or self.table.modifiers.get(t.stem)


def extract_events(text: str, found: EntityResult, sentences: list[Unit], paragraphs: list[Unit],
                   speaker_of: dict[int, Entity], dates: list[DateMention],
                   default_date: str | None, default_place: str | None,
                   dateline: tuple[int, int] | None = None) -> list[Event]:
    """Events of one document, de-duplicated on (code, source, target), first statement kept.
    The parties a dateline names ("دبي، الإمارات العربية المتحدة (CNN)--") say where the story
    was filed, not who acted."""
    table = cues()
    doc = _Doc(text, found, sentences, paragraphs, speaker_of, dates, table, dateline)
    matches = _cue_matches(found, table)
    events: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    last_pair: tuple[Party, Party] | None = None
    verb_subject: tuple[Party, int, int] | None = None   # the last verb's subject, its token, its sentence
    for ci, (m, future) in enumerate(matches):
        sent = doc.sentence_of(m.first)
        if sent is None:
            continue
        entry: Entry = m.entry
        frame, pos = entry.form, (entry.roles[0] if entry.roles else "verb")
        code = entry.name
        if _states_no_event(doc, m, sent, frame, pos, code):
            continue
        told_in = _means_of(doc, m, sent, events) if pos == "noun" and frame == "meet" else None
        if told_in is None and pos == "noun" and any(p.last <= m.first < p.last + NESTED_WINDOW and p.first >= sent.first
                                                     and not _time_between(doc, p.last, m.first)
                                                     for p, _ in matches[max(0, ci - 2):ci]):
            continue
        modality = "asserted"
        if frame == "gather" and ci > 0 and (noun := matches[ci - 1][0]).entry.form == "meet" and 0 <= m.first - noun.last <= 1:
            code = noun.entry.name   # "مكالمة هاتفية جمعت الرئيسين": the call brought them together
        if frame == "describe" and not any((mod := doc.modifier(k)) is not None and mod[0] == "as"
                                           for k in range(m.last, min(sent.last, m.last + DESCRIBE_REACH))):
            continue   # "وصف" without "بأنه": not a description of someone
        if code == EXPEL_CODE and any((mod := doc.modifier(k)) is not None and mod[0] == "armed"
                                      for k in range(m.last, min(sent.last, m.last + ARMED_REACH))):
            code = FIGHT_CODE   # "طردت تركيا المقاتلين الأكراد من عفرين": driven out by force
        if frame == "describe" and any(m.last <= k < m.last + DESCRIBE_REACH + 2 for k in doc.designations):
            code = PRAISE_CODE   # "ووصف الصين بأنها شريكة استراتيجية شاملة": a designation is praise
        if frame == "intent" and any(n.first - m.last <= NESTED_WINDOW and n.entry.form == "meet"
                                     for n, _ in matches[ci + 1:ci + 3]):
            code = INTENT_CODE["meet"]   # "على استعداد لإجراء محادثات": intent to meet
        if future or _intended(doc, m, sent):
            modality = "intended"
            code = INTENT_CODE.get(frame, code)
        # the clause: back to the previous verb cue of the sentence, on to the next one
        prev_verb = max((p.last for p, _ in matches[:ci] if p.first >= sent.first and p.entry.roles[:1] in (("verb",), ("we",))),
                        default=sent.first)
        next_verb = min((n.first for n, _ in matches[ci + 1:] if n.first < sent.last and (
                            n.entry.roles[:1] in (("verb",), ("we",)) or _time_between(doc, m.last, n.first))),
                        default=sent.last)
        if (told_in is None and pos == "noun" and frame in RECIPROCAL and not _names_partner(doc, m, next_verb)
                and not _pair_before(doc, m, prev_verb)):
            continue   # "القمة" alone: a summit the article talks about, not a meeting it reports
        carried = verb_subject if verb_subject is not None and verb_subject[2] == sent.first else None
        doers = _adjective_doers(doc, m) if pos == "noun" and frame == "directed" else []
        if doers:
            # "الضربات الأمريكية الفرنسية البريطانية على سوريا", "العقوبات الأمريكية على إيران"
            subject, subject_at, from_context = _party(doers[0]), doers[-1].first, False
        else:
            subject, subject_at, from_context = _subject(doc, m, pos, sent, prev_verb, next_verb, carried)
        if pos == "verb" and subject is not None and not from_context:
            verb_subject = (subject, subject_at, sent.first)
        # "اللذان امتدحا قدرات بعضهما البعض": each of the two did it to the other
        mutual_object = frame == "directed" and any((mod := doc.modifier(k)) is not None and mod[0] == "each_other"
                                                    for k in range(m.last, min(next_verb, m.last + EACH_OTHER_REACH)))
        pair_subject = ((frame in RECIPROCAL or mutual_object) and last_pair is not None
                        and any((mod := doc.modifier(k)) is not None and mod[0] == "pair"
                                for k in range(max(sent.first, m.first - 2), m.first)))
        if told_in is not None:
            subject, subject_at, from_context = told_in.source, m.first, False
            targets = [(told_in.target, False)]
        elif pair_subject:
            # "البلدين سيعملان معا": the two states named last are the parties
            subject, subject_at, from_context = last_pair[0], m.first, True
            targets = [(last_pair[1], "pair")]
        elif subject is None:
            continue
        elif entry.source == OBJECT_SUFFIX:
            # "ألمانيا التي اتهمها بأنها", "واستقبله الرئيس": the object pronoun's party is the target
            # (a signing's object is the agreement: "الاتفاق الذي وقعته" names no other party)
            antecedent = _antecedent(doc, m, subject, sent) if frame != "sign" else None
            targets = [(_party(antecedent), False)] if antecedent is not None else []
        elif frame == "arrive":
            # "وصل ولي العهد السعودي ... إلى مدريد": the state of the place reached
            destination = _destination(doc, m, next_verb)
            targets = [(destination, False)] if destination is not None else []
        elif frame in RECIPROCAL and pos == "noun" and (dual := _dual_parties(doc, m, prev_verb, subject)):
            targets = [(p, False) for p in dual]   # "قمتهما": the two named before, not the place after
        else:
            targets = _targets(doc, m, frame, subject, subject_at, prev_verb, next_verb, last_pair)
        if not targets:
            continue
        sources = [subject] + [_party(a) for a in doers[1:] if a.party != subject.party]
        if frame not in RECIPROCAL and not from_context:
            co, last_at = _co_subject_run(doc, subject_at, subject)
            sources += co   # "موسكو وطهران أعلنتا دعمهما"
            if last_at > subject_at:
                # "الضربات التي شنتها الولايات المتحدة وفرنسا وبريطانيا على سوريا": the targets
                # come after the whole run of subjects
                targets = _targets(doc, m, frame, subject, last_at, prev_verb, next_verb, last_pair) or targets
            if len(sources) > 1 and frame != "intent":
                # the states coordinated with the subject act with it, not on it (intent to
                # cooperate is the exception: "عزمهم على التعاون" is among them)
                acting = {p.party for p in sources}
                targets = [t for t in targets if t[0].party not in acting]
                if not targets:
                    continue
        para_unit = doc.paragraphs[doc.paragraph_index(m.first)] if doc.paragraphs else None
        # the clause's own day first ("اجتمع ... اليوم الاثنين ... الضربات التي شنتها ... فجر السبت الماضي")
        clause_end = doc.toks[next_verb - 1].end if next_verb > m.first else sent.span[1]
        relative = next((k for k in range(m.last, next_verb) if (mod := doc.modifier(k)) is not None and mod[0] == "relative"), None)
        if relative is not None and relative - m.last > RELATIVE_REACH:
            clause_end = doc.toks[relative].start   # "... الاعتداء الذي جد أمس": another event's day
        sent_date = (_date_between(doc, m.span[0], clause_end)
                     or _date_between(doc, doc.toks[prev_verb].start if prev_verb < m.first else sent.span[0], m.span[0])
                     or _date(doc, sent))
        date = sent_date or (_date(doc, para_unit) if para_unit else None) or doc.lead_date or default_date
        if (modality == "asserted" and frame in INTENT_CODE and sent_date and default_date
                and sent_date[:10] > default_date[:10]):
            # "حيث تعقد في 12 حزيران القمة" in a story of 8 June: a meeting still to come
            modality, code = "intended", INTENT_CODE[frame]
        para = doc.paragraphs[doc.paragraph_index(m.first)] if doc.paragraphs else None
        location = _location(doc, sent) or (_location(doc, para) if para else None) or doc.lead_place
        for subject, (target, weak) in ((src, t) for src in sources for t in targets):
            if weak == "pair" and code.startswith("02"):
                continue   # "دعا الجانبين إلى": a call on both sides, the speaker's own included
            if subject.party == target.party:
                continue
            confidence = 0.9 - (0.15 if from_context else 0) - (0.1 if weak else 0) - (0.05 if pos != "verb" else 0)
            key = (code, subject.party, target.party)
            if frame in UNDIRECTED:
                key = (code, *sorted((subject.party, target.party)))
            if key in seen:
                continue
            seen.add(key)
            place = location or (_capital(target.actor[:3]) if code == "042" else None) or default_place
            events.append(Event(code, frame, subject, target, text[m.span[0]:m.span[1]], m.span, sent.span,
                                date, place, confidence, modality, pos))
            if (frame == "mutual" or mutual_object) and (code, target.party, subject.party) not in seen:
                # "تبادل الاتهامات مع", "التهديدات بين": each side did it to the other
                seen.add((code, target.party, subject.party))
                events.append(Event(code, frame, target, subject, text[m.span[0]:m.span[1]], m.span, sent.span,
                                    date, location, confidence, modality))
            if frame in UNDIRECTED or (pos == "verb" and not weak and not from_context):
                # "هنأ ترمب أردوغان ... وأن الزعيمين اتفقا": the two parties that last dealt with each other
                last_pair = (subject, target)
        if frame == "gather":
            # "القمة التي جمعت روسيا وتركيا وإيران": every two of the parties met
            parties = [t for t, _ in targets]
            for i, a in enumerate(parties):
                for b in parties[i + 1:]:
                    key = (code, *sorted((a.party, b.party)))
                    if a.party != b.party and key not in seen:
                        seen.add(key)
                        events.append(Event(code, frame, a, b, text[m.span[0]:m.span[1]], m.span, sent.span,
                                            date, location, 0.75, modality))
    return _one_encounter_per_day(events)


def _one_encounter_per_day(events: list[Event]) -> list[Event]:
    """One meeting (04x) per pair of parties and day: "اجتماعه مع نظيره" and "المفاوضات مع
    ترامب" in one story are one encounter told twice, the first telling kept (what event
    datasets call a one-a-day filter, here within an article and for consultations only)."""
    seen: set[tuple[frozenset[str], str | None]] = set()
    out = []
    for e in events:
        if e.code.startswith("04"):
            key = (frozenset((e.source.party, e.target.party)), e.date)
            if key in seen:
                continue
            seen.add(key)
        out.append(e)
    return out


def _states_no_event(doc: _Doc, m: Match, sent: Unit, frame: str, pos: str, code: str) -> bool:
    """A cue that here states no event: negated, an idiom, sports copy, or a reading the
    words around it rule out."""
    toks = doc.toks
    after = toks[m.last] if m.last < len(toks) else None
    if frame == "idiom" or _negated(doc, m, sent):
        return True
    if frame in UNDIRECTED and any((mod := doc.modifier(k)) is not None and mod[0] == "cancelled"
                                   for k in range(m.last, min(sent.last, m.last + CANCEL_REACH))):
        return True   # "زيارة العاصمة الكولومبية بوغوتا، والتي ألغيت أيضا": called off
    if m.entry.source == OBJECT_SUFFIX and not _has_pronoun_suffix(doc.text, toks[m.last - 1]):
        return True   # "جلسة" is a session, not "جلسه" (sat with him): ة and ه fold together
    if pos == "noun" and "ب" in toks[m.first].clitics and after is not None and after.norm == FROM:
        return True   # "بدعم من الأمم المتحدة": with someone's support, an aside that names no target
    if frame == "meet" and pos == "verb" and after is not None and after.norm == SEARCH_FOR and not after.gap.strip():
        return True   # "ستبحث عن جمال خاشقجي": to look for, not to hold talks
    # "التقى منتخب مصر نظيره التونسي": a match; "ضربة جزاء في المباراة", "ثمن النهائي للبطولة":
    # sports copy (one sports word, "مقاطعة ... لكأس العالم", leaves a boycott a boycott)
    return doc.sport_words(sent) >= (1 if code.startswith("04") else SPORT_WORDS)


def _means_of(doc: _Doc, m: Match, sent: Unit, events: list[Event]) -> Event | None:
    """"هنأ ترمب أردوغان في اتصال هاتفي": a call (or "خلال لقائه", his meeting) right after an
    act is how that act was done, between its parties; "خلال القمة" only says when."""
    if (m.first == 0 or doc.toks[m.first - 1].norm not in MEANS_WORDS or not events
            or not (m.entry.name == PHONE_CODE or _has_pronoun_suffix(doc.text, doc.toks[m.last - 1]))):
        return None
    last = events[-1]
    return last if last.cue_span[0] >= doc.toks[max(sent.first, m.first - MEANS_REACH)].start else None


def _negated(doc: _Doc, m: Match, sent: Unit) -> bool:
    for k in range(max(sent.first, m.first - NEGATION_WINDOW), m.first):
        mod = doc.modifier(k)
        if mod and mod[0] == "lift" and m.entry.name.startswith("16"):
            return True   # "رفع تدريجي للعقوبات": sanctions lifted are no sanctions imposed
        if mod and mod[0] == "negation":
            after = doc.modifier(k + 1)
            if after is None or after[0] != "still":   # "لا تزال على استعداد": still, not negated
                return True
    return False


def _intended(doc: _Doc, m: Match, sent: Unit) -> bool:
    for k in range(max(sent.first, m.first - INTENT_WINDOW), m.first):
        mod = doc.modifier(k)
        if mod and mod[0] == "intent" and mod[1] == "before":
            return True
        if mod and mod[0] == "any" and m.entry.roles == ("noun",):
            return True
    if m.entry.roles == ("noun",) and m.first > sent.first and _future_verb(doc, m.first - 1):
        return True   # "سيتشرف بلقاء الزعيم", "ستبحث زيارة": a future verb governs the meeting noun
    for k in range(m.last, min(sent.last, m.last + INTENT_WINDOW)):
        mod = doc.modifier(k)
        if mod and mod[0] == "intent" and mod[1] == "after":
            return True
    return False


FUTURE_MIN = 5   # letters of the shortest future verb read by its prefix alone ("سيزور")


def _future_verb(doc: _Doc, k: int) -> bool:
    """A word with the future prefix (سي، ست، سن) that is no name."""
    t = doc.toks[k]
    return (len(t.stem) >= FUTURE_MIN and t.stem[:2] in ("سي", "ست", "سن") and k not in doc.found.person_at
            and k not in doc.found.mention_at)


def _party(a: ActorMention) -> Party:
    return Party(a.code, a.entity)


def _speaker_party(doc: _Doc, k: int) -> Party | None:
    ent = doc.speaker_of.get(doc.paragraph_index(k))
    if ent is None:
        return None
    code = actor_code(ent)
    return Party(code, ent) if code else None


def _subject(doc: _Doc, m: Match, pos: str, sent: Unit, prev_verb: int, next_verb: int,
             carried: tuple[Party, int, int] | None = None):
    """(subject, token where it stands, whether it came from context rather than the clause).

    ``carried`` is the subject of the sentence's previous verb, which a verb joined to it by
    و shares when it names none of its own.

    A verb's subject follows it (VSO) or stands just before it (SVO); a verbal noun's is
    its genitive ("دعم الصين"), or the one its pronoun suffix points to ("استعدادها": the
    speaker's side); an adjective's stands before it ("الصين مستعدة").
    """
    toks = doc.toks
    before = [a for a in doc.actors_between(prev_verb, m.first) if not _governed(doc, a)]
    if pos == "we":
        # "نهنئ مصر": the speaker's side; the party after the verb is the target
        return _speaker_party(doc, m.first), m.first, True
    if pos == "obligation":
        # "وقال بومبيو إن على إيران أن ...": the speaker demands; the party after على is the target
        return _speaker_or_last(doc, m, before)
    if pos == "verb" and before and _adjacent_subject(doc, before[-1].last, m.first):
        # SVO with the subject right before the verb: "وزير الخارجية الصيني يلتقي نظرائه",
        # or before an auxiliary: "وكان كيم قد التقى"
        return _subject_before(before, m), _subject_at_of(before, m), False
    if pos == "verb":
        for a in doc.actors_between(m.last, min(m.last + SUBJECT_WINDOW, next_verb)):
            if any(toks[k].stem in CONTINUATION for k in range(m.last, a.first)):
                break
            if _governed(doc, a):
                continue   # "انتقد خلالهما بشدة حلفاءه في حلف شمال الأطلسي": not the subject
            if _masculine_verb(doc, m) and _feminine_state(doc, a):
                break      # "وشكر فرنسا": a masculine verb's subject is not a feminine state; its object
            return _party(a), a.first, False
        if carried is not None and toks[m.first].clitics[:1] == ("و",):
            # "واستقبل ترامب نظيره الفرنسي ... وشكر فرنسا": a coordinated verb shares the subject
            return carried[0], carried[1], False
    if pos == "noun":
        rel = _relative_subject(doc, m, next_verb)
        if rel is not None:
            return _party(rel), rel.first, False
        # after ب or ل a meeting noun's genitive is the other side ("سيتشرف بلقاء الزعيم"), and a cue
        # that ends in a preposition is followed by its target ("شكوى ضد الولايات المتحدة")
        genitive_is_target = (m.entry.form == "meet" and any(c in ("ب", "ل") for c in toks[m.first].clitics)) or (
            (last_mod := doc.modifier(m.last - 1)) is not None and last_mod[0] in ("preposition", "partner")
            and m.last - m.first > 1)
        if not _has_pronoun_suffix(doc.text, toks[m.last - 1]) and not genitive_is_target:
            # the genitive, past modifiers and partner words ("قمة مقررة بين الرئيس الأمريكي ...")
            k = m.last
            while k < next_verb and k < m.last + 3 and (mod := doc.modifier(k)) and mod[0] not in NOUN_WORDS and (
                    mod[0] != "partner" or (m.entry.form in RECIPROCAL and doc.toks[k].norm == BETWEEN)):
                k += 1   # "قطع العلاقات مع قطر": after a statement's noun, مع names its target
            if (m.entry.form in RECIPROCAL and k > m.last and k + 1 < next_verb and (rel := doc.modifier(k - 1)) is not None
                    and rel[0] == "relative" and doc.toks[k + 1].norm == BETWEEN):
                k += 2   # "المباحثات التي جرت بين زعيمي الصين وكوريا الشمالية": the parties after بين
            title_governed = k < len(toks) and k in doc.found.role_at and any(c in PREPOSITION_CLITICS for c in toks[k].clitics)
            while k < next_verb and k in doc.found.role_at and k < m.last + 6:
                k += 1   # "قمة بين الرئيس الأميركي، دونالد ترمب": the title before the name
            after = [a for a in doc.actors_between(k, min(k + 2, next_verb)) if not _names_the_meeting(a, m)
                     and not any(c in PREPOSITION_CLITICS for c in toks[a.first].clitics)]   # "برقية تهنئة للسيسي"
            mod = doc.modifier(k) if k < len(doc.toks) else None
            if after and after[0].first <= k + 1 and not title_governed and not (mod and mod[0] in ("partner", "preposition")
                                                                                and doc.toks[k].norm != BETWEEN):
                return _party(after[0]), after[0].first, False
        if before and len(before) > 1 and doc.text[toks[m.last - 1].start:toks[m.last - 1].end].endswith(("هما", "هم")):
            # "وكان ترامب وماكرون قد عبرا عن رغبتهما": a dual or plural pronoun points to the
            # coordinated parties of the clause, not to the paragraph's one speaker
            return _subject_before(before, m), _subject_at_of(before, m), False
        if before and _adjacent_subject(doc, before[-1].last, m.first):
            # "إعلان السعودية والإمارات والبحرين قطع علاقاتها": the party just before the noun
            return _subject_before(before, m), _subject_at_of(before, m), False
        return _speaker_or_last(doc, m, before)
    if pos == "adj" and toks[m.first].stem.endswith("ا") and (lead := _sentence_subject(doc, sent, m.first)) is not None:
        # "فرض ترامب جدول أعماله ...، ومتهما الاتحاد الأوروبي": a participle shares the subject of
        # the sentence's verb, named first in the sentence
        return _party(lead), lead.first, False
    if before and m.first - before[-1].last <= 3:
        subject = _subject_before(before, m)
        return subject, _subject_at_of(before, m), False
    if pos == "adj" and toks[m.first].norm.endswith(("ون", "ين")):
        return None, m.first, True   # "مستعدون": a plural, not the paragraph's one speaker
    speaker = _speaker_party(doc, m.first)
    if speaker is not None:
        return speaker, m.first, True
    return None, m.first, True


LEAD_SUBJECT_REACH = 3   # words from the start of a sentence to its subject ("فرض دونالد ترامب")


def _speaker_or_last(doc: _Doc, m: Match, before: list[ActorMention]) -> tuple[Party | None, int, bool]:
    """A cue without a subject of its own: the speaker in force, else the last party before it."""
    speaker = _speaker_party(doc, m.first)
    if speaker is not None:
        return speaker, m.first, True
    if before:
        return _party(before[-1]), before[-1].first, False
    return None, m.first, True


def _sentence_subject(doc: _Doc, sent: Unit, before: int) -> ActorMention | None:
    """The sentence's subject: a party no preposition governs, among its first words (after
    the verb of a VSO sentence, or opening an SVO one), before ``before``."""
    for a in doc.actors_between(sent.first, min(before, sent.first + LEAD_SUBJECT_REACH + 1)):
        if not _governed(doc, a):
            return a
    return None


AUX_GAP = 2   # auxiliaries that may stand between an SVO subject and its verb ("قد", "بدوره")


def _adjacent_subject(doc: _Doc, end: int, verb: int) -> bool:
    """Whether a party ending at ``end`` is the subject of the verb at ``verb``: nothing but
    bare auxiliaries between them, and no punctuation."""
    if verb - end > AUX_GAP or any(doc.toks[k].gap.strip() for k in range(end, verb + 1)):
        return False
    for k in range(end, verb):
        mod = doc.modifier(k)
        if mod is None or mod[0] != "aux" or doc.toks[k].clitics:
            return False
    return True


def _time_between(doc: _Doc, first: int, last: int) -> bool:
    """A time preposition right before the cue at ``last`` ("قبيل قمة", "عقب لقائه"): a new event."""
    if last <= first:
        return False
    mod = doc.modifier(last - 1)
    return mod is not None and mod[0] == "time"


def _masculine_verb(doc: _Doc, m: Match) -> bool:
    """A third person masculine singular form as written: perfect without the feminine ت
    ("شكر", "اتهم"), or imperfect with ي ("يشكر"); forms starting with ت are left out (تلقى is
    masculine perfect, تشكر feminine imperfect)."""
    stem = doc.toks[m.first].stem
    return not stem.endswith(("ت", "تا", "وا", "ا")) and not stem.startswith(("ت", "ن"))


def _feminine_state(doc: _Doc, a: ActorMention) -> bool:
    """A state named by its name (not a title or an adjective) whose name is feminine, or a
    capital standing for its state."""
    ent = a.entity
    if a.kind != "name" or ent is None:
        return False
    if ent.type == LOCATION:
        return bool(ent.stands_for)   # a capital for its state ("موسكو"): city names are feminine
    return ent.type == COUNTRY and bool(ent.code) and ent.code not in doc.table.masculine_states


PREPOSITION_CLITICS = ("ب", "ل", "ك")


def _governed(doc: _Doc, a: ActorMention) -> bool:
    """Whether a party stands after a preposition ("في حلف", "بتركيا", "مع روسيا"), so it
    cannot be the subject of a verb."""
    while True:
        tok = doc.toks[a.first]
        if any(c in PREPOSITION_CLITICS for c in tok.clitics):
            return True
        if a.first == 0:
            return False
        mod = doc.modifier(a.first - 1)
        if mod is not None and mod[0] in ("preposition", "partner"):
            return True
        # "من بريطانيا وفرنسا وألمانيا": a party coordinated with a governed one is governed too
        i = bisect_right(doc.actor_firsts, a.first - 1) - 1
        if tok.clitics[:1] != ("و",) or i < 0 or doc.actors[i].last != a.first:
            return False
        a = doc.actors[i]


RELATIVE_REACH = 2   # words (adjectives) between a verbal noun and its relative pronoun


def _relative_subject(doc: _Doc, m: Match, next_verb: int) -> ActorMention | None:
    """"الضربات الجوية التي شنتها الولايات المتحدة": the noun's doer is the subject of the
    relative clause that follows it (pronoun, one verb, then the party)."""
    toks = doc.toks
    if _has_pronoun_suffix(doc.text, toks[m.last - 1]):
        return None   # "دعمها للمبادرات التي طرحتها الصين": the pronoun is the doer
    for k in range(m.last, min(m.last + RELATIVE_REACH + 1, len(toks) - 2)):
        if "،" in toks[k].gap or "." in toks[k].gap:
            return None
        mod = doc.modifier(k)
        if mod is not None and mod[0] == "relative":
            after = doc.actors_between(k + 2, k + 3)
            return after[0] if after else None
        if toks[k].clitics or not toks[k].norm.startswith("ال"):
            return None   # only the noun's adjectives stand between it and the relative pronoun
    return None


def _first_coordinated(before: list[ActorMention], m: Match) -> int:
    """Index in ``before`` of the subject: the last actor, or for a joint cue the first of
    the coordinated parties ("الصين ودول آسيا الوسطى ستعملان معا")."""
    i = len(before) - 1
    if m.entry.form == "joint":
        while i > 0 and before[i].first - before[i - 1].last <= 2:
            i -= 1
    return i


def _subject_before(before: list[ActorMention], m: Match) -> Party:
    return _party(before[_first_coordinated(before, m)])


def _subject_at_of(before: list[ActorMention], m: Match) -> int:
    return before[_first_coordinated(before, m)].first


def _has_pronoun_suffix(text: str, tok) -> bool:
    """"اجتماعه", "زيارتها": a verbal noun whose subject is a pronoun, so not the next word.

    Read on the input, where ة (زيارة) is still distinct from the pronoun ه.
    """
    return text[tok.start:tok.end].endswith(("ه", "ها", "هما", "هم"))


def _targets(doc: _Doc, m: Match, frame: str, subject: Party, subject_at: int, prev_verb: int, next_verb: int,
             last_pair: tuple[Party, Party] | None) -> list[tuple[Party, bool | str]]:
    """The other parties, each with whether it is only weakly stated (adjective, pronoun pair)."""
    start = max(m.last, subject_at + 1)
    after = doc.actors_between(start, next_verb)
    if frame in RECIPROCAL and after:
        if not _reaches(doc, start, after[0].first):
            after = []   # "اجتمع وزراء خارجية الاتحاد ... وسط غياب موقف موحد حول الضربات التي شنتها ..."
        else:
            after = _coordinated_run(doc, after)
    named = [a for a in after if a.party != subject.party]
    if frame in RECIPROCAL:
        if not named:
            named = [a for a in doc.actors_between(prev_verb, m.first) if a.party != subject.party and a.first != subject_at]
        out: list[tuple[Party, bool | str]] = []
        parties = set()
        for a in named:
            if a.party not in parties:
                parties.add(a.party)
                out.append((_party(a), False))
        if not out:
            other = _pair_other(doc, m.last, next_verb, subject, last_pair)
            if other is not None:
                out.append((other, "pair"))
        return out
    if named:
        # "هنأ كينياتا، أبي وإيسياس": every party coordinated with the first is a target
        run = [named[0]]
        for a in named[1:]:
            between = range(run[-1].last, a.first)
            if (a.first - run[-1].last > 3 or run[-1].last >= len(doc.toks) or doc.toks[run[-1].last].clitics[:1] != ("و",)
                    or not all(k in doc.found.role_at for k in between) or "." in doc.toks[run[-1].last].gap):
                break   # "أبي أحمد والرئيس الإريتري إيسياس": joined by و, titles between
            run.append(a)
        if len(run) > DIRECTED_RUN:
            run = run[:1]   # "الولايات المتحدة وروسيا والصين وبريطانيا...": a list the clause names, not targets
        out, parties = [], set()
        for a in run:
            if a.party not in parties:
                parties.add(a.party)
                out.append((_party(a), False))
        return out
    other = _pair_other(doc, m.last, next_verb, subject, last_pair)
    if other is not None:
        return [(other, "pair")]
    for a in doc.adjectives:
        if start <= a.first < next_verb and a.party != subject.party:
            return [(_party(a), True)]
    return []


ANTECEDENT_SENTENCES = 2   # the sentence of a verb with an object pronoun and the one before it


def _antecedent(doc: _Doc, m: Match, subject: Party, sent: Unit) -> ActorMention | None:
    """The party an object pronoun on the verb at ``m`` stands for: the antecedent of a
    relative pronoun right before the verb ("الاتحاد الأوروبي الذي وصفه ترمب"), else the last
    party named before the verb, in its sentence or the one before, that is not the subject."""
    i = max(0, bisect_right(doc.sent_firsts, sent.first) - 1)
    start = doc.sentences[max(0, i - ANTECEDENT_SENTENCES + 1)].first
    before = [a for a in doc.actors_between(start, m.first) if a.party != subject.party]
    if not before:
        return None
    rel = doc.modifier(m.first - 1) if m.first > 0 else None
    if rel is not None and rel[0] == "relative":
        last = before[-1]
        return last if m.first - 1 - last.last <= RELATIVE_REACH else None
    return before[-1]


def _reaches(doc: _Doc, start: int, first: int) -> bool:
    """Whether a party at ``first`` is still the other side of a meeting read from ``start``:
    near it, or introduced by a partner word ("مع"، "بين") on the way."""
    if first - start <= MEET_REACH:
        return True
    return any((mod := doc.modifier(k)) is not None and mod[0] == "partner" for k in range(start, first + 1))


def _names_the_meeting(a: ActorMention, m: Match) -> bool:
    """"قمة هلسنكي"، "قمة مجموعة السبع": a place or a body right after a meeting noun names
    the meeting, it does not take part in it."""
    return a.first == m.last and m.entry.form in RECIPROCAL and a.entity is not None and a.entity.type in (LOCATION, ORG)


def _names_partner(doc: _Doc, m: Match, next_verb: int) -> bool:
    """A verbal noun of meeting states who met: "اجتماعه مع"، "قمة بين"، "لقاء ترامب وكيم",
    "مكالمة العاهل السعودي، الملك سلمان ... مع" (a title before the name is passed over)."""
    first = m.last
    while first < min(next_verb, m.last + TITLE_SKIP) and first in doc.found.role_at:
        first += 1
    if first > m.last and any(not _names_the_meeting(a, m) for a in doc.actors_between(first, min(next_verb, first + 2))):
        return True
    for k in range(m.last, min(next_verb, m.last + NOUN_PARTNER_WINDOW)):
        mod = doc.modifier(k)
        if mod and mod[0] == "partner":
            return True
    if any(not _names_the_meeting(a, m) for a in doc.actors_between(m.last, min(next_verb, m.last + 3))):
        return True
    # "القمة الأمريكية الكورية الشمالية": the parties as adjectives
    return sum(1 for a in doc.adjectives if m.last <= a.first < m.last + 4) >= 2


TO = "الي"   # إلى, normalised


def _destination(doc: _Doc, m: Match, next_verb: int) -> Party | None:
    """The state of the place after the first إلى of the clause: a country, or a capital for
    its state (a city visit is a visit to the state, as CAMEO codes it); none when إلى leads
    elsewhere ("وصل عدد القتلى إلى 50")."""
    for k in range(m.last, min(next_verb, len(doc.toks) - 1)):
        if doc.toks[k].stem == TO or doc.toks[k].norm == TO:
            hit = doc.found.mention_at.get(k + 1)
            if hit is None or hit[1] != "name":
                return None
            ent = hit[0]
            if ent.type == COUNTRY and ent.code:
                return Party(ent.code, ent)
            if ent.type == LOCATION and ent.country and (ent.stands_for or ent.country):
                return Party(ent.country, ent)
            return None
    return None


def _adjective_doers(doc: _Doc, m: Match) -> list[ActorMention]:
    """Nationality adjectives right after a verbal noun, which name who did it ("الضربات
    الأمريكية الفرنسية", "العقوبات الأمريكية"); one plain adjective may stand between ("الجوية")."""
    start = m.last
    run: list[ActorMention] = []
    for a in doc.adjectives[bisect_right(doc.adjective_firsts, start - 1):]:
        if not run and (a.first > start + 1 or (a.first == start + 1 and not doc.toks[start].norm.endswith(("ي", "يه")))):
            break   # "دعم الإدارة المصرية": the word between is the noun's object, not an adjective
        if run and a.first - run[-1].last > 0 and not doc.toks[a.first].clitics[:1] == ("و",):
            break
        if run and a.first - run[-1].last > 1:
            break
        if any(doc.toks[k].gap.strip() for k in range(m.last, a.first + 1)):
            break
        run.append(a)
    return run


def _dual_parties(doc: _Doc, m: Match, prev_verb: int, subject: Party) -> list[Party]:
    """For a noun with the dual pronoun ("قمتهما"), the other parties named before it in the clause."""
    if not doc.text[doc.toks[m.last - 1].start:doc.toks[m.last - 1].end].endswith("هما"):
        return []
    out: list[Party] = []
    for a in doc.actors_between(prev_verb, m.first):
        if a.party != subject.party and all(a.party != o.party for o in out):
            out.append(_party(a))
    return out


def _pair_before(doc: _Doc, m: Match, prev_verb: int) -> bool:
    """Two parties joined by و right before a verbal noun ("تبادل كيم وترامب التهديدات"), or
    named before a noun with the dual pronoun ("يعقد الرئيسان الروسي ... والأمريكي ... قمتهما")."""
    before = doc.actors_between(prev_verb, m.first)
    if doc.text[doc.toks[m.last - 1].start:doc.toks[m.last - 1].end].endswith("هما") and len({a.party for a in before}) >= 2:
        return True
    if len(before) < 2 or not _adjacent_subject(doc, before[-1].last, m.first):
        return False
    a, b = before[-2], before[-1]
    return b.first - a.last <= 2 and doc.toks[b.first].clitics[:1] == ("و",) and a.party != b.party


def _co_subjects(doc: _Doc, subject_at: int, subject: Party) -> list[Party]:
    """Parties coordinated with the subject ("السعودية والإمارات والبحرين"), each a source too."""
    return _co_subject_run(doc, subject_at, subject)[0]


def _co_subject_run(doc: _Doc, subject_at: int, subject: Party) -> tuple[list[Party], int]:
    """The parties coordinated with the subject, and the token where the last of the run after
    it stands (the subject's own when none follows)."""
    i = next((j for j, a in enumerate(doc.actors) if a.first == subject_at), None)
    if i is None:
        return [], subject_at
    out: list[Party] = []
    last_at = subject_at
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(doc.actors):
            a, b = (doc.actors[j + step], doc.actors[j]) if step < 0 else (doc.actors[j], doc.actors[j + step])
            between = range(a.last, b.first)
            if len(between) > 2 or not all(_joins(doc, k) for k in between) or not doc.toks[b.first].norm.startswith("و"):
                break
            j += step
            other = _party(doc.actors[j])
            if step > 0:
                last_at = doc.actors[j].first
            if other.party != subject.party and all(other.party != o.party for o in out):
                out.append(other)
    return out, last_at


def _coordinated_run(doc: _Doc, actors: list[ActorMention]) -> list[ActorMention]:
    """The first party and those coordinated with it ("كلا من A، وB وC"), not every state
    the rest of the clause happens to name."""
    run = [actors[0]]
    for a in actors[1:]:
        if not all(_joins(doc, k) for k in range(run[-1].last, a.first)):
            break
        run.append(a)
    return run


def _joins(doc: _Doc, k: int) -> bool:
    tok = doc.toks[k]
    if "." in tok.gap:
        return False
    return k in doc.found.role_at or tok.norm in COORDINATION or tok.stem in COORDINATION


def _pair_other(doc: _Doc, first: int, last: int, subject: Party, last_pair: tuple[Party, Party] | None) -> Party | None:
    if last_pair is None:
        return None
    if not any((mod := doc.modifier(k)) and mod[0] == "pair" for k in range(first, last)):
        return None
    a, b = last_pair
    if a.party == subject.party:
        return b
    if b.party == subject.party:
        return a
    return None


@cache
def _capitals() -> dict[str, str]:
    """State -> its capital's English name, from the gazetteer (the first curated row)."""
    out: dict[str, str] = {}
    for r in read_table("gazetteer/cities.tsv"):
        if r.get("kind") == "capital" and r.get("country_iso3") and r.get("source") == "curated":
            out.setdefault(r["country_iso3"], r["name_en"])
    return out


def _capital(state: str) -> str | None:
    """Where a visit to a state took place when the text names no place: its capital."""
    return _capitals().get(state)


def _date(doc: _Doc, sent: Unit) -> str | None:
    return _date_between(doc, sent.span[0], sent.span[1])


DATE_JOIN = 3   # characters between a weekday and the date that spells it out ("الاثنين 16 تموز")


def _date_between(doc: _Doc, start: int, end: int) -> str | None:
    """The first day named between two input offsets (a weekday followed by its full date
    gives that date)."""
    for i, d in enumerate(doc.dates):
        if start <= d.start < end:
            nxt = doc.dates[i + 1] if i + 1 < len(doc.dates) else None
            if d.kind == "weekday" and nxt is not None and nxt.kind == "absolute" and 0 <= nxt.start - d.end <= DATE_JOIN:
                return nxt.value
            return d.value
    return None


def _location(doc: _Doc, sent: Unit) -> str | None:
    toks = doc.toks
    for k in range(sent.first, sent.last):
        hit = doc.found.mention_at.get(k)
        if hit is None or hit[0].type != LOCATION:
            continue
        prev = toks[k - 1].stem if k > sent.first else ""
        if "ب" in toks[k].clitics or "في" in toks[k].clitics or prev in ("في", "مدينه", "العاصمه", "بمدينه"):
            return hit[0].name
    return None


DECLARE_CODE = "050"   # establishing or raising a relationship: engage in diplomatic cooperation


def events_from_relations(relations, found: EntityResult, events: list[Event], default_date: str | None,
                          default_place: str | None) -> list[Event]:
    """A relationship the sentence declares ("أعلنت الصين مع قرغيزستان بناء مجتمع مصير مشترك")
    is also an act of diplomatic cooperation between the two states, unless an event of
    the same root between them is already read."""
    by_id = found.by_id()
    have = {(e.code[:2], *sorted((e.source.party, e.target.party))) for e in events}
    out = []
    for r in relations:
        if not r.declared:
            continue
        key = (DECLARE_CODE[:2], *sorted((r.a[:3], r.b[:3])))
        if key in have:
            continue
        have.add(key)
        out.append(Event(DECLARE_CODE, "directed", Party(r.a, by_id.get(r.a_entity or "")),
                         Party(r.b, by_id.get(r.b_entity or "")), "", r.cue_span, r.span,
                         r.since if r.since and len(r.since) == 10 else default_date, default_place, 0.6))
    return out
