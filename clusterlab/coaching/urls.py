from django.urls import path

from .views import coaching, exchanges

app_name = "coaching"

urlpatterns = [
    path("coaching/", coaching.home, name="home"),
    path("coaching/schemes/", coaching.scheme_list, name="schemes"),
    path("coaching/schemes/new/", coaching.scheme_new, name="scheme-new"),
    path("coaching/schemes/<int:pk>/", coaching.scheme_detail, name="scheme-detail"),
    path("coaching/schemes/<int:pk>/edit/", coaching.scheme_edit, name="scheme-edit"),
    path("coaching/engagements/new/", coaching.engagement_new, name="engagement-new"),
    path("coaching/engagements/<int:pk>/", coaching.engagement_detail, name="engagement-detail"),
    path("coaching/engagements/<int:pk>/sessions/", coaching.session_add, name="session-add"),
    path(
        "coaching/engagements/<int:pk>/sessions/<int:session_pk>/",
        coaching.session_edit,
        name="session-edit",
    ),
    path("coaching/engagements/<int:pk>/actions/", coaching.action_add, name="action-add"),
    path(
        "coaching/engagements/<int:pk>/actions/<int:action_pk>/status/",
        coaching.action_status,
        name="action-status",
    ),
    path(
        "coaching/engagements/<int:pk>/steps/<int:step_pk>/complete/",
        coaching.step_complete,
        name="step-complete",
    ),
    path(
        "coaching/engagements/<int:pk>/close/",
        coaching.engagement_close,
        name="engagement-close",
    ),
    path("exchanges/", exchanges.exchanges, name="exchanges"),
    path("exchanges/new/", exchanges.offer_new, name="offer-new"),
    path("exchanges/<int:pk>/", exchanges.offer_detail, name="offer-detail"),
    path("exchanges/<int:pk>/edit/", exchanges.offer_edit, name="offer-edit"),
    path("exchanges/<int:pk>/stops/", exchanges.stop_add, name="stop-add"),
    path(
        "exchanges/<int:pk>/stops/<int:stop_pk>/remove/",
        exchanges.stop_remove,
        name="stop-remove",
    ),
    path("exchanges/<int:pk>/apply/", exchanges.offer_apply, name="offer-apply"),
    path(
        "exchanges/applications/<int:pk>/",
        exchanges.application_detail,
        name="application-detail",
    ),
    path(
        "exchanges/applications/<int:pk>/decide/",
        exchanges.application_decide,
        name="application-decide",
    ),
    path(
        "exchanges/applications/<int:pk>/withdraw/",
        exchanges.application_withdraw,
        name="application-withdraw",
    ),
    path("exchanges/applications/<int:pk>/report/", exchanges.report_edit, name="report-edit"),
    path(
        "exchanges/applications/<int:pk>/report/toolbox/",
        exchanges.report_toolbox,
        name="report-toolbox",
    ),
]
