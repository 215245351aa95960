"""Signal ids from the risk check, in plain words for moderators. An id not listed here
(a rule added later) is shown as it is, so nothing is ever hidden from the queue."""

SIGNAL_WORDS = {
    # What the writer said about themselves.
    "intent.want_to_die": "says they want to die",
    "intent.no_subject": "talks about ending it",
    "intent.wish_dead": "wishes they were dead",
    "intent.kill_myself": "talks about killing themselves",
    "intent.end_my_life": "talks about ending their life",
    "intent.suicide": "talks about suicide for themselves",
    "intent.suicidal": "says they feel suicidal",
    "method.overdose": "mentions pills or an overdose",
    "method.hanging": "mentions hanging",
    "method.jumping": "mentions jumping",
    "method.cutting": "mentions cutting",
    "method.firearm": "mentions a gun",
    "method.other": "mentions a method",
    "plan.have_plan": "says they have a plan",
    "plan.note": "mentions a note",
    "plan.prepared": "says things are ready",
    "timing.soon": "gives a time (tonight, soon)",
    "timing.when_alone": "waiting until they are alone",
    "goodbye.this_is_goodbye": "says goodbye",
    "goodbye.tell_loved_ones": "leaves messages for loved ones",
    "goodbye.sorry_for_everything": "apologises for everything",
    "goodbye.farewell": "a farewell",
    "goodbye.final": "a final goodbye",
    # Why the level is urgent.
    "urgent.intent_with_method": "urgent: intent and a method",
    "urgent.intent_with_plan": "urgent: intent and a plan",
    "urgent.intent_with_timing": "urgent: intent and a time",
    "urgent.intent_with_goodbye": "urgent: intent and a goodbye",
    "urgent.final_goodbye": "urgent: a final goodbye",
    "urgent.recent_attempt": "urgent: an attempt in the last day",
    # Concern.
    "concern.intent_only": "intent without a plan",
    "concern.goodbye_only": "a goodbye without intent",
    "concern.third_party": "worried about someone else",
    "concern.hopeless": "feels hopeless",
    "concern.no_reason_to_live": "sees no reason to live",
    "concern.better_off_without_me": "thinks others are better off without them",
    "concern.burden": "feels a burden",
    "concern.self_harm": "mentions self-harm",
    "concern.not_want_to_live": "does not want to live",
    "concern.cannot_go_on": "cannot go on",
    "concern.disappear": "wants to disappear",
    "concern.trapped": "feels trapped",
    "concern.worthless": "feels worthless",
    "concern.suicide_mention": "mentions suicide",
    # Why the level is lower than it might have been.
    "exception.negated": "lowered: said they would not",
    "exception.disavowed": "lowered: said they would never act",
    "exception.past_tense": "lowered: about the past",
    "exception.recovered": "lowered: a recovery story",
    "exception.idiom": "lowered: a figure of speech",
    "exception.quoted": "lowered: quoting or lyrics",
}


def describe_signal(signal: str) -> str:
    return SIGNAL_WORDS.get(signal, signal)


def describe_signals(signals) -> list[str]:
    """Plain words for each signal, once each, in the order they fired. Idiom ids
    (idiom.*) are folded into "a figure of speech"."""
    words: list[str] = []
    for signal in signals or ():
        text = "lowered: a figure of speech" if str(signal).startswith("idiom.") else None
        text = text or describe_signal(str(signal))
        if text not in words:
            words.append(text)
    return words
