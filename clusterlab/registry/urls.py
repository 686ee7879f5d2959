from django.urls import path

from .views import directory, people, workspace

app_name = "registry"

urlpatterns = [
    path("directory/", directory.organisation_directory, name="directory"),
    path("organisations/<int:pk>/", directory.organisation_detail, name="organisation-detail"),
    path("organisations/<int:pk>/edit/", people.organisation_edit, name="organisation-edit"),
    path(
        "organisations/<int:pk>/history/", people.organisation_history, name="organisation-history"
    ),
    path("organisations/<int:pk>/notes/", people.note_add, name="note-add"),
    path("organisations/<int:pk>/contacts/new/", people.contact_add, name="contact-add"),
    path("organisations/<int:pk>/letters/new/", people.letter_add, name="letter-add"),
    path("contacts/<int:pk>/edit/", people.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/export/", people.contact_export, name="contact-export"),
    path("contacts/<int:pk>/erase/", people.contact_erase, name="contact-erase"),
    path("clusters/", directory.cluster_directory, name="clusters"),
    path("clusters/<slug:slug>/", directory.cluster_detail, name="cluster-detail"),
    path("workspace/", workspace.workspace_home, name="workspace"),
    path("workspace/<slug:slug>/", workspace.workspace_members, name="workspace-members"),
    path("workspace/<slug:slug>/profile/", workspace.cluster_edit, name="cluster-edit"),
    path("workspace/<slug:slug>/members/new/", workspace.member_add, name="member-add"),
    path(
        "workspace/<slug:slug>/memberships/<int:pk>/",
        workspace.membership_edit,
        name="membership-edit",
    ),
    path(
        "workspace/<slug:slug>/memberships/<int:pk>/remove/",
        workspace.membership_remove,
        name="membership-remove",
    ),
    path("workspace/<slug:slug>/services/", workspace.service_log, name="workspace-services"),
    path(
        "workspace/<slug:slug>/export.csv",
        workspace.member_export,
        {"fmt": "csv"},
        name="member-export-csv",
    ),
    path(
        "workspace/<slug:slug>/export.xlsx",
        workspace.member_export,
        {"fmt": "xlsx"},
        name="member-export-xlsx",
    ),
    path("workspace/<slug:slug>/import/", workspace.import_upload, name="import-upload"),
    path("workspace/<slug:slug>/import/<int:pk>/", workspace.import_detail, name="import-detail"),
]
