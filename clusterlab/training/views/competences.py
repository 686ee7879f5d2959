"""Pages of the competence framework, a manager's profile and assessments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterlab.core.errors import DomainError, form_error

from .. import permissions, selectors, services
from ..charts import Series, radar
from ..forms import CompetenceForm, InviteRaterForm, RatingForm
from ..models import Competence
from ..models.competences import Assessment


@login_required
def competences(request):
    rows = selectors.competence_list(include_inactive=permissions.can_edit_framework(request.user))
    return render(
        request,
        "training/competences.html",
        {"competences": rows, "can_edit": permissions.can_edit_framework(request.user)},
    )


@login_required
def competence_new(request):
    if not permissions.can_edit_framework(request.user):
        raise Http404
    form = CompetenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.competence_create(
                actor=request.user, code=form.cleaned_data["code"], data=form.data_for_service()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Competence added."))
            return redirect("training:competences")
    return render(request, "training/competence_form.html", {"form": form})


def _competence_initial(competence: Competence, language: str) -> dict:
    def text(texts) -> str:
        return (texts or {}).get(language, "")

    levels = list(competence.levels or []) + [{}] * 5
    return {
        "code": competence.code,
        "name": text(competence.name),
        "description": text(competence.description),
        **{f"level_{n}": text(levels[n - 1]) for n in range(1, 6)},
        "expected_level": competence.expected_level,
        "is_active": competence.is_active,
    }


@login_required
def competence_edit(request, pk: int):
    if not permissions.can_edit_framework(request.user):
        raise Http404
    competence = get_object_or_404(Competence, pk=pk)
    languages = dict(request_languages())
    language = request.GET.get("language", "en")
    if language not in languages:
        language = "en"
    form = CompetenceForm(request.POST or None, initial=_competence_initial(competence, language))
    form.fields["code"].disabled = True
    if language != "en":
        form.fields["name"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            services.competence_update(
                actor=request.user,
                competence=competence,
                language=language,
                data=form.data_for_service(),
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Competence saved."))
            return redirect("training:competences")
    context = {
        "form": form,
        "competence": competence,
        "language": language,
        "languages": languages.items(),
    }
    return render(request, "training/competence_form.html", context)


def request_languages():
    from django.conf import settings

    return settings.LANGUAGES


@login_required
def profile(request):
    profile = selectors.competence_profile(user=request.user)
    labels = [row.competence.display_name for row in profile.rows]
    chart = radar(
        labels,
        [
            Series(
                _("Target"),
                "target",
                [
                    (r.target or r.competence.expected_level) if r.self_level else None
                    for r in profile.rows
                ],
            ),
            Series(_("Self"), "self", [r.self_level for r in profile.rows]),
            Series(_("Peer"), "peer", [r.peer for r in profile.rows]),
            Series(_("Coach"), "coach", [r.coach for r in profile.rows]),
        ],
    )
    context = {
        "profile": profile,
        "chart": chart,
        "invite_form": InviteRaterForm(),
        "requested": selectors.ratings_requested(user=request.user),
        "asked": selectors.assessment_visible(user=request.user)
        .filter(subject=request.user)
        .exclude(role="self"),
    }
    return render(request, "training/profile.html", context)


def _initial_levels(assessment: Assessment | None) -> dict:
    if assessment is None:
        return {}
    return {r.competence_id: (r.level, r.target) for r in assessment.ratings.all()}


@login_required
def self_assess(request):
    last = (
        selectors.assessment_visible(user=request.user)
        .filter(subject=request.user, role="self", submitted_at__isnull=False)
        .first()
    )
    form = RatingForm(
        request.POST or None,
        competences=selectors.competence_list(),
        targets=True,
        initial_levels=_initial_levels(last),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_submit(
                actor=request.user, levels=form.levels(), targets=form.targets()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Self-assessment saved."))
            return redirect("training:profile")
    return render(request, "training/assess.html", {"form": form, "heading": _("Assess yourself")})


@login_required
@require_POST
def assessment_invite(request):
    form = InviteRaterForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_request(
                actor=request.user,
                rater_email=form.cleaned_data["rater_email"],
                role=form.cleaned_data["role"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Asked for a rating."))
    else:
        messages.error(request, _("Give a valid e-mail address."))
    return redirect("training:profile")


@login_required
def assessment_rate(request, pk: int):
    assessment = get_object_or_404(selectors.ratings_requested(user=request.user), pk=pk)
    form = RatingForm(
        request.POST or None,
        competences=selectors.competence_list(),
        initial_levels=_initial_levels(assessment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_rate(
                actor=request.user, assessment=assessment, levels=form.levels()
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Rating sent."))
            return redirect("training:profile")
    name = assessment.subject.get_full_name() or assessment.subject.username
    heading = _("Rate %(name)s") % {"name": name}
    return render(request, "training/assess.html", {"form": form, "heading": heading})
