from django import forms

from alongside.safety.models import SAFETY_PLAN_STEP_MAX_LENGTH, SAFETY_PLAN_STEPS, SafetyPlan

STEP_HELP = {
    "warning_signs": "Thoughts, feelings or situations you notice before things get harder.",
    "coping_on_my_own": "Small things that have helped before, like a walk, music or a shower.",
    "distractions": "People to be around and places to go, without having to talk about it.",
    "people_to_ask": "Names and numbers of people you trust, written however suits you.",
    "professionals": "Your GP, a care team, a helpline: names and numbers.",
    "safer_surroundings": "Ways to make where you are safer when things are hard.",
    "reasons_to_live": "People, pets, plans or anything else that matters to you.",
}


class SafetyPlanForm(forms.ModelForm):
    """Every step is optional; each can be up to 2,000 characters."""

    class Meta:
        model = SafetyPlan
        fields = [name for name, _ in SAFETY_PLAN_STEPS]
        help_texts = STEP_HELP
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name, _ in SAFETY_PLAN_STEPS}
        error_messages = {
            name: {
                "max_length": f"Keep this to {SAFETY_PLAN_STEP_MAX_LENGTH:,} characters or "
                "fewer (you have %(show_value)s)."
            }
            for name, _ in SAFETY_PLAN_STEPS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No maxlength in the page: a long paste would be cut off silently. The server
        # says plainly when a step is too long instead.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)
