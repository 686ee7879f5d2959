from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from clusterlab.analytics import api as analytics_api
from clusterlab.coaching import api as coaching_api
from clusterlab.core import views as core_views
from clusterlab.events import api as events_api
from clusterlab.excellence import api as excellence_api
from clusterlab.greenbook import api as greenbook_api
from clusterlab.mapping import api as mapping_api
from clusterlab.matchmaking import api as matchmaking_api
from clusterlab.network import api as network_api
from clusterlab.pilots import api as pilots_api
from clusterlab.registry import api as registry_api
from clusterlab.surveys import api as surveys_api
from clusterlab.toolbox import api as toolbox_api
from clusterlab.training import api as training_api

router = DefaultRouter()
router.register("organisations", registry_api.OrganisationViewSet, basename="organisation")
router.register("clusters", registry_api.ClusterViewSet, basename="cluster")
router.register("memberships", registry_api.MembershipViewSet, basename="membership")
router.register("contacts", registry_api.ContactViewSet, basename="contact")
router.register("services", registry_api.ServiceRecordViewSet, basename="service")
router.register(
    "letters-of-support", registry_api.LetterOfSupportViewSet, basename="letter-of-support"
)
router.register(
    "cooperation-profiles",
    matchmaking_api.CooperationProfileViewSet,
    basename="cooperation-profile",
)
router.register("introductions", matchmaking_api.IntroductionViewSet, basename="introduction")
router.register("events", events_api.EventViewSet, basename="event")
router.register("registrations", events_api.RegistrationViewSet, basename="registration")
router.register("meeting-slots", events_api.MeetingSlotViewSet, basename="meeting-slot")
router.register("meeting-requests", events_api.MeetingRequestViewSet, basename="meeting-request")
router.register("meetings", events_api.MeetingViewSet, basename="meeting")
router.register("surveys", surveys_api.SurveyViewSet, basename="survey")
router.register("survey-invitations", surveys_api.InvitationViewSet, basename="survey-invitation")
router.register("survey-responses", surveys_api.ResponseViewSet, basename="survey-response")
router.register("pilots", pilots_api.PilotViewSet, basename="pilot")
router.register("pilot-participants", pilots_api.ParticipantViewSet, basename="pilot-participant")
router.register("indicators", pilots_api.IndicatorViewSet, basename="indicator")
router.register("measurements", pilots_api.MeasurementViewSet, basename="measurement")
router.register("nace-sectors", registry_api.NaceSectorViewSet, basename="nace-sector")
router.register("nuts-regions", registry_api.NutsRegionViewSet, basename="nuts-region")
router.register("capabilities", registry_api.CapabilityViewSet, basename="capability")
router.register("creative-sets", registry_api.CreativeSetViewSet, basename="creative-set")
for app_api in (
    training_api,
    coaching_api,
    toolbox_api,
    greenbook_api,
    network_api,
    mapping_api,
    excellence_api,
    analytics_api,
):
    app_api.register(router)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("", include("clusterlab.registry.urls")),
    path("", include("clusterlab.matchmaking.urls")),
    path("", include("clusterlab.events.urls")),
    path("", include("clusterlab.surveys.urls")),
    path("", include("clusterlab.pilots.urls")),
    path("", include("clusterlab.training.urls")),
    path("", include("clusterlab.coaching.urls")),
    path("", include("clusterlab.toolbox.urls")),
    path("", include("clusterlab.greenbook.urls")),
    path("", include("clusterlab.network.urls")),
    path("", include("clusterlab.mapping.urls")),
    path("", include("clusterlab.excellence.urls")),
    path("", include("clusterlab.analytics.urls")),
    path("accounts/", include("clusterlab.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "api/organisations/<int:pk>/recommendations/",
        matchmaking_api.RecommendationsView.as_view(),
        name="organisation-recommendations",
    ),
    path(
        "api/clusters/<slug:slug>/matchmaking/",
        matchmaking_api.ClusterMatchmakingView.as_view(),
        name="cluster-matchmaking",
    ),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
