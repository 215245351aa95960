"""Why someone is still waiting, in the words the coordinators' waiting list, request
pages, run previews and the API all use. The engine's inputs about everyone are read once
per page or call (`EngineInputs.load`), not once per request."""

from dataclasses import dataclass

from alongside.matching import engine
from alongside.matching.selectors_people import matching_settings

HELD_REASON = (
    "Held for review: what they wrote is waiting for a moderator, so matching leaves them "
    "out until then."
)


@dataclass(frozen=True)
class EngineInputs:
    supporters: list
    weights: engine.Weights
    blocks: set
    topic_names: dict

    @classmethod
    def load(cls, kind=None) -> "EngineInputs":
        """Supporters with a free place (offering `kind` if given), the weights, the pair
        blocks and the topic names."""
        return cls(
            supporters=engine.load_supporters(kind=kind),
            weights=engine.Weights.from_settings(matching_settings()),
            blocks=engine.load_blocks(),
            topic_names=engine.load_topic_names(),
        )

    def suggest(self, facts, *, limit: int) -> list:
        return engine.suggest(
            facts, self.supporters, self.weights, self.blocks, self.topic_names, limit=limit
        )

    def explain(self, facts) -> str:
        return engine.explain_unmatched(
            facts, self.supporters, self.weights, self.blocks, self.topic_names
        )


def why_waiting(support_request, inputs: EngineInputs) -> str:
    """Why `support_request` (a waiting one, topics prefetched) has no match yet."""
    if support_request.text_held:
        return HELD_REASON
    return inputs.explain(engine.request_facts(support_request))
