from django.urls import path

from .views import entries, questions

app_name = "toolbox"

urlpatterns = [
    path("toolbox/", entries.home, name="home"),
    path("toolbox/entries/new/", entries.entry_new, name="entry-new"),
    path("toolbox/entries/<int:pk>/", entries.entry_detail, name="entry-detail"),
    path("toolbox/entries/<int:pk>/edit/", entries.entry_edit, name="entry-edit"),
    path("toolbox/entries/<int:pk>/translate/", entries.entry_translate, name="entry-translate"),
    path("toolbox/entries/<int:pk>/submit/", entries.entry_submit, name="entry-submit"),
    path("toolbox/entries/<int:pk>/publish/", entries.entry_publish, name="entry-publish"),
    path("toolbox/entries/<int:pk>/send-back/", entries.entry_send_back, name="entry-send-back"),
    path("toolbox/entries/<int:pk>/review/", entries.entry_review, name="entry-review"),
    path("toolbox/entries/<int:pk>/versions/", entries.entry_versions, name="entry-versions"),
    path("toolbox/entries/<int:pk>/attachments/", entries.attachment_add, name="attachment-add"),
    path("toolbox/attachments/<int:pk>/", entries.attachment_download, name="attachment"),
    path("toolbox/lessons/", entries.lessons, name="lessons"),
    path("toolbox/lessons/<int:pk>/entry/", entries.lesson_to_entry, name="lesson-to-entry"),
    path("toolbox/questions/", questions.question_list, name="questions"),
    path("toolbox/questions/<int:pk>/", questions.question_detail, name="question-detail"),
    path("toolbox/answers/<int:pk>/mark/", questions.answer_mark, name="answer-mark"),
]
