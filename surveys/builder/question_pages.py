"""A survey asked one question (or a small group) per page, as GOV.UK question pages: progress
("Question 3 of 14"), a back link that keeps the answers, "Check your answers" with Change links,
then the survey's usual thank-you page.

Where the answers so far live: on the server, in a `SurveyDraft` keyed by a signed token in the
page's address (answer/<token>/3/), rather than in a signed form value carried from page to page.
- Back and Change are then plain links, and every answer is a POST followed by a redirect, so the
  browser's own back button and reload work as residents expect, without JavaScript and without a
  session cookie (the survey's public pages stay in the shared cache).
- "Save and come back later" is the same draft: the emailed link is the draft's address.
- A signed form value would put every answer, the personal ones included, in each page's HTML and
  in the browser's form history, and grows with each written answer.
The cost, a row per resident who starts, is bounded by retention: a draft not saved for later is
deleted a day after it was last touched. The token is signed, so a link altered by hand is refused
with its own message before any query, and only a keyed digest of it is stored. Every page of a
draft is `private, no-store`, so no cache ever holds anyone's answers.

Pages: a question starts a new page unless the editor ticked "on the same page as the question
before". Skip rules (surveys/builder/skip_logic.py) decide which pages apply, and the progress
counts only the questions that apply to these answers.
"""

from dataclasses import dataclass

from surveys.builder.skip_logic import asked_questions


@dataclass
class QuestionPage:
    number: int  # 1-based, fixed by the survey's questions (the page's address)
    questions: list


def question_groups(questions):
    pages = []
    for question in questions:
        if pages and question.same_page_as_previous:
            pages[-1].questions.append(question)
        else:
            pages.append(QuestionPage(len(pages) + 1, [question]))
    return pages


class Journey:
    """The question pages of a survey for one resident's answers so far."""

    def __init__(self, questions, answers):
        self.questions = list(questions)
        self.answers = answers
        self.pages = question_groups(self.questions)
        self.asked = asked_questions(self.questions, answers)
        asked_names = {q.clean_name for q in self.asked}
        pages = [(p.number, [q for q in p.questions if q.clean_name in asked_names]) for p in self.pages]
        self.applying = [QuestionPage(number, kept) for number, kept in pages if kept]

    def page(self, number):
        """The page with this number if it applies to these answers, else None."""
        return next((page for page in self.applying if page.number == number), None)

    def previous(self, page):
        earlier = [p for p in self.applying if p.number < page.number]
        return earlier[-1] if earlier else None

    def next(self, page):
        return next((p for p in self.applying if p.number > page.number), None)

    def first_unanswered(self):
        """The first page that applies with a question never answered: where a resumed draft, or
        a changed answer that brought in a new question, goes next. None when all are answered."""
        for page in self.applying:
            if any(q.clean_name not in self.answers for q in page.questions):
                return page
        return None

    def progress(self, page):
        """(first, last, total): the numbers of the page's questions among those that apply."""
        before = sum(len(p.questions) for p in self.applying if p.number < page.number)
        return before + 1, before + len(page.questions), len(self.asked)

    def asked_answers(self):
        """The answers to the questions that apply: what is sent, and what "Check your answers" lists."""
        return {q.clean_name: self.answers[q.clean_name] for q in self.asked if q.clean_name in self.answers}
