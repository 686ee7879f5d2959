from .responses import Answer, Invitation, Response
from .survey import Question, Section, Survey

__all__ = ["Answer", "Invitation", "Question", "Response", "Section", "Survey"]
