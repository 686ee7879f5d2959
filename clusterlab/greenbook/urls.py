from django.urls import path

from .views import editing as ed
from .views import publication as pub

app_name = "greenbook"

E = "greenbook/editions/<int:pk>/"
C = E + "chapters/<int:chapter_pk>/"

urlpatterns = [
    path("greenbook/", pub.home, name="home"),
    path("greenbook/editions/new/", ed.edition_new, name="edition-new"),
    path(E, pub.edition, name="edition"),
    path(C, pub.chapter, name="chapter"),
    path(E + "glossary/", pub.glossary, name="glossary"),
    path(E + "greenbook.pdf", pub.pdf, name="pdf"),
    path(E + "renders/<int:job_pk>/", pub.render_job, name="render-job"),
    path(E + "edit/", ed.edit, name="edit"),
    path(E + "chapters/", ed.chapter_add, name="chapter-add"),
    path(C + "edit/", ed.chapter_edit, name="chapter-edit"),
    path(C + "move/", ed.chapter_move, name="chapter-move"),
    path(C + "delete/", ed.chapter_delete, name="chapter-delete"),
    path(C + "entries/", ed.item_add, name="item-add"),
    path(C + "entries/<int:item_pk>/move/", ed.item_move, name="item-move"),
    path(C + "entries/<int:item_pk>/remove/", ed.item_remove, name="item-remove"),
    path(E + "glossary/add/", ed.term_add, name="term-add"),
    path(E + "glossary/<int:term_pk>/delete/", ed.term_delete, name="term-delete"),
    path(E + "publish/", ed.publish, name="publish"),
    path(E + "render/", ed.render_start, name="render"),
]
