"""Writes of the surveys domain: the builder, sending and reminders, answering."""

from .answering import AnswerErrors, clean_answers, field_name, response_save, response_submit
from .builder import (
    question_add,
    question_delete,
    question_move,
    question_update,
    section_add,
    section_delete,
    section_move,
    section_update,
    survey_copy,
    survey_create,
    survey_set_status,
    survey_update,
)
from .sending import Recipient, survey_remind, survey_send

__all__ = [
    "AnswerErrors",
    "Recipient",
    "clean_answers",
    "field_name",
    "question_add",
    "question_delete",
    "question_move",
    "question_update",
    "response_save",
    "response_submit",
    "section_add",
    "section_delete",
    "section_move",
    "section_update",
    "survey_copy",
    "survey_create",
    "survey_remind",
    "survey_send",
    "survey_set_status",
    "survey_update",
]
