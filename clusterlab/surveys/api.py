"""REST API of surveys, for their owners only: the same selectors, permissions and services as
the pages. Respondents never use the API: their personal link is the only way in."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework import permissions as drf_permissions
from rest_framework.decorators import action
from rest_framework.response import Response as ApiResponse

from clusterlab.core.errors import DomainError
from clusterlab.core.params import int_or_none
from clusterlab.registry.models import Cluster

from . import selectors, services
from .enums import CATEGORICAL_KINDS, Breakdown, QuestionKind, SurveyStatus
from .models import Invitation, Question, Response, Section, Survey
from .results import survey_crosstab, survey_results

MAX_ID = 2**63 - 1  # the largest id the databases hold; larger numbers are refused, not a 500


def texts_field(max_length: int = 5000, **kwargs) -> serializers.DictField:
    """A {language code: text} dictionary."""
    return serializers.DictField(
        child=serializers.CharField(max_length=max_length, allow_blank=True), **kwargs
    )


class ChoiceSerializer(serializers.Serializer):
    value = serializers.CharField(max_length=50, required=False, allow_blank=True)
    label = texts_field(300)


class QuestionSerializer(serializers.ModelSerializer):
    """A question; to add one, post it to /surveys/{id}/questions/ (no section: the last)."""

    section = serializers.IntegerField(
        source="section_id", required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
    code = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    text = texts_field(1000)
    help_text = texts_field(1000, required=False)
    required = serializers.BooleanField(default=False)
    choices = ChoiceSerializer(many=True, required=False, max_length=50)
    low_label = texts_field(300, required=False)
    high_label = texts_field(300, required=False)
    min_value = serializers.FloatField(required=False, allow_null=True)
    max_value = serializers.FloatField(required=False, allow_null=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "section",
            "code",
            "kind",
            "text",
            "help_text",
            "required",
            "choices",
            "low_label",
            "high_label",
            "min_value",
            "max_value",
            "position",
        ]
        read_only_fields = ["position"]


class SectionSerializer(serializers.ModelSerializer):
    title = texts_field(300, required=False, default=dict)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["id", "title", "position", "questions"]
        read_only_fields = ["position"]


class SurveySerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", queryset=Cluster.objects.all())
    title = texts_field(200)
    introduction = texts_field(5000, required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=settings.LANGUAGES), min_length=1, max_length=10
    )
    default_language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    status = serializers.ChoiceField(choices=SurveyStatus.choices, required=False)
    sections = SectionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "cluster",
            "title",
            "introduction",
            "languages",
            "default_language",
            "status",
            "closes_at",
            "copied_from",
            "created_at",
            "sections",
        ]
        read_only_fields = ["copied_from", "created_at"]


class RecipientSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    organisation = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
    group = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class SendSerializer(serializers.Serializer):
    recipients = RecipientSerializer(many=True, max_length=services.sending.MAX_RECIPIENTS)


class CopySerializer(serializers.Serializer):
    title = texts_field(200, required=False)


class RemindedSerializer(serializers.Serializer):
    reminded = serializers.IntegerField()


class InvitationSerializer(serializers.ModelSerializer):
    started_at = serializers.DateTimeField(
        source="response.started_at", read_only=True, allow_null=True, default=None
    )
    submitted_at = serializers.DateTimeField(
        source="response.submitted_at", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "survey",
            "email",
            "name",
            "language",
            "organisation",
            "group",
            "reference",
            "created_at",
            "sent_at",
            "reminded_at",
            "reminder_count",
            "started_at",
            "submitted_at",
        ]
        read_only_fields = fields


class ResponseSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="invitation.reference", read_only=True)
    group = serializers.CharField(source="invitation.group", read_only=True)
    organisation = serializers.IntegerField(
        source="invitation.organisation_id", read_only=True, allow_null=True
    )
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Response
        fields = [
            "id",
            "survey",
            "invitation",
            "reference",
            "group",
            "organisation",
            "language",
            "started_at",
            "updated_at",
            "submitted_at",
            "answers",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_answers(self, response: Response) -> dict:
        """{question code: value}"""
        return selectors.response_answers(response)


# --- Results ------------------------------------------------------------------------------


class FiguresSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    started = serializers.IntegerField()
    submitted = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)
    started_rate = serializers.FloatField(allow_null=True)


class CellSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class CategorySerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(source="cell.count")
    share = serializers.FloatField(source="cell.share", allow_null=True)


class QuestionResultSerializer(serializers.Serializer):
    code = serializers.CharField(source="question.code")
    kind = serializers.CharField(source="question.kind")
    label = serializers.CharField()
    n = serializers.IntegerField()
    categories = CategorySerializer(many=True)
    stats = serializers.DictField(help_text="n, mean, median, sd (sample), min, max")
    texts = serializers.ListField(child=serializers.CharField())


class CrossTabRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    n = serializers.IntegerField()
    cells = CellSerializer(many=True)
    mean = serializers.FloatField(allow_null=True)


class CrossTabSerializer(serializers.Serializer):
    question = serializers.CharField(source="question.code")
    by = serializers.CharField()
    columns = serializers.SerializerMethodField()
    rows = CrossTabRowSerializer(many=True)
    total = CrossTabRowSerializer()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_columns(self, crosstab) -> list[str]:
        return [str(value) for value, _label in crosstab.columns]


class ResultsSerializer(serializers.Serializer):
    figures = FiguresSerializer()
    questions = QuestionResultSerializer(many=True)
    crosstab = CrossTabSerializer(allow_null=True, required=False)


RESULT_PARAMS = [
    OpenApiParameter("lang", OpenApiTypes.STR, description="language of the labels"),
    OpenApiParameter("question", OpenApiTypes.STR, description="code of a question to cross-tab"),
    OpenApiParameter("by", OpenApiTypes.STR, enum=Breakdown.values),
]
CLUSTER_PARAMS = [OpenApiParameter("cluster", OpenApiTypes.STR, description="cluster slug")]
SURVEY_PARAMS = [OpenApiParameter("survey", OpenApiTypes.INT)]


@extend_schema_view(list=extend_schema(parameters=CLUSTER_PARAMS))
class SurveyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Surveys of the clusters the caller manages, with their sections and questions."""

    serializer_class = SurveySerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        cluster = self.request.query_params.get("cluster", "") if self.action == "list" else ""
        return (
            selectors.survey_list(user=self.request.user, cluster_slug=cluster)
            .select_related("cluster")
            .prefetch_related("sections__questions__survey")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)  # a new survey is a draft
        serializer.instance = services.survey_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        cluster = data.pop("cluster", None)
        if cluster is not None and cluster.pk != serializer.instance.cluster_id:
            raise DomainError("A survey cannot move to another cluster.", field="cluster")
        serializer.instance = services.survey_update(
            actor=self.request.user, survey=serializer.instance, data=data
        )

    @extend_schema(request=SectionSerializer, responses={201: SectionSerializer})
    @action(detail=True, methods=["post"])
    def sections(self, request, pk=None):
        """Add a section at the end."""
        survey = self.get_object()
        body = SectionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        section = services.section_add(
            actor=request.user, survey=survey, title=body.validated_data["title"]
        )
        return ApiResponse(SectionSerializer(section).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QuestionSerializer, responses={201: QuestionSerializer})
    @action(detail=True, methods=["post"])
    def questions(self, request, pk=None):
        """Add a question at the end of a section (the last one when none is given)."""
        survey = self.get_object()
        body = QuestionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        section_id = data.pop("section_id", None)
        section = None
        if section_id is not None:
            section = survey.sections.filter(pk=section_id).first()
            if section is None:
                raise DomainError("Choose a section of this survey.", field="section")
        question = services.question_add(
            actor=request.user,
            survey=survey,
            section=section,
            kind=data.pop("kind"),
            text=data.pop("text"),
            **data,
        )
        return ApiResponse(QuestionSerializer(question).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SendSerializer, responses={201: InvitationSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        """Invite people (once per e-mail address) and e-mail them their personal link."""
        survey = self.get_object()
        body = SendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        recipients = [
            services.Recipient(
                email=r["email"],
                name=r["name"],
                language=r.get("language", ""),
                organisation_id=r.get("organisation"),
                group=r["group"],
                reference=r["reference"],
            )
            for r in body.validated_data["recipients"]
        ]
        invitations = services.survey_send(
            actor=request.user,
            survey=survey,
            recipients=recipients,
            base_url=request.build_absolute_uri("/")[:-1],
        )
        return ApiResponse(
            InvitationSerializer(invitations, many=True).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=RemindedSerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """Remind who has not submitted (nobody twice within 24 hours)."""
        reminded = services.survey_remind(
            actor=request.user,
            survey=self.get_object(),
            base_url=request.build_absolute_uri("/")[:-1],
        )
        return ApiResponse({"reminded": len(reminded)})

    @extend_schema(request=CopySerializer, responses={201: SurveySerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """Copy the survey with its sections and questions as a new draft."""
        survey = self.get_object()
        body = CopySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        copy = services.survey_copy(
            actor=request.user, survey=survey, title=body.validated_data.get("title")
        )
        return ApiResponse(SurveySerializer(copy).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=RESULT_PARAMS, responses=ResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """Response rates, distributions and statistics; with `question` and `by`, a
        cross-tabulation. Submitted responses only."""
        survey = self.get_object()
        params = request.query_params
        language = survey.language_or_default(params.get("lang"))
        results = survey_results(survey=survey, language=language)
        crosstab = None
        if params.get("question") or params.get("by"):
            question = survey.questions.filter(
                code=params.get("question", ""), kind__in=CATEGORICAL_KINDS
            ).first()
            if question is None:
                raise DomainError("Give the code of a choice or Likert question.", field="question")
            if params.get("by") not in Breakdown.values:
                raise DomainError("Cross-tabulate by group, sector or country.", field="by")
            crosstab = survey_crosstab(
                survey=survey, question=question, by=params["by"], language=language
            )
        body = {"figures": results.figures, "questions": results.questions, "crosstab": crosstab}
        return ApiResponse(ResultsSerializer(body).data)


@extend_schema_view(list=extend_schema(parameters=SURVEY_PARAMS))
class InvitationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Invitations of the caller's surveys (personal data; the secret link is never shown)."""

    serializer_class = InvitationSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        rows = selectors.invitation_visible(user=self.request.user).select_related("response")
        survey = int_or_none(self.request.query_params.get("survey"))
        if survey is not None:
            rows = rows.filter(survey_id=survey)
        return rows.order_by("pk")


@extend_schema_view(list=extend_schema(parameters=SURVEY_PARAMS))
class ResponseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Responses to the caller's surveys with their answers by question code (read only)."""

    serializer_class = ResponseSerializer
    permission_classes = [drf_permissions.IsAuthenticated]

    def get_queryset(self):
        rows = selectors.response_visible(user=self.request.user)
        survey = int_or_none(self.request.query_params.get("survey"))
        if survey is not None:
            rows = rows.filter(survey_id=survey)
        return rows.order_by("pk")
