"""Quotes carry their speaker through "وأضاف أن" and "من جانبه"; relations carry their designation."""

from __future__ import annotations

import hadath


def _speakers(rec):
    names = {e["id"]: e["name"] for e in rec.entities}
    return [(names[q["speaker"]], q["how"]) for q in rec.quotes]


def test_continuation_and_handover():
    text = ("قال وزير الخارجية الصيني وانغ يي إن العلاقات في أفضل حالاتها.\n\n"
            "وأضاف أن الصين مستعدة للعمل مع كازاخستان.\n\n"
            "من جانبه، قال وزير الخارجية الكازاخستاني مراد نورتلو إن بلاده تقدر دعم الصين.\n\n"
            "وأوضح أن التعاون سيتعمق.")
    got = _speakers(hadath.extract(text))
    assert got == [("Wang Yi", "named"), ("Wang Yi", "continued"), ("Murat Nurtleu", "handover"),
                   ("Murat Nurtleu", "continued")]


def test_speech_by_a_state_is_not_given_to_the_last_person():
    text = ("قال وزير الخارجية الصيني وانغ يي إن العلاقات جيدة.\n\n"
            "وقالت روسيا إن المحادثات مفيدة.\n\n"
            "وأضافت أن الحوار مستمر.")
    assert _speakers(hadath.extract(text)) == [("Wang Yi", "named")]


def test_seed_quotes_all_have_a_speaker(seed_002):
    rec = hadath.extract(seed_002)
    assert len(rec.quotes) >= 15
    assert {n for n, _ in _speakers(rec)} == {"Qin Gang"}


def test_seed_relations_with_qualifiers_and_date(seed_000):
    rels = {frozenset((r["a"], r["b"])): r for r in hadath.extract(seed_000).relations}
    assert rels[frozenset(("CHN", "UZB"))]["designation"] == "all-weather comprehensive strategic partnership in the new era"
    tjk = rels[frozenset(("CHN", "TJK"))]
    assert tjk["designation"] == "comprehensive strategic cooperative partnership in the new era"
    assert tjk["since"] == "2023-07"
    assert rels[frozenset(("CHN", "KAZ"))]["designation"].startswith("permanent")


def test_one_state_paired_with_each_other_state(seed_002):
    pairs = {frozenset((r["a"], r["b"])) for r in hadath.extract(seed_002).relations}
    assert {frozenset(("CHN", "KGZ")), frozenset(("CHN", "TJK"))} <= pairs


def test_apposition_ally_and_region_is_not_a_party():
    rels = hadath.extract("وقالت روسيا، الحليف الأكبر للرئيس السوري بشار الأسد، إن الوضع معقد.").relations
    assert [(r["a"], r["b"], r["designation"]) for r in rels] == [("RUS", "SYR", "biggest ally")]
    assert hadath.extract("وقال إن بناء مجتمع مصير مشترك بين الصين وآسيا الوسطى مهم.").relations == []


def test_unnamed_sources_and_groups_are_not_given_to_the_last_speaker():
    text = ("قال وزير الخارجية الصيني وانغ يي إن العلاقات جيدة.\n\n"
            "وقال محللون إن الزيارة مهمة.\n\n"
            "وأكدت السلطات أن الوضع هادئ.\n\n"
            "ودعا الجانبين إلى الحوار.")
    got = _speakers(hadath.extract(text))
    assert got == [("Wang Yi", "named")]


def test_designation_with_its_own_partner_words():
    rels = hadath.extract("وتعد العلاقة الاستراتيجية بين الرياض والقاهرة أساسا للاستقرار.").relations
    assert [(r["a"], r["b"]) for r in rels] == [("SAU", "EGY")]
    rels = hadath.extract("وقمة هلسنكي ختام جولة زرع فيها ترمب الشك في ما تسميه واشنطن العلاقة المميزة مع بريطانيا.").relations
    assert [(r["a"], r["b"], r["designation"]) for r in rels] == [("USA", "GBR", "special relationship")]


def test_second_speaker_in_the_same_paragraph():
    text = ("وقال الرئيس الأمريكي دونالد ترامب إن القمة ناجحة، بينما قال الرئيس الروسي فلاديمير بوتين "
            "إن الحوار مفيد.")
    assert [n for n, _ in _speakers(hadath.extract(text))] == ["Donald Trump", "Vladimir Putin"]


def test_handover_to_a_state_or_an_official_chain():
    text = ("قال وزير الخارجية الصيني وانغ يي إن العلاقات جيدة.\n\n"
            "من جهتها، تقول السعودية إن الادعاءات لا أساس لها.\n\n"
            "من جانبه، قال وزير خارجية طاجيكستان سيروج الدين مهر الدين إن بلاده تدعم الصين.")
    assert [n for n, _ in _speakers(hadath.extract(text))] == ["Wang Yi", "Sirojiddin Muhriddin"]


def test_svo_state_before_the_cue_is_not_the_last_person():
    text = ("قال الرئيس الأمريكي دونالد ترامب إن القمة ناجحة.\n\n"
            "وكان البيت الأبيض قد قال إنه سينظر في الاقتراح.")
    assert [n for n, _ in _speakers(hadath.extract(text))] == ["Donald Trump"]


def test_office_holder_after_a_genitive_person_is_the_speaker():
    text = ("قال الرئيس الأمريكي دونالد ترامب إن القمة ناجحة، بينما قال مستشار ترمب للأمن القومي، "
            "جون بولتون، إن الحوار مفيد.")
    assert [n for n, _ in _speakers(hadath.extract(text))] == ["Donald Trump", "John Bolton"]


def test_speaker_before_the_cue_and_a_place_after_it():
    text = ("قال الرئيس الأمريكي دونالد ترامب إن روسيا يجب أن تعود.\n\n"
            "وقبل أن يغادر واشنطن، كان ترامب قال للصحافيين في البيت الأبيض \"طردوا روسيا\".\n\n"
            "وأضاف \"أنا أسوأ كوابيس روسيا، لكن روسيا يجب أن تكون في الاجتماع مع الدول السبع\".")
    assert _speakers(hadath.extract(text)) == [("Donald Trump", "named"), ("Donald Trump", "named"),
                                               ("Donald Trump", "continued")]


def test_handover_to_an_official_whose_title_names_a_city():
    text = ("قال الرئيس الروسي فلاديمير بوتين إن التعاون جيد.\n\n"
            "من جانبه، أكد ولي عهد أبوظبي الشيخ محمد بن زايد آل نهيان، أن صلات التعاون بين البلدين تشهد تطورا إيجابيا.")
    assert _speakers(hadath.extract(text))[-1] == ("Mohamed bin Zayed Al Nahyan", "handover")


def test_a_pair_after_bayna_is_not_the_speaker_of_a_passive_cue():
    text = "على الرغم من إعلان الولايات المتحدة الخميس إلغاء اللقاء الذي وصف بالتاريخي بين الرئيس الأميركي دونالد ترمب وزعيم كوريا الشمالية."
    assert hadath.extract(text).quotes == []


def test_a_body_speaking_through_its_spokesman():
    text = ("وذكرت الرئاسة المصرية على لسان المتحدث باسمها، السفير بسام راضي، عبر موقع فيسبوك، أن السيسي تلقى اتصالا "
            "هاتفيا من ماكرون.\n\nوأوضح راضي أن الرئيسين اتفقا على التنسيق.")
    assert _speakers(hadath.extract(text)) == [("Bassam Radhi", "named"), ("Bassam Radhi", "named")]


def test_an_announcement_of_a_thing_is_not_a_quote_unless_speech_follows():
    lead = "قال وزير الخارجية الصيني وانغ يي إن القمة ناجحة.\n\n"
    rec = hadath.extract(lead + "أعلن الرئيس الصيني شي جين بينغ عن سلسلة من مبادرات التعاون الرئيسية في القمة.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Wang Yi"]
    rec = hadath.extract(lead + "وأعلن الرئيس الصيني شي جين بينغ عن مبادرات جديدة، مضيفا أن التعاون سيتعمق.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Wang Yi", "Xi Jinping"]


def test_a_family_first_name_is_called_by_its_family_name():
    rec = hadath.extract("أعلنت كوريا الشمالية أن الزعيم كيم جونغ أون سيعبر الحدود. وسيلتقي كيم الرئيس الكوري الجنوبي مون جاي-إن.")
    kim = next(e for e in rec.entities if e["name"] == "Kim Jong Un")
    assert len(kim["mentions"]) == 2
    assert ("036", "PRKGOV", "KORGOV") in {(e["code"], e["source"]["actor"], e["target"]["actor"]) for e in rec.events}


def test_a_name_between_a_verb_of_saying_and_its_title_is_the_speaker():
    rec = hadath.extract("وقال كيم كي غوان النائب الأول لوزير الخارجية الكوري الشمالي في بيان إن الإعلان كان غير متوقع.")
    kim = next(e for e in rec.entities if e["type"] == "PERSON")
    assert kim["country"] == "PRK" and kim["name"].startswith("Kim")
    assert [q["speaker"] for q in rec.quotes] == [kim["id"]]


def test_a_title_chain_through_a_media_body_and_a_comma_leads_to_the_name():
    for text in ("ويقول محرر الشؤون الدبلوماسية في بي بي سي، جيمس لاندل، إن هناك انتقادات كثيرة.",
                 "ويقول محرر بي بي سي للشؤون الأمنية، فرانك غاردنر، إن أحد السيناريوهات هو أنه اختطف."):
        rec = hadath.extract(text)
        person = next(e for e in rec.entities if e["type"] == "PERSON")
        assert person["country"] == "GBR" and "editor" in person["roles"]
        assert [q["speaker"] for q in rec.quotes] == [person["id"]]


def test_a_conjunction_with_a_pronoun_after_a_title_is_not_a_name():
    rec = hadath.extract("وقالت ساره ساندرز، الناطقة باسم البيت الأبيض، إنهما ناقشا قضايا تجارية.")
    people = [e["name"] for e in rec.entities if e["type"] == "PERSON"]
    assert len(people) == 1 and people[0].startswith("Sar")


def test_a_feminine_cue_does_not_continue_a_man():
    lead = "قال الرئيس الأمريكي دونالد ترامب إن القمة ستعقد.\n\n"
    rec = hadath.extract(lead + "وأشارت إلى إمكانية إلغاء القمة المرتقبة.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Donald Trump"]
    rec = hadath.extract("قالت رئيسة الوزراء البريطانية تيريزا ماي إن روسيا مسؤولة.\n\nوأضافت أن الرد سيكون حازما.")
    assert [q["how"] for q in rec.quotes] == ["named", "continued"]


def test_a_statement_is_not_read_as_a_preposition_and_a_name():
    lead = "قال وزير الخارجية الأمريكي مايك بومبيو إن المحادثات جيدة.\n\n"
    rec = hadath.extract(lead + "وأفاد بيان وزارة الخارجية الكورية الشمالية أن بيونغ يانغ ستدعم الحوار.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Mike Pompeo"]


def test_an_office_is_not_given_to_the_one_person_of_the_state_who_holds_another():
    text = ("وصل الرئيس الإريتري أسياس أفورقي إلى أديس أبابا.\n\n"
            "وأعلن وزير الإعلام الإريتري على تويتر أن حالة الحرب انتهت.")
    assert [q["speaker_name"] for q in hadath.extract(text).quotes] == []


def test_a_name_does_not_end_on_bin():
    rec = hadath.extract("وقال نائب الأمين العام للجامعة السفير أحمد بن حلى، خلال مؤتمر صحفي، إن القمة جاهزة.")
    person = next(e for e in rec.entities if e["type"] == "PERSON")
    assert len(person["surface"].split()) == 3 and "Haim" not in person["name"]


def test_said_in_it_is_said_by_whoever_issued_the_statement():
    text = ("ميلانيا بدلا من ترامب\n\n"
            "وأصدر ترامب بيان تعزية لعائلة بوش قال فيه :\"اخترت الغياب لتجنب حدوث اضطرابات\".")
    assert [q["speaker_name"] for q in hadath.extract(text).quotes] == ["Donald Trump"]


def test_a_preposition_and_a_noun_after_a_title_are_not_a_name():
    rec = hadath.extract("وقال رئيس وزراء هولندا بوجوب أولوية حل مشكلة خفض مستوى التدفق.")
    assert [e for e in rec.entities if e["type"] == "PERSON"] == []


def test_a_name_after_a_speakers_own_title_and_a_comma_is_whom_he_addressed():
    rec = hadath.extract("ودعا زعيم الديمقراطيين في مجلس الشيوخ الأمريكي تشاك شومر، ترامب بضرورة الكشف عما ناقشه مع بوتين.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Chuck Schumer"]
    rec = hadath.extract("بينما قال مستشار ترمب للأمن القومي، جون بولتون، إن الولايات المتحدة لا تتطلع لتحقيق إنجازات.")
    assert [q["speaker_name"] for q in rec.quotes] == ["John Bolton"]


def test_an_unnamed_spokesman_and_a_body_that_said_it_in_a_tweet_speak_for_nobody():
    lead = "قال الرئيس الكوري الجنوبي مون جاي إن إن القمة ناجحة.\n\n"
    rec = hadath.extract(lead + "وأعلن متحدث باسم رئاسة كوريا الجنوبية، الأحد، إن الجارة الشمالية ستغلق موقع التجارب.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Moon Jae-in"]
    rec = hadath.extract("قالت رئيسة الوزراء البريطانية تيريزا ماي إن روسيا مسؤولة.\n\n"
                         "وقبيل انقضاء المهلة التي حددتها ماي، نشرت السفارة الروسية عدة تغريدات تقول فيها إنها لن ترد.")
    assert [q["speaker_name"] for q in rec.quotes] == ["Theresa May"]


def test_an_office_naming_its_body_is_its_holder_named_earlier():
    text = ("أعلن الناطق باسم الكرملين، ديمتري بيسكوف، الأربعاء، أن روسيا منفتحة إزاء قمة بين الرئيس الروسي فلاديمير بوتين "
            "والرئيس الأمريكي دونالد ترامب.\n\nووصل الرئيس الأمريكي إلى هلسنكي.\n\n"
            "وردا على سؤال حول عمليات الطرد، قال المتحدث باسم الكرملين للصحافيين إن رد موسكو سيأتي في الوقت الملائم.")
    assert [q["speaker_name"] for q in hadath.extract(text).quotes][-1] == "Dmitry Peskov"
