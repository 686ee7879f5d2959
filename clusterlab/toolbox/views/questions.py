"""The network's questions and answers (logged-in users)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, NotAllowed, form_error

from .. import permissions, selectors, services
from ..forms import AnswerForm, QuestionForm
from ..markdown import render_markdown
from ..models import Answer


@login_required
def question_list(request):
    form = QuestionForm(request.POST or None, initial={"language": request.LANGUAGE_CODE[:2]})
    can_ask = permissions.can_write(request.user)
    if request.method == "POST":
        if not can_ask:
            raise Http404
        if form.is_valid():
            try:
                question = services.question_ask(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Your question is on the network."))
                return redirect("toolbox:question-detail", question.pk)
    context = {
        "questions": selectors.question_list(user=request.user),
        "form": form,
        "can_ask": can_ask,
    }
    return render(request, "toolbox/question_list.html", context)


@login_required
def question_detail(request, pk: int):
    question = get_object_or_404(selectors.question_list(user=request.user), pk=pk)
    form = AnswerForm(request.POST or None)
    can_answer = permissions.can_write(request.user)
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            try:
                services.answer_add(
                    actor=request.user, question=question, body=form.cleaned_data["body"]
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Answer posted."))
                return redirect("toolbox:question-detail", question.pk)
    answers = [(a, render_markdown(a.body)) for a in question.answers.select_related("author")]
    context = {
        "question": question,
        "answers": answers,
        "form": form,
        "can_answer": can_answer,
        "can_mark": permissions.can_mark_answer(request.user, question),
        "can_write": can_answer,
    }
    return render(request, "toolbox/question_detail.html", context)


@login_required
@require_POST
def answer_mark(request, pk: int):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    try:
        services.answer_mark(
            actor=request.user, answer=answer, good=request.POST.get("good") != "0"
        )
    except NotAllowed as exc:
        raise Http404 from exc
    return redirect("toolbox:question-detail", answer.question_id)
