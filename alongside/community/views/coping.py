"""The coping strategies library: list, share, read, edit, delete, "this helped me" and
comments. Members only; anonymous visitors are sent to log in."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views import View

from alongside.community.actions import coping as actions
from alongside.community.errors import CommunityActionError
from alongside.community.forms_coping import (
    CopingCommentForm,
    CopingFilterForm,
    CopingStrategyForm,
    HelpedForm,
)
from alongside.community.permissions.coping import (
    access_coping_comment_by_id,
    access_coping_strategy_by_id,
    check_comment_on_coping_strategy_permission,
    check_delete_coping_comment_permission,
    check_edit_coping_strategy_permission,
    check_mark_helped_permission,
    check_share_coping_strategy_permission,
)
from alongside.community.selectors.coping import (
    coping_strategies,
    coping_strategy_page,
    with_list_details,
)
from alongside.safety.views_support import after_writing_content

PAGE_SIZE = 20


def _problem_from(form, error: ValidationError) -> str:
    """Put an action's refusal beside the field it is about; return any general one."""
    if isinstance(error, CommunityActionError) or not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    form.add_error(None, error)
    return ""


class CopingListView(LoginRequiredMixin, View):
    def get(self, request):
        form = CopingFilterForm(request.GET or None)
        strategies = coping_strategies(viewer=request.user, **form.filters())
        page = Paginator(strategies.only("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = with_list_details(list(page.object_list), viewer=request.user)
        query = request.GET.copy()
        query.pop("page", None)
        context = {"form": form, "page": page, "query_string": query.urlencode()}
        return render(request, "community/coping/list.html", context)


class CopingShareView(LoginRequiredMixin, View):
    template_name = "community/coping/form.html"

    def render_form(self, request, form, *, problem="", status=200):
        context = {"form": form, "problem": problem, "strategy": None}
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        check_share_coping_strategy_permission(request.user)
        return self.render_form(request, CopingStrategyForm())

    def post(self, request):
        check_share_coping_strategy_permission(request.user)
        form = CopingStrategyForm(request.POST)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        try:
            strategy = actions.share_coping_strategy(author=request.user, details=form.details())
        except ValidationError as error:
            problem = _problem_from(form, error)
            return self.render_form(request, form, problem=problem, status=400)
        return after_writing_content(
            request,
            strategy,
            back_url=actions.strategy_url(strategy),
            success="Thank you for sharing. Your strategy is in the library now.",
        )


class CopingDetailView(LoginRequiredMixin, View):
    template_name = "community/coping/detail.html"

    def render_page(self, request, strategy, comment_form=None, *, problem="", status=200):
        context = coping_strategy_page(viewer=request.user, strategy=strategy)
        context.update(
            comment_form=comment_form or CopingCommentForm(),
            problem=problem,
            can_edit=strategy.author_id == request.user.pk,
        )
        return render(request, self.template_name, context, status=status)

    def get(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        return self.render_page(request, strategy)


class CopingEditView(LoginRequiredMixin, View):
    template_name = "community/coping/form.html"

    def render_form(self, request, strategy, form, *, problem="", status=200):
        context = {"form": form, "problem": problem, "strategy": strategy}
        return render(request, self.template_name, context, status=status)

    def get(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        check_edit_coping_strategy_permission(request.user, strategy)
        form = CopingStrategyForm(initial=CopingStrategyForm.initial_for(strategy))
        return self.render_form(request, strategy, form)

    def post(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        check_edit_coping_strategy_permission(request.user, strategy)
        form = CopingStrategyForm(request.POST)
        if not form.is_valid():
            return self.render_form(request, strategy, form, status=400)
        try:
            actions.edit_coping_strategy(
                strategy=strategy, editor=request.user, details=form.details()
            )
        except ValidationError as error:
            problem = _problem_from(form, error)
            return self.render_form(request, strategy, form, problem=problem, status=400)
        return after_writing_content(
            request,
            strategy,
            back_url=actions.strategy_url(strategy),
            success="Your changes are saved.",
        )


class CopingDeleteView(LoginRequiredMixin, View):
    template_name = "community/coping/delete.html"

    def get(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        check_edit_coping_strategy_permission(request.user, strategy)
        return render(request, self.template_name, {"strategy": strategy})

    def post(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        check_edit_coping_strategy_permission(request.user, strategy)
        actions.delete_coping_strategy(strategy=strategy, actor=request.user)
        messages.success(request, "Your strategy is deleted.")
        return redirect("community:coping_list")


class CopingHelpedView(LoginRequiredMixin, View):
    def post(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        check_mark_helped_permission(request.user, strategy)
        form = HelpedForm(request.POST)
        if form.is_valid() and form.cleaned_data["helped"]:
            actions.mark_coping_strategy_helped(strategy=strategy, user=request.user)
            messages.success(request, "Thank you for saying it helped you.")
        elif form.is_valid():
            actions.unmark_coping_strategy_helped(strategy=strategy, user=request.user)
            messages.success(request, "You've taken back your \u201cthis helped me\u201d.")
        return redirect("community:coping_detail", strategy_id=strategy.pk)


class CopingCommentView(LoginRequiredMixin, View):
    def get(self, request, strategy_id):
        return redirect("community:coping_detail", strategy_id=strategy_id)

    def post(self, request, strategy_id):
        strategy = access_coping_strategy_by_id(user=request.user, strategy_id=strategy_id)
        check_comment_on_coping_strategy_permission(request.user, strategy)
        form = CopingCommentForm(request.POST)
        page = CopingDetailView()
        if not form.is_valid():
            return page.render_page(request, strategy, form, status=400)
        try:
            comment = actions.comment_on_coping_strategy(
                strategy=strategy, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            problem = _problem_from(form, error)
            return page.render_page(request, strategy, form, problem=problem, status=400)
        return after_writing_content(
            request,
            comment,
            back_url=f"{actions.strategy_url(strategy)}#comment-{comment.pk}",
            success="Your comment is posted.",
        )


class CopingCommentDeleteView(LoginRequiredMixin, View):
    def post(self, request, comment_id):
        comment = access_coping_comment_by_id(user=request.user, comment_id=comment_id)
        check_delete_coping_comment_permission(request.user, comment)
        actions.delete_coping_comment(comment=comment, actor=request.user)
        messages.success(request, "Your comment is deleted.")
        return redirect("community:coping_detail", strategy_id=comment.strategy_id)
