"""Events: CAMEO code, source and target parties, negation, intent, date and place."""

from __future__ import annotations

import hadath


def _events(text, **kw):
    return [(e["code"], e["source"]["actor"], e["target"]["actor"]) for e in hadath.extract(text, **kw).events]


def test_seed_meetings_signing_support_and_intent(seed_000):
    rec = hadath.extract(seed_000)
    got = {(e["code"][:2], e["source"]["actor"][:3], e["target"]["actor"][:3]) for e in rec.events}
    for want in [("04", "CHN", "KAZ"), ("04", "CHN", "TJK"), ("04", "CHN", "UZB"), ("05", "CHN", "UZB"),
                 ("05", "KAZ", "CHN"), ("05", "TJK", "CHN"), ("03", "KAZ", "CHN"), ("03", "CHN", "TJK"), ("03", "UZB", "CHN")]:
        assert want in got, want
    for e in rec.events:
        assert e["date"] == "2024-12-01" and e["location"] == "Chengdu"
        s, t = e["cue_span"]
        assert seed_000[s:t] == e["cue"]
        assert e["span"][0] <= s < t <= e["span"][1]


def test_one_meeting_with_three_counterparts_gives_three_events():
    text = ("التقى وزير الخارجية الصيني وانغ يي كلا من وزير الخارجية الكازاخستاني مراد نورتلو، "
            "ووزير خارجية طاجيكستان سيروج الدين مهر الدين، ووزير الخارجية الأوزبكي بختيار سعيدوف.")
    got = {(c, s, t) for c, s, t in _events(text)}
    assert {("043", "CHNGOV", "KAZGOV"), ("043", "CHNGOV", "TJKGOV"), ("043", "CHNGOV", "UZBGOV")} <= got


def test_negated_meeting_gives_no_event():
    assert _events("لم يلتق وزير الخارجية الأمريكي نظيره الروسي سيرغي لافروف.") == []


def test_planned_meeting_is_intent_to_meet():
    got = _events("ومن المقرر أن يلتقي الرئيس الروسي فلاديمير بوتين الرئيس التركي رجب طيب أردوغان.")
    assert [(c, s[:3], t[:3]) for c, s, t in got] == [("036", "RUS", "TUR")]


def test_future_prefix_is_intent():
    got = _events("وسيزور الرئيس الفرنسي إيمانويل ماكرون الجزائر.")
    assert [(c, s[:3], t[:3]) for c, s, t in got] == [("036", "FRA", "DZA")]


def test_office_without_a_name_is_the_government_actor():
    got = _events("وزير الخارجية الصيني يلتقي نظيره الكازاخستاني في بكين")
    assert got and got[0][1] == "CHNGOV"


def test_verbal_noun_possessor_is_the_source():
    got = _events("وأكد وانغ يي دعم الصين لطاجيكستان في حماية سيادتها.")
    assert ("051", "CHN", "TJK") in got


def test_relative_day_resolves_against_the_input_date():
    got = hadath.extract("وقعت الصين وأوزبكستان اليوم (الأحد) اتفاقا للإعفاء من التأشيرات.", date="2024-12-01").events
    assert got and got[0]["date"] == "2024-12-01" and got[0]["code"] == "057"


def test_declared_relationship_is_diplomatic_cooperation(seed_002):
    got = {(e["code"], e["source"]["actor"], e["target"]["actor"]) for e in hadath.extract(seed_002).events}
    assert {("050", "CHN", "KGZ"), ("050", "CHN", "TJK")} <= got


def test_raised_relationship_with_an_event_already_read_adds_none(seed_000):
    codes = [(e["code"][:2], e["target"]["actor"][:3]) for e in hadath.extract(seed_000).events]
    assert codes.count(("05", "TJK")) == 1


def test_exchanged_accusations_go_both_ways():
    got = _events("وقال الرئيس الأمريكي دونالد ترامب إنه تبادل الاتهامات مع الرئيس الإيراني حسن روحاني.")
    got = {(c, s[:3], t[:3]) for c, s, t in got}
    assert {("112", "USA", "IRN"), ("112", "IRN", "USA")} <= got


def test_threats_between_two_leaders_are_mutual():
    got = {(c, s[:3], t[:3]) for c, s, t in
           _events("وتصاعدت التهديدات بين الرئيس الأمريكي دونالد ترامب والزعيم الكوري الشمالي كيم جونغ أون.")}
    assert {("130", "USA", "PRK"), ("130", "PRK", "USA")} <= got


def test_summit_named_after_its_place_or_body_has_no_such_party():
    assert _events("وقال الرئيس الأمريكي دونالد ترامب إن قمة هلسنكي كانت ناجحة، وإن قمة مجموعة السبع مفيدة.") == []
    got = _events("والتقى الرئيس الأمريكي دونالد ترامب الرئيس الروسي فلاديمير بوتين خلال قمة هلسنكي.")
    assert got == [("043", "USAGOV", "RUSGOV")]


def test_a_summit_that_brought_three_states_together_gives_every_pair():
    got = {(c, *sorted((s[:3], t[:3]))) for c, s, t in
           _events("وانتهت القمة الثلاثية التي جمعت روسيا وتركيا وإيران في أنقرة.")}
    assert {("043", "RUS", "TUR"), ("043", "IRN", "RUS"), ("043", "IRN", "TUR")} <= got


def test_a_match_between_national_teams_is_not_a_meeting():
    assert _events("والتقى منتخب مصر نظيره التونسي في المباراة النهائية للبطولة.") == []
    assert _events("والتقى وزير الخارجية المصري نظيره التونسي في القاهرة.")


def test_coordinated_sources_each_act():
    got = {(c, s[:3], t[:3]) for c, s, t in _events("وأعلنت السعودية والإمارات والبحرين قطع علاقاتها مع قطر.")}
    assert {("161", "SAU", "QAT"), ("161", "ARE", "QAT"), ("161", "BHR", "QAT")} <= got


def test_a_state_after_fi_is_the_place_not_a_party():
    got = _events("وأنهى ولي العهد السعودي الأمير محمد بن سلمان في إسبانيا جولة شملت الولايات المتحدة وبريطانيا.")
    assert got and all(s[:3] != "ESP" and t[:3] != "ESP" for _, s, t in got)


def test_a_visit_without_a_named_place_is_in_the_visited_capital():
    (ev,) = hadath.extract("وزار وزير الخارجية الروسي سيرغي لافروف كوريا الشمالية.").events
    assert ev["code"] == "042" and ev["target"]["actor"][:3] == "PRK" and ev["location"] == "Pyongyang"


def test_the_two_countries_as_subject_are_the_last_pair():
    text = ("والتقى رئيس الوزراء الإثيوبي أبي أحمد الرئيس الإريتري أسياس أفورقي في أسمرة.\n\n"
            "وأكدا أن البلدين سيعملان معا لتشجيع تعاون وثيق.")
    got = {(c, *sorted((s[:3], t[:3]))) for c, s, t in _events(text)}
    assert ("030", "ERI", "ETH") in got


def test_subject_before_an_auxiliary_is_the_subject():
    # "وكان X قد V": the name before قد acts, not the party after the verb
    got = _events("وكان الرئيس الكوري الشمالي كيم جونغ أون قد التقى الرئيس الصيني شي جين بينغ في بكين.")
    assert [(c[:2], s[:3], t[:3]) for c, s, t in got] == [("04", "PRK", "CHN")]


def test_coordinated_states_before_a_verbal_noun_are_its_sources():
    got = _events("وجاء ذلك بعد إعلان السعودية والإمارات والبحرين قطع العلاقات مع قطر.")
    assert {(c[:2], s, t) for c, s, t in got} == {("16", "SAU", "QAT"), ("16", "ARE", "QAT"), ("16", "BHR", "QAT")}


def test_nunated_state_name_is_an_adjective_not_a_party():
    # "دبلوماسيا روسياً": Russian diplomats; Russia is the target, Britain the source
    got = _events("وأعلنت بريطانيا طرد 23 دبلوماسيا روسياً.")
    assert [(c[:2], s[:3], t[:3]) for c, s, t in got] == [("16", "GBR", "RUS")]


def test_congratulations_are_praise_for_each_coordinated_addressee():
    got = _events("كما هنأ الرئيس الكيني أوهورو كينياتا رئيس الوزراء الإثيوبي أبي أحمد والرئيس الإريتري إيسياس أفورقي.")
    assert ("051", "KENGOV", "ETHGOV") in got and ("051", "KENGOV", "ERIGOV") in got


def test_a_long_list_of_states_after_a_statement_is_not_a_list_of_targets():
    got = _events("وانتقد ترامب الاتفاق الذي وقعته إيران مع الولايات المتحدة وروسيا والصين وبريطانيا وفرنسا.")
    assert {t[:3] for c, s, t in got if c.startswith("11")} <= {"IRN"}


def test_a_meeting_far_from_any_partner_word_has_no_other_side():
    got = _events("اجتمع وزراء خارجية الاتحاد الأوروبي اليوم الاثنين في لوكسمبورغ وسط غياب موقف موحد حول "
                  "الموقف من الولايات المتحدة.")
    assert not [e for e in got if e[0].startswith("04")]


def test_a_meeting_dated_after_the_article_is_intent(seed_000):
    got = _events("وتعقد في 12 يونيو القمة التاريخية بين الرئيس الأمريكي دونالد ترامب والزعيم الكوري الشمالي كيم جونغ أون.",
                  date="2018-06-08")
    assert ("036", "USAGOV", "PRKGOV") in got or ("036", "PRKGOV", "USAGOV") in got
    assert not [e for e in got if e[0].startswith("04")]


def test_the_doer_of_a_verbal_noun_in_a_relative_clause():
    got = _events("وأدانت موسكو الضربات الجوية التي شنتها الولايات المتحدة وفرنسا وبريطانيا على سوريا.")
    assert ("11", "RUS", "USA") in {(c[:2], s[:3], t[:3]) for c, s, t in got}
    assert not [e for e in got if e[1][:3] in ("USA", "FRA") and e[2][:3] in ("FRA", "GBR")]


def test_a_party_after_a_preposition_is_not_the_subject():
    got = _events("وفي حين كانت زيارتا الرئيس الأمريكي دونالد ترامب عاصفتين، إذ انتقد خلالهما بشدة حلفاءه في حلف شمال الأطلسي.")
    assert not [e for e in got if e[1].startswith("IGO")]


def test_a_time_word_opens_a_new_event_and_the_summit_has_its_own_parties():
    got = _events("تأتي زيارة لافروف قبيل قمة مقررة بين الرئيس الأميركي، دونالد ترمب، والزعيم الكوري الشمالي، كيم يونغ أون.")
    assert {(c, s[:3], t[:3]) for c, s, t in got if c == "036"} >= {("036", "USA", "PRK")} or \
        ("036", "PRKGOV", "USAGOV") in got
    assert not [e for e in got if e[1].startswith("RUS") and e[2].startswith("USA")]


def test_a_masculine_verb_does_not_take_a_feminine_state_as_subject():
    # "وشكر فرنسا": فرنسا is thanked; the subject is the one speaking
    got = _events("قال الرئيس الأمريكي دونالد ترامب في مؤتمر صحفي إن الحلفاء يقفون معا. وشكر فرنسا على انضمامها إلى الولايات المتحدة.")
    assert ("051", "USAGOV", "FRA") in got
    assert not [e for e in got if e[1].startswith("FRA")]
    # the feminine verb agrees, so the state is its subject
    assert ("051", "FRA", "USA") in _events("وشكرت فرنسا الولايات المتحدة على دعمها.")


def test_a_verb_joined_by_wa_shares_the_previous_verbs_subject():
    got = _events("واستقبل الرئيس الأمريكي دونالد ترامب نظيره الفرنسي إيمانويل ماكرون في البيت الأبيض وشكر فرنسا على دعمها.")
    assert ("051", "USAGOV", "FRA") in got


def test_states_coordinated_after_a_preposition_are_not_subjects():
    got = _events("وبعد ضغط مكثف من بريطانيا وفرنسا وألمانيا، وقع قادة دول التكتل بيانا واتهم روسيا بتنفيذ العملية.")
    assert not [e for e in got if e[1][:3] in ("GBR", "FRA", "DEU")]


def test_incumbent_on_a_state_is_a_demand_of_the_speaker():
    got = _events("وقال وزير الخارجية الأمريكي مايك بومبيو إن على إيران أن توقف دعمها للجماعات المسلحة.")
    assert ("100", "USAGOV", "IRN") in got


def test_an_office_of_an_international_body_acts_for_the_body():
    got = _events("وأدان الأمين العام لحلف شمال الأطلسي الهجوم الكيميائي على سوريا.")
    assert ("111", "IGOWSTNAT", "SYR") in got


def test_the_addressee_of_a_verbal_noun_after_li_is_its_target():
    got = _events("وبعث العاهل السعودي، الملك سلمان بن عبد العزيز ببرقية تهنئة للرئيس المصري عبد الفتاح السيسي.")
    assert ("051", "SAUGOV", "EGYGOV") in got and not [e for e in got if e[1].startswith("EGY")]


def test_a_government_named_by_its_nationality_acts_for_its_state():
    got = _events("وقررت الحكومة البريطانية طرد 23 دبلوماسيا روسياً.")
    assert ("16", "GBR", "RUS") in {(c[:2], s[:3], t[:3]) for c, s, t in got}
    assert [e for e in hadath.extract("الحكومة السورية وحلفائها").entities if e["type"] == "PERSON"] == []


def test_an_event_without_a_day_of_its_own_takes_the_leads_day():
    text = ("عقد الرئيس الأميركي دونالد ترمب وقادة مجموعة السبع أول جلسة عمل لقمتهم المقامة في كندا الجمعة.\n\n"
            "وقد أعلن ترمب تحقيق تقدم في المحادثات التجارية مع كندا، وذلك خلال لقائه رئيس الوزراء الكندي جاستن ترودو.")
    rec = hadath.extract(text, date="2018-06-09")
    meetings = [e for e in rec.events if e["code"].startswith("04") and e["target"]["actor"].startswith("CAN")]
    assert meetings and all(e["date"] == "2018-06-08" for e in meetings)


def test_a_description_is_criticism_and_a_designation_in_it_is_praise():
    got = _events("ووصف ترامب الزعيم الكوري الشمالي بأنه رجل الصاروخ الصغير.")
    assert ("111", "USAGOV", "PRKGOV") in got
    got = _events("ووصف وزير الخارجية الكازاخستاني الصين بأنها شريكة استراتيجية شاملة موثوقة.")
    assert ("051", "KAZGOV", "CHN") in got and not [e for e in got if e[0] == "111"]
    assert _events("ووصف الحادث الذي وقع في موسكو.") == []


def test_to_look_for_someone_is_not_to_hold_talks():
    assert _events("وتقول تركيا إنها ستبحث عن الصحفي جمال خاشقجي داخل القنصلية السعودية في إسطنبول.") == []
    assert [c for c, s, t in _events("وبحث الرئيس التركي رجب طيب أردوغان مع العاهل السعودي الملك سلمان القضية.")] == ["040"]


def test_still_after_a_negation_particle_does_not_negate():
    events = _events("خبر\n\nوقالت كوريا الشمالية أنها لا تزال على استعداد لإجراء محادثات مع الولايات المتحدة.")
    assert ("036", "PRK", "USA") in events


def test_a_dual_pronoun_on_a_verbal_noun_points_to_both_coordinated_parties():
    events = _events("خبر\n\nوكان ترامب وماكرون قد عبرا الثلاثاء عن رغبتهما في التوصل إلى اتفاق جديد مع طهران.")
    assert {(s, t) for c, s, t in events if c.startswith("03")} == {("USAGOV", "IRNGOV"), ("FRAGOV", "IRNGOV")}


def test_noun_cues_take_pronoun_suffixes_the_table_does_not_list():
    from hadath.extractors.cues import cues, noun_forms

    assert "رغبتهما" in noun_forms("رغبه") and "دعمهم" in noun_forms("دعم")
    assert noun_forms("الدعم") == []
    assert ("رغبتهما",) in cues().events.by_first["رغبتهما"]


def test_the_targets_of_coordinated_doers_come_after_the_whole_run():
    rec = hadath.extract("خبر\n\nاجتمع وزراء خارجية الاتحاد الأوروبي اليوم الاثنين في لوكسمبورغ وسط غياب موقف موحد حول "
                         "الضربات الجوية التي شنتها الولايات المتحدة وفرنسا وبريطانيا فجر السبت الماضي على سوريا.",
                         date="2018-04-16")
    strikes = {(e["source"]["actor"], e["target"]["actor"], e["date"]) for e in rec.events if e["code"] == "195"}
    # each of the three struck Syria, on the Saturday the clause names, not the Monday of the meeting
    assert strikes == {("USA", "SYR", "2018-04-14"), ("FRA", "SYR", "2018-04-14"), ("GBR", "SYR", "2018-04-14")}


def test_a_day_inside_a_relative_clause_about_something_else_is_not_the_events():
    rec = hadath.extract("خبر\n\nوجه رئيس الجمهورية الباجي قايد السبسي اليوم الجمعة برقية تعزية الى الرئيس الفرنسي "
                         "فرنسوا هولاند، وذلك على اثر الاعتداء الارهابي الذي جد أمس الخميس في باريس.", date="2017-04-21")
    assert {e["date"] for e in rec.events} == {"2017-04-21"}


def test_an_object_pronoun_on_the_verb_is_the_party_named_before_it():
    events = _events("خبر\n\nبالإضافة إلى العلاقات الأميركية مع الاتحاد الأوروبي الذي وصفه ترمب بأنه خصم على الساحة التجارية.")
    assert ("111", "USAGOV", "IGOEUREEC") in events
    events = _events("خبر\n\nأشاد الرئيس الفرنسي إيمانويل ماكرون بالعلاقات. واستقبله الرئيس الصيني شي جين بينغ في قاعة الشعب الكبرى.")
    assert ("043", "CHNGOV", "FRAGOV") in events
    # the object of a signing is the agreement, never a party
    events = _events("خبر\n\nانتقد ترامب الاتفاق النووي مع إيران ووصفه بأنه أسوأ اتفاق وقعته بلاده.")
    assert not [e for e in events if e[0] == "057"]


def test_the_two_leaders_are_the_pair_that_last_dealt_with_each_other():
    events = _events("خبر\n\nوذكر مكتب الرئيس التركي أن ترمب هنأ أردوغان في اتصال هاتفي اليوم بفوزه، "
                     "وأن الزعيمين اتفقا على تحسين العلاقات الثنائية في مجالي الدفاع والأمن.")
    assert ("030", "USAGOV", "TURGOV") in events


def test_a_pair_before_a_mutual_noun_did_it_to_each_other():
    events = _events("خبر\n\nوفي تحول كبير منذ تبادل كيم جونغ أون وترامب التهديدات بشن حرب، تعهد الزعيم الكوري الشمالي بالعمل.")
    assert {("130", "PRKGOV", "USAGOV"), ("130", "USAGOV", "PRKGOV")} <= set(events)


def test_a_phone_call_noun_reaches_its_caller_over_a_title():
    events = _events("خبر\n\nيأتي ذلك بعد يوم من مكالمة العاهل السعودي، الملك سلمان بن عبدالعزيز آل سعود، "
                     "مع الرئيس التركي رجب طيب أردوغان.")
    assert ("041", "SAUGOV", "TURGOV") in events


def test_a_meeting_noun_after_bi_and_a_future_verb_is_intent_with_the_genitive():
    events = _events("خبر\n\nقال الرئيس الأمريكي دونالد ترامب إنه سيتشرف بلقاء الزعيم الكوري الشمالي كيم جونغ أون.")
    assert [e for e in events if e[0].startswith("03")] == [("036", "USAGOV", "PRKGOV")]


def test_the_state_of_a_dateline_is_not_a_party():
    rec = hadath.extract("خبر\n\nدبي، الإمارات العربية المتحدة (CNN)-- علقت السفارة اليمنية في أمريكا على لقاء وفد "
                         "من جماعة الحوثي بالأمين العام لحزب الله اللبناني، حسن نصرالله.")
    assert not [e for e in rec.events if "ARE" in (e["source"]["actor"], e["target"]["actor"])]


def test_a_summit_with_the_dual_pronoun_is_between_the_two_named_before_it():
    rec = hadath.extract("خبر\n\nيعقد الرئيسان الروسي فلاديمير بوتين والأمريكي دونالد ترامب قمتهما الثنائية الأولى في هلسنكي "
                         "عاصمة فنلندا الاثنين 16 تموز/يوليو.", date="2018-07-15")
    got = {(e["code"], e["date"]) for e in rec.events if {e["source"]["actor"], e["target"]["actor"]} == {"USAGOV", "RUSGOV"}}
    # the weekday goes with the date that spells it out: a summit still to come, so intent
    assert got == {("036", "2018-07-16")}


def test_an_idiom_holding_a_cue_word_states_no_event():
    assert _events("خبر\n\nوعلى وقع أصداء قضية تدخل روسيا في الانتخابات الأمريكية، ستركز القمة على العلاقات.") == []


def test_a_first_person_plural_verb_is_the_speakers_side_acting_on_the_party_after_it():
    rec = hadath.extract("خبر\n\nمن جهته نشر الشيخ خالد بن أحمد، وزير خارجية البحرين، تغريدة على صفحته بتويتر قال فيها: "
                         "\"نهنئ مصر وشعب مصر بفوز فخامة الرئيس عبدالفتاح السيسي في الانتخابات\".")
    khalid = next(e for e in rec.entities if e["type"] == "PERSON" and e["name"].startswith("Khalid"))
    assert khalid["country"] == "BHR" and "Foreign Minister" in khalid["roles"]   # the title in apposition
    assert ("051", "BHRGOV", "EGY") in {(e["code"], e["source"]["actor"], e["target"]["actor"]) for e in rec.events}


def test_an_arrival_is_a_visit_to_the_state_of_the_place_reached():
    events = _events("خبر\n\nوصل ولي العهد السعودي محمد بن سلمان مساء الأربعاء إلى مدريد، المحطة الأخيرة في جولته.")
    assert ("042", "SAUGOV", "ESP") in events
    events = _events("خبر\n\nووصل إلى طهران فلاديمير بوتين ورجب طيب إردوغان للقاء روحاني.")
    assert {("RUSGOV", "IRN"), ("TURGOV", "IRN")} <= {(s, t[:3]) for c, s, t in events if c == "042"}
    assert _events("خبر\n\nووصل عدد القتلى إلى خمسين في سوريا.") == []


def test_nationality_adjectives_after_a_verbal_noun_name_its_doers():
    events = _events("خبر\n\nيحاول الاتحاد الأوروبي احتواء الانقسامات حول الضربات الأمريكية الفرنسية البريطانية على سوريا.")
    assert {("195", "USA", "SYR"), ("195", "FRA", "SYR"), ("195", "GBR", "SYR")} <= set(events)
    # a noun between is the object, and the adjective is its own: "دعم الإدارة المصرية"
    events = _events("خبر\n\nورحب المجلس بانضمام قطر إلى باقي دول المجلس في دعم الإدارة المصرية.")
    assert not [e for e in events if e[1] == "EGY"]


def test_with_the_support_of_and_a_plural_ready_name_no_event():
    assert _events("خبر\n\nقال بوتين إن المحادثات في أستانة عملية موازية للمناقشات في جنيف بدعم من الأمم المتحدة.") == []
    assert _events("خبر\n\nقال ترامب إن أوروبا ضعيفة.\n\nويبدو أنهم مستعدون مع كندا واليابان لعزل الولايات المتحدة.") == []


def test_talks_that_took_place_between_two_parties_are_theirs():
    events = _events("خبر\n\nورحب ترامب أمس بالتقارير عن إحراز تقدم في المباحثات التي جرت بين زعيمي الصين وكوريا الشمالية في بكين.")
    assert ("040", "CHN", "PRK") in events and ("040", "USAGOV", "CHN") not in events


def test_a_call_that_brought_two_leaders_together_is_a_call():
    events = _events("خبر\n\n3 ملفات تصدرت مكالمة هاتفية جمعت الرئيسين المصري عبدالفتاح السيسي والفرنسي إيمانويل ماكرون، الخميس.")
    assert events == [("041", "EGYGOV", "FRAGOV")]


def test_each_other_makes_a_directed_cue_go_both_ways():
    events = _events("خبر\n\nسيلتقي الرئيس الأميركي دونالد ترمب والروسي فلاديمير بوتين الاثنين.\n\n"
                     "وقد يتفق الزعيمان، اللذان امتدحا قدرات بعضهما البعض القيادية عن بعد، على زيادة عدد العاملين في سفارتيهما.")
    assert {("051", "USAGOV", "RUSGOV"), ("051", "RUSGOV", "USAGOV")} <= set(events)


def test_one_meeting_per_pair_and_day():
    events = _events("خبر\n\nوقال ماكرون للصحافيين لدى بدء اجتماعه مع نظيره الأميركي دونالد ترامب على هامش القمة إن النقاش جيد. "
                     "ورحب ماكرون بتحقيق تقدم في المفاوضات مع ترامب.")
    assert len([e for e in events if e[0].startswith("04")]) == 1


def test_a_city_that_names_a_treaty_is_no_party_and_lifted_sanctions_are_none():
    assert _events("خبر\n\nودعا وزير الخارجية الإيطالي إلى وجوب الاتفاق حول تعديل قانون دبلن.") == []
    events = _events("خبر\n\nحاول الأوروبيون إقناع ترامب بعدم الانسحاب من الاتفاق مقابل رفع تدريجي للعقوبات المفروضة على إيران.")
    assert not [e for e in events if e[0].startswith("16")]


def test_sitting_down_together_is_a_meeting_and_a_session_is_not_sitting_with_him():
    events = _events("خبر\n\nسيجلس الرئيس الأميركي، دونالد ترمب، والروسي فلاديمير بوتين معاً، الاثنين، في أول قمة بينهما.")
    assert ("036", "USAGOV", "RUSGOV") in events
    assert _events("خبر\n\nعقد قادة مجموعة السبع أول جلسة عمل لقمتهم المقامة في كندا الجمعة.") == []


def test_a_call_in_which_an_act_was_done_is_between_its_parties():
    events = _events("خبر\n\nذكر مكتب الرئيس التركي أن ترمب هنأ أردوغان في اتصال هاتفي اليوم بفوزه بالانتخابات.")
    assert ("051", "USAGOV", "TURGOV") in events and ("041", "USAGOV", "TURGOV") in events


def test_a_complaint_against_a_state_and_a_proposal_to_a_government():
    assert ("115", "IGOEUREEC", "USA") in _events("خبر\n\nورفع الاتحاد الأوروبي شكوى ضد الولايات المتحدة إلى منظمة التجارة العالمية.")
    events = _events("خبر\n\nقال السفير الروسي في لندن ألكسندر ياكوفنكو إنه اقترح على الحكومة البريطانية فتح تحقيق مشترك.")
    assert ("020", "RUSGOV", "GBRGOV") in events


def test_a_summit_during_which_a_pair_signed_is_not_their_meeting():
    events = _events("خبر\n\nكما وقعت الصين خلال القمة اتفاقية للإعفاء المتبادل من التأشيرة مع كازاخستان.")
    assert ("057", "CHN", "KAZ") in events and not [e for e in events if e[0].startswith("04")]


def test_a_participle_shares_the_subject_of_the_sentence():
    events = _events("خبر\n\nفرض دونالد ترامب الجمعة جدول أعماله على حلفائه في قمة مجموعة السبع، "
                     "ومتهما في ردٍ مضاد الاتحاد الأوروبي وأوتاوا بالحمائية.")
    assert {("112", "USAGOV", "IGOEUREEC"), ("112", "USAGOV", "CANGOV")} <= set(events)


def test_cancelling_a_summit_halts_negotiations():
    events = _events("خبر\n\nوأعلن الرئيس الأميركي دونالد ترامب إلغاء القمة مع الزعيم الكوري الشمالي كيم جونغ أون.")
    assert ("164", "USAGOV", "PRKGOV") in events


def test_driving_out_armed_men_is_fighting_and_expelling_diplomats_is_not():
    events = _events("خبر\n\nكما طردت تركيا المقاتلين الأكراد من مدينة عفرين السورية.")
    assert [e for e in events if e[1] == "TUR"][0][0] == "190"
    events = _events("خبر\n\nوأعلنت الحكومة البريطانية طرد 23 دبلوماسيا من السفارة الروسية.")
    assert not [e for e in events if e[0] == "190"]


def test_any_meeting_is_one_not_held_but_that_is_changes_nothing():
    events = _events("خبر\n\nقال البيت الأبيض إن على كوريا الشمالية أن تفي بعدد من الشروط قبل إجراء أي لقاء بين "
                     "الرئيس الأمريكي دونالد ترامب والزعيم الكوري الشمالي كيم جونغ أون.")
    assert ("036", "USAGOV", "PRKGOV") in events and not [e for e in events if e[0].startswith("04")]
    events = _events("خبر\n\nأي أن الرئيس الصيني شي جين بينغ التقى الرئيس الروسي فلاديمير بوتين أمس.")
    assert ("043", "CHNGOV", "RUSGOV") in events


def test_sports_copy_states_no_diplomatic_event_but_a_boycott_of_a_cup_is_one():
    assert _events("خبر\n\nرفض لاعب أياكس أمستردام، نصير مزراوي، عرض المنتخب الهولندي، وقرر الالتحاق بالمنتخب المغربي، "
                   "استعدادا لمباراة تصفيات كأس أمم أفريقيا، أمام مالاوي.") == []
    events = _events("خبر\n\nكما أعلنت بريطانيا عن مقاطعة الأسرة الملكية والوزراء لكأس العالم 2018 في روسيا، "
                     "وتجميد أصول لروسيا في بريطانيا.")
    assert ("163", "GBR", "RUS") in events


def test_a_visit_that_was_called_off_is_no_visit():
    events = _events("خبر\n\nوكان من المفترض حضور ترامب للقمة في ليما، ومن ثم زيارة العاصمة الكولومبية بوغوتا، والتي ألغيت أيضاً.")
    assert not [e for e in events if e[0].startswith("04") and e[2].startswith("COL")]
