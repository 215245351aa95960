"""Every rule and every exception in alongside/safety/risk/data has a sentence here.

All sentences are our own, written for these tests.
"""

import pytest

from alongside.safety.risk import RiskLevel, assess_risk
from alongside.safety.risk.rules import ALL_RULE_IDS

URGENT, CONCERN, NONE = RiskLevel.URGENT, RiskLevel.CONCERN, RiskLevel.NONE

# (sentence, expected level, a signal that must be present)
URGENT_CASES = [
    ("I want to die and I have the pills ready", "intent.want_to_die"),
    ("I wish I was dead, I have a plan", "intent.wish_dead"),
    ("I'm going to kill myself tonight", "intent.kill_myself"),
    ("I will end my life this weekend", "intent.end_my_life"),
    ("I am going to commit suicide tomorrow", "intent.suicide"),
    ("I am feeling suicidal and I know how I will do it", "intent.suicidal"),
    ("I want to die, I have been saving paracetamol", "method.overdose"),
    ("I want to kill myself, there is a rope in the shed", "method.hanging"),
    ("I want to end it all by jumping off the bridge", "method.jumping"),
    ("I want to die, I have a razor blade here", "method.cutting"),
    ("I want to kill myself with my dad's gun", "method.firearm"),
    ("I want to die so I will drink bleach", "method.other"),
    ("I have a plan and I'm going to kill myself", "plan.have_plan"),
    ("I want to die. I have written my note.", "plan.note"),
    ("I want to die, I have stockpiled enough pills", "plan.prepared"),
    ("I want to die and today is the day", "timing.soon"),
    ("I will kill myself after everyone is asleep", "timing.when_alone"),
    ("I want to die. This is goodbye.", "goodbye.this_is_goodbye"),
    ("I'm going to end my life. Tell my mum I love her.", "goodbye.tell_loved_ones"),
    ("I want to die. I am sorry for everything.", "goodbye.sorry_for_everything"),
    ("I want to die. I love you all. Goodbye.", "goodbye.farewell"),
    ("I'm going to kill myself. Bye everyone", "urgent.intent_with_goodbye"),
    ("By the time you read this I'll be gone", "goodbye.final"),
    ("This is my last message, thank you all", "urgent.final_goodbye"),
    ("I tried to kill myself last night", "urgent.recent_attempt"),
    ("I want to die tonight", "urgent.intent_with_timing"),
    ("I want to kill myself with pills", "urgent.intent_with_method"),
    ("I have a plan, I want to die", "urgent.intent_with_plan"),
    ("I want to die, goodbye forever", "urgent.intent_with_goodbye"),
    ("I'm going to jump off the bridge tonight", "intent.jump"),
    ("I want to throw myself in front of a train tomorrow", "intent.jump"),
    ("I took an overdose an hour ago", "urgent.recent_attempt"),
    ("I've just taken all my pills", "urgent.recent_attempt"),
    ("I'm writing my suicide note now", "urgent.final_goodbye"),
    # hard cases: leetspeak, algospeak, misspellings, zero-width, repeated letters
    ("i wanna k1ll mys3lf 2nite", "intent.kill_myself"),
    ("gonna d13 tonite", "intent.no_subject"),
    ("i want to d13 t0night", "urgent.intent_with_timing"),
    ("kms tonight", "urgent.intent_with_timing"),
    ("im going to unalive myself tmrw", "urgent.intent_with_timing"),
    ("planning sewer slide this weekend, I am going to commit sewer slide", "intent.suicide"),
    ("I'm going to self delete tonight", "intent.kill_myself"),
    ("gonna commit sudoku tonight", "intent.suicide"),
    ("im going to kil myslef tomorow", "intent.kill_myself"),
    ("I am going to k\u200bill myself tonight", "intent.kill_myself"),
    ("I want to diiiie tonight", "intent.want_to_die"),
    ("I'M GOING TO KILL MYSELF TONIGHT", "intent.kill_myself"),
    ("thinking about killing myself tonight", "intent.kill_myself"),
    ("ending my life tomorrow", "intent.end_my_life"),
    ("I\u2019m going to end it all tonight", "intent.end_my_life"),
]

CONCERN_CASES = [
    ("I want to die", "concern.intent_only"),
    ("I think about killing myself every day", "concern.intent_only"),
    ("Some days I feel suicidal", "concern.suicide_mention"),
    ("I just want to not wake up", "concern.intent_only"),
    ("I feel completely hopeless", "concern.hopeless"),
    ("There is no reason to live any more", "concern.no_reason_to_live"),
    ("Everyone would be better off without me", "concern.better_off_without_me"),
    ("I am such a burden", "concern.burden"),
    ("I started cutting again and I hurt myself", "concern.self_harm"),
    ("I can't go on like this", "concern.cannot_go_on"),
    ("I just want to disappear", "concern.disappear"),
    ("I don't want to be here anymore", "concern.not_want_to_live"),
    ("She said 'I want to die tonight' in her sleep", "exception.quoted"),
    ("I feel trapped with no way out", "concern.trapped"),
    ("I am worthless and I hate myself", "concern.worthless"),
    ("I keep reading about suicide", "concern.suicide_mention"),
    ("Tell my sister I love her", "concern.goodbye_only"),
    ("My friend says she wants to die", "concern.third_party"),
    ("My brother is suicidal and I don't know what to do", "concern.third_party"),
    ("I'm scared my flatmate will kill herself tonight", "concern.third_party"),
    ('He keeps singing "I want to die tonight" in the car', "exception.quoted"),
    ("That song lyric, I want to kill myself tonight, is stuck in my head", "exception.quoted"),
    ("Last year I tried to kill myself", "exception.past_tense"),
    ("When I was younger I used to want to die", "exception.past_tense"),
    ("I want to die tonight. But I would never do it.", "exception.disavowed"),
    ("I want to kill myself with pills. I am safe though.", "exception.disavowed"),
    ("I feel hopeless and I'm a burden and there is no reason to live", "concern.burden"),
]

NONE_CASES = [
    ("", None),
    ("   \n\t ", None),
    ("Lovely walk by the river today", None),
    ("I would never kill myself", "exception.negated"),
    ("I don't want to die", "exception.negated"),
    ("I'm not suicidal, just tired", "exception.negated"),
    ("I am not hopeless any more", "exception.negated"),
    ("I would never hurt myself again", "exception.negated"),
    ("This exam is killing me", "idiom.killing_me"),
    ("I could kill for a coffee right now", "idiom.kill_for"),
    ("I'm dying to see the new film tonight", "idiom.dying_to"),
    ("That cake is to die for", "idiom.dying_to"),
    ("I nearly died of embarrassment today", "idiom.die_of"),
    ("We were dead laughing at the quiz tonight", "idiom.die_of"),
    ("Playing cards to kill time tonight", "idiom.kill_time"),
    ("The band was killing it tonight", "exception.idiom"),
    (
        "Two years ago I tried to kill myself with pills. Today I am doing well.",
        "exception.recovered",
    ),
    (
        "Back when I was at school I wanted to end my life. These days I feel happy.",
        "exception.recovered",
    ),
    ("I used to want to die, and I am so glad I am still here", "exception.recovered"),
    ("I'm going to the bridge club tonight", None),
    ("Bye everyone!", None),
    ("Thanks for listening, I love you all", None),
    ("I was killing myself laughing tonight", "idiom.die_of"),
    ("Goodbye everyone, see you at the meeting tomorrow", None),
    ("I took my tablets this morning as usual", None),
    ("My cat is a menace, she'll be the death of me", "idiom.death_of_me"),
    (
        "Ten years ago I wanted to die. Now I'm doing well and I have a job I love.",
        "exception.recovered",
    ),
]


@pytest.mark.parametrize(("text", "signal"), URGENT_CASES)
def test_urgent_cases(text, signal):
    result = assess_risk(text)
    assert result.level == URGENT, result
    assert signal in result.signals
    assert 0.88 <= result.score <= 1.0


@pytest.mark.parametrize(("text", "signal"), CONCERN_CASES)
def test_concern_cases(text, signal):
    result = assess_risk(text)
    assert result.level == CONCERN, result
    assert signal in result.signals
    assert 0.3 <= result.score <= 0.85


@pytest.mark.parametrize(("text", "signal"), NONE_CASES)
def test_none_cases(text, signal):
    result = assess_risk(text)
    assert result.level == NONE, result
    assert result.score == 0.0
    if signal:
        assert signal in result.signals


NEGATION_PLACEMENT = [
    # same clause: ignored; later sentence: still at least concern
    ("I would never kill myself tonight", NONE),
    ("I do not want to die tomorrow", NONE),
    ("I don't know why but I want to die tonight", URGENT),
    ("I'm not okay and I want to kill myself tonight", URGENT),
    ("I am going to kill myself tonight. I would never do it though.", CONCERN),
    ("I'm not going to kill myself. I want to die.", CONCERN),
]


@pytest.mark.parametrize(("text", "level"), NEGATION_PLACEMENT)
def test_negation_in_the_same_clause_versus_a_later_sentence(text, level):
    assert assess_risk(text).level == level


def test_a_recovery_story_with_present_intent_is_still_assessed():
    text = "Two years ago I tried to kill myself. Today I want to die again and I have pills."
    assert assess_risk(text).level == URGENT


def test_lexicon_hits_add_up():
    one = assess_risk("I feel hopeless")
    three = assess_risk("I feel hopeless, I am a burden and there is no reason to live")
    assert three.score > one.score


def test_more_urgent_components_score_higher():
    assert (
        assess_risk("I'm going to kill myself tonight with pills. This is goodbye.").score
        > assess_risk("I'm going to kill myself tonight").score
    )


def test_every_rule_in_the_data_files_has_a_case():
    fired = set()
    for text, _ in URGENT_CASES + CONCERN_CASES + NONE_CASES:
        fired.update(assess_risk(text).signals)
    missing = set(ALL_RULE_IDS) - fired
    assert not missing


def test_every_exception_has_a_case():
    fired = set()
    for text, _ in URGENT_CASES + CONCERN_CASES + NONE_CASES:
        fired.update(assess_risk(text).signals)
    exceptions = {
        "exception.negated",
        "exception.disavowed",
        "exception.past_tense",
        "exception.recovered",
        "exception.idiom",
        "exception.quoted",
        "concern.third_party",
    }
    assert exceptions <= fired


# More of our own everyday sentences: the kinds of text that must not be urgent, and the
# kinds that must be, mixed together.
MIXED = [
    ("The deadline is killing me, see you all tomorrow", NONE),
    ("I'd kill for a lie-in tomorrow", NONE),
    ("My phone is dying, talk later tonight", NONE),
    ("Honestly I could die of boredom in these meetings", NONE),
    ("I am not going to hurt myself, I promise", NONE),
    ("I no longer want to die, therapy helped", NONE),
    ("Five years ago I attempted suicide. Now I'm in a good place.", NONE),
    ("I used to self harm. These days I feel so much better.", NONE),
    ("Watching a film about a bridge tonight", NONE),
    ("Happy birthday, I love you all!", NONE),
    ("Note to self: buy bread tomorrow", NONE),
    ("Had a plan to go swimming today but it rained", NONE),
    ("I want to die of laughter at that meme", NONE),
    ("I'm worried my son wants to die", CONCERN),
    ("She told me she wants to end her life", CONCERN),
    ("Life feels pointless and hopeless lately", CONCERN),
    ("Sometimes I wish I could disappear", CONCERN),
    ("I keep hurting myself when things get bad", CONCERN),
    ("There's no point in trying any more", CONCERN),
    ("Nobody would miss me", CONCERN),
    ("I tried to kill myself when I was 15", CONCERN),
    ('Everyone keeps quoting "I want to die" from that show', CONCERN),
    ("I'm gonna kms, I've got the tablets", URGENT),
    ("I'm ready to die tonight", URGENT),
    ("I want to die. I've saved up my pills. Please forgive me.", URGENT),
    ("I w4nt t0 d13, I wrote my note", URGENT),
    ("I want to die, I have the rope ready in the garage", URGENT),
    ("tonight I will end it all, I've got the pills", URGENT),
    ("This is my goodbye. I'm going to kill myself.", URGENT),
    ("i wanna unalive myself, i have a plan", URGENT),
    ("I'm going to hang myself this weekend", URGENT),
    ("This traffic is killing me, I'll be late tonight", NONE),
    ("I'm dead tired after the night shift", NONE),
    ("My feet are killing me after that walk", NONE),
    ("I would rather die than sing karaoke tonight", NONE),
    ("I'm not going to end my life, I just need to vent", NONE),
    ("I never want to hurt myself again and I won't", NONE),
    ("I don't want to kill myself, I want things to change", NONE),
    ("I attempted suicide in 2015 and today I'm happy to be alive", NONE),
    ("The battery died so I'm going to bed early tonight", NONE),
    ("Saying goodbye to my old flat today, so many memories", NONE),
    ("Let's plan the picnic for this weekend", NONE),
    ("Years ago I took an overdose. I'm in a good place now.", NONE),
    ("My mum keeps saying she wants to die and I'm frightened", CONCERN),
    ("My partner told me he has thought about suicide", CONCERN),
    ("I feel like a burden to everyone around me", CONCERN),
    ("What's the point of anything any more", CONCERN),
    ("I hate myself so much", CONCERN),
    ("I can't cope with this any longer", CONCERN),
    ("Goodbye everyone. I'm going to end my life", URGENT),
    ("You will never hear from me again", URGENT),
    ("I overdosed, well I tried to overdose this morning", URGENT),
    ("Once my parents are asleep I'm going to kill myself", URGENT),
]


@pytest.mark.parametrize(("text", "level"), MIXED)
def test_mixed_everyday_sentences(text, level):
    assert assess_risk(text).level == level, assess_risk(text)


def test_a_diving_board_is_not_a_bridge():
    # Not urgent; the classifier may still call a sentence this long a concern.
    assert assess_risk("I'm going to jump off the diving board tonight").level != URGENT
